// Ingest as configured: loads the glossary (its terms keep jieba from splitting them), then builds the index.

import type { Config } from '../config.js';
import { loadGlossary } from '../glossary/load-glossary.js';
import { createEmbedder } from '../retrieval/create-embedder.js';
import { addWords } from '../text/tokenize.js';
import { ingest, type IngestOptions, type IngestSummary } from './ingest.js';

export async function runIngest(config: Config, options: Pick<IngestOptions, 'rebuild' | 'progress' | 'notes'> = {}): Promise<IngestSummary> {
  const glossary = await loadGlossary(config.glossaryFile);
  addWords(glossary.sets.flatMap((s) => s.terms));
  return ingest({
    notesDir: config.notesDir,
    indexDir: config.indexDir,
    glossaryFile: config.glossaryFile,
    embedder: createEmbedder(config),
    ...options,
  });
}
