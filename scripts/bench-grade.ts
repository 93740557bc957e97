// npm run bench:grade — in-process grading latency of the rubric grader (no LLM) over the labelled answers
// (bundled model, after warm-up): p50 / p95 / p99 in milliseconds. Prints a line and a JSON line.

import { readFileSync } from 'node:fs';
import { loadConfig } from '../server/config.js';
import { createGrading } from '../server/grading/create-grader.js';
import { resolveQuestion } from '../server/grading/resolve-question.js';
import { quantile } from '../server/grading/statistics.js';
import { ensureIndex } from '../server/ingest/ensure-index.js';
import { openSearch } from '../server/retrieval/open-search.js';

interface Row {
  question: string;
  answer: string;
}

const rows = readFileSync('tests/fixtures/grading-answers.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);
const config = loadConfig();
await ensureIndex(config);
const search = await openSearch(config);
const { sections, chunks } = search.index;
// The rubric grader alone: the target is for grading without an LLM.
const { rubric } = await createGrading({ sections, chunks, glossary: search.glossary, embedder: search.embedder, retriever: search.retriever }, null);
const inputs = rows.map((r) => {
  const resolved = resolveQuestion(sections, r.question);
  if ('error' in resolved) throw new Error(resolved.error);
  return { questionId: resolved.section.id, answer: r.answer };
});

for (const input of inputs.slice(0, 30)) await rubric.grade(input); // warm-up: JIT, model session
const times: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const input of inputs) {
    const t = performance.now();
    await rubric.grade(input);
    times.push(performance.now() - t);
  }
}
const ms = (q: number) => Number(quantile(times, q).toFixed(2));
const result = { bench: 'grade', answers: times.length, p50: ms(0.5), p95: ms(0.95), p99: ms(0.99), max: ms(1) };
console.log(`in-process rubric grading of ${result.answers} answers: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, max ${result.max} ms`);
console.log(JSON.stringify(result));
