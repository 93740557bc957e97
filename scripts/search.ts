// npm run -s search -- "query" [--k 5] [--json] [--notes DIR]   |   npm run -s search -- --batch FILE [--k 5] [--notes DIR]
// Batch mode reads JSONL {"id","query"} and writes exactly one JSON line per input line, in order, to stdout:
// {"id","inScope","hits":[{"heading","score",...}]}; a line it cannot read gets {"id","inScope":false,"hits":[],"error"}.
// Logs go to stderr. The notes folder is chosen as for every command: --notes DIR or NOTES_DIR, else the one indexed
// last.

import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { loadConfigFor, parseCommandLine, UsageError } from '../server/config.js';
import { openIndex } from '../server/ingest/ensure-index.js';
import { openSearch } from '../server/retrieval/open-search.js';
import { exitWithError, NOTES_OPTION } from './cli-args.js';

const USAGE = 'npm run -s search -- "your question" [--k 5] [--json] [--notes DIR]  |  --batch FILE.jsonl';

let prepared;
try {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    allowPositionals: true,
    options: { ...NOTES_OPTION, k: { type: 'string', default: '5' }, json: { type: 'boolean', default: false }, batch: { type: 'string' } },
  });
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new UsageError('--k must be a whole number from 1 to 50');
  if (!values.batch && positionals.length === 0) throw new UsageError('no question given');
  if (values.batch) await readable(values.batch);
  const { opened } = await openIndex(loadConfigFor(values), openSearch);
  prepared = { values, positionals, k, retriever: opened.retriever };
} catch (error) {
  exitWithError('search', error, USAGE);
}
const { values, positionals, k, retriever } = prepared;

if (values.batch) {
  const lines = createInterface({ input: createReadStream(values.batch), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') {
      process.stdout.write(`${JSON.stringify({ id: null, inScope: false, hits: [], error: `line ${n} is empty` })}\n`);
      continue;
    }
    let id: unknown = null;
    try {
      const item = JSON.parse(line) as { id?: unknown; query?: unknown };
      id = item.id ?? null;
      if (typeof item.query !== 'string' || item.query.trim() === '') throw new Error('"query" must be a non-empty string');
      const result = await retriever.retrieve(item.query.slice(0, 2000), k);
      process.stdout.write(`${JSON.stringify({ id, ...result })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ id, inScope: false, hits: [], error: `line ${n}: ${(error as Error).message}` })}\n`);
    }
  }
} else {
  const query = positionals.join(' ');
  const result = await retriever.retrieve(query, k);
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    console.log(result.inScope ? `Results for “${query}”:` : `The notes don't seem to cover “${query}”. Nearest sections:`);
    result.hits.forEach((h, i) => {
      console.log(`\n${i + 1}. ${h.heading}  (score ${h.score.toFixed(3)}, ${h.sources.join('+')})`);
      console.log(`   ${h.text.replace(/\s+/g, ' ').slice(0, 160)}${h.text.length > 160 ? '…' : ''}`);
    });
  }
}

/** Fails up front with one line (rather than a stream error's stack trace mid-run) for a batch file it cannot read. */
async function readable(file: string): Promise<void> {
  try {
    await access(file);
  } catch (error) {
    throw new Error(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
