// npm run bench:ask [-- --rounds 3 --file tests/fixtures/retrieval-queries.jsonl] — latency of extractive Ask answers
// (follow-up resolution, retrieval, sentence selection, composition; no LLM) over the retrieval query set: p50/p95.

import { parseArgs } from 'node:util';
import { createServices } from '../server/deps.js';
import { ensureIndex } from '../server/ingest/ensure-index.js';
import type { AskInput } from '../server/ask/types.js';
import { readJsonl } from './read-jsonl.js';
import { bundledNotesConfig } from './bundled-notes-config.js';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: 'tests/fixtures/retrieval-queries.jsonl' },
    rounds: { type: 'string', default: '3' },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) fail('--rounds must be a whole number from 1 to 100');

const questions = readJsonl<{ query: string }>(values.file).map((r) => r.query);
if (questions.length === 0) fail(`${values.file} has no queries`);
// Follow-ups exercise history resolution too: each question asked again as "它的缺点呢？" after itself.
const inputs: AskInput[] = [
  ...questions.map((question) => ({ question })),
  ...questions.slice(0, 20).map((q) => ({ question: '它的缺点呢？', history: [{ question: q }] })),
];

const { llm: _ignored, ...config } = bundledNotesConfig();
await ensureIndex(config);
const { asker } = await createServices(config); // no `llm`: extractive answers only

// The first answers load jieba's dictionary paths and fill the sentence-vector cache; they are not what users wait for.
for (const input of inputs.slice(0, 5)) await asker.ask(input);

const times: number[] = [];
const coverage = new Map<string, number>();
for (let round = 0; round < rounds; round++) {
  for (const input of inputs) {
    const started = performance.now();
    const result = await asker.ask(input);
    times.push(performance.now() - started);
    if (round === 0) coverage.set(result.coverage, (coverage.get(result.coverage) ?? 0) + 1);
  }
}

times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
const mean = times.reduce((a, t) => a + t, 0) / times.length;
console.log(`Extractive Ask latency over ${inputs.length} questions × ${rounds} rounds (${times.length} answers):`);
console.log(`  p50 ${at(50).toFixed(1)} ms   p95 ${at(95).toFixed(1)} ms   max ${times.at(-1)!.toFixed(1)} ms   mean ${mean.toFixed(1)} ms`);
console.log(`  coverage: ${[...coverage].map(([k, n]) => `${k} ${n}`).join(', ')}`);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
