// npm run -s search -- "query" [--k 5] [--json]   |   npm run -s search -- --batch FILE [--k 5]
// Batch mode reads JSONL {"id","query"} and writes exactly one JSON line per input line, in order, to stdout:
// {"id","inScope","hits":[{"heading","score",...}]}; a line it cannot read gets {"id","inScope":false,"hits":[],"error"}.
// Logs go to stderr.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { ensureIndex } from '../server/ingest/ensure-index.js';
import { openSearch } from '../server/retrieval/open-search.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { k: { type: 'string', default: '5' }, json: { type: 'boolean', default: false }, batch: { type: 'string' } },
});

const k = Number(values.k);
if (!Number.isInteger(k) || k < 1 || k > 50) fail('--k must be a whole number from 1 to 50');
if (!values.batch && positionals.length === 0) fail('usage: npm run -s search -- "your question" [--k 5] [--json]  |  --batch FILE.jsonl');

const config = loadConfig();
await ensureIndex(config);
const { retriever } = await openSearch(config);

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

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
