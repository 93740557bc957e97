// npm run ingest [-- --notes DIR] [--rebuild] — builds or updates the search index from markdown notes.
// Without --notes (or NOTES_DIR), the folder indexed last is updated; the bundled notes the first time.

import { loadConfigFor, parseCommandLine } from '../server/config.js';
import { chooseNotesDir } from '../server/ingest/ensure-index.js';
import { runIngest } from '../server/ingest/run-ingest.js';
import { cliProgressReporter } from './cli-progress-reporter.js';
import { exitWithError, NOTES_OPTION } from './cli-args.js';

const USAGE = 'npm run ingest [-- --notes DIR] [--rebuild]';

try {
  const { values } = parseCommandLine(process.argv.slice(2), { options: { ...NOTES_OPTION, rebuild: { type: 'boolean', default: false } } });
  const config = await chooseNotesDir(loadConfigFor(values));
  const summary = await runIngest(config, { rebuild: values.rebuild, progress: cliProgressReporter() });
  if (summary.rebuiltBecause) console.error(`The existing index could not be reused (${summary.rebuiltBecause}), so every note was embedded again.`);
  for (const w of summary.warnings) console.error(`warning: ${w}`);
  console.error(
    `ingested ${summary.sections} sections (${summary.emptyAnswers} without an answer) from ${config.notesDir} into ${summary.chunks} chunks; ` +
      `embedded ${summary.embedded}, reused ${summary.reused}, removed ${summary.removed}; model ${summary.modelId}; ${summary.seconds.toFixed(1)} s`,
  );
} catch (error) {
  exitWithError('ingest', error, USAGE);
}
