// npm run -s grade -- --batch FILE [--notes DIR] — grades JSONL lines {"id", "question", "answer"} and prints exactly one JSON
// line per input line, in order: {"id", "score", "maxScore", "verdict", …} or {"id", "error"}. `question` is a
// question id, the leading number of a numbered heading ("11") or the exact heading; other text is graded as a
// free question against the notes retrieved for it. FILE "-" reads standard input. Logs go to stderr only.

// Everything but the result lines goes to stderr, including what libraries print while loading (the model
// runtime warns on stdout), so the server modules are imported only after this redirection.
const writeResult = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) =>
  (process.stderr.write as (...args: unknown[]) => boolean)(chunk, encoding, callback)) as typeof process.stdout.write;
for (const method of ['log', 'info', 'warn', 'debug'] as const) console[method] = (...args: unknown[]) => console.error(...args);

const { readFile } = await import('node:fs/promises');
const { loadConfigFor, parseCommandLine, UsageError } = await import('../server/config.js');
const { createServices } = await import('../server/deps.js');
const { openIndex } = await import('../server/ingest/ensure-index.js');
const { gradeBatchLine } = await import('../server/grading/batch.js');
const { exitWithError, NOTES_OPTION } = await import('./cli-args.js');

const USAGE = 'npm run -s grade -- --batch FILE [--notes DIR]   (JSONL lines {"id", "question", "answer"}; FILE "-" for stdin)';

const { notes, batch } = (() => {
  try {
    const { values } = parseCommandLine(process.argv.slice(2), { options: { ...NOTES_OPTION, batch: { type: 'string' } } });
    if (!values.batch) throw new UsageError('--batch FILE is required');
    return { notes: values.notes, batch: values.batch };
  } catch (error) {
    return exitWithError('grade', error, USAGE);
  }
})();

let input: string;
try {
  input = batch === '-' ? await readStdin() : await readFile(batch, 'utf8');
} catch (error) {
  console.error(`grade: cannot read ${batch}: ${(error as Error).message}`);
  process.exit(1);
}

const services = await openIndex(loadConfigFor({ notes }), createServices).then(
  ({ opened }) => opened,
  (error: unknown) => exitWithError('grade', error),
);

// Blank lines are spacing, not inputs; every other line yields exactly one output line, in input order.
const lines = input.split(/\r?\n/).filter((line) => line.trim() !== '');
let failed = 0;
for (const line of lines) {
  const result = await gradeBatchLine(line, { grader: services.grader, sections: services.sections });
  if ('error' in result) failed++;
  writeResult(`${JSON.stringify(result)}\n`);
}
console.error(`grade: ${lines.length} lines, ${lines.length - failed} graded, ${failed} with errors`);
services.store.close();

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
