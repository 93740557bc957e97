// npm run ingest [-- --notes DIR] [--rebuild] — builds or updates the search index from markdown notes.

import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { runIngest } from '../server/ingest/run-ingest.js';
import { cliProgressReporter } from './cli-progress-reporter.js';

const { values } = parseArgs({
  options: { notes: { type: 'string' }, rebuild: { type: 'boolean', default: false } },
});

try {
  const config = loadConfig({ ...process.env, ...(values.notes ? { NOTES_DIR: values.notes } : {}) });
  const summary = await runIngest(config, { rebuild: values.rebuild!, progress: cliProgressReporter() });
  for (const w of summary.warnings) console.error(`warning: ${w}`);
  console.error(
    `ingested ${summary.sections} sections (${summary.emptyAnswers} without an answer) into ${summary.chunks} chunks; ` +
      `embedded ${summary.embedded}, reused ${summary.reused}, removed ${summary.removed}; model ${summary.modelId}; ${summary.seconds.toFixed(1)} s`,
  );
} catch (error) {
  console.error(`ingest failed: ${(error as Error).message}`);
  process.exit(1);
}
