// Builds or updates the index only when it is missing or stale, logging why (to stderr, keeping stdout clean).

import type { Config } from '../config.js';
import { createEmbedder } from '../retrieval/create-embedder.js';
import { staleness } from './ingest.js';
import type { Progress } from './progress.js';
import { runIngest } from './run-ingest.js';

export async function ensureIndex(config: Config, log: (line: string) => void = (l) => console.error(l), progress?: Progress): Promise<void> {
  const modelId = createEmbedder(config).modelId;
  const reason = await staleness({ notesDir: config.notesDir, indexDir: config.indexDir, glossaryFile: config.glossaryFile, modelId });
  if (!reason) return;
  log(`Indexing notes in ${config.notesDir} (${reason})…`);
  const summary = await runIngest(config, progress ? { progress } : {});
  summary.warnings.forEach((w) => log(`warning: ${w}`));
  log(`Indexed ${summary.sections} questions (${summary.chunks} chunks, ${summary.embedded} embedded) in ${summary.seconds.toFixed(1)} s.`);
}
