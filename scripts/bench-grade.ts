// npm run bench:grade — in-process grading latency of the rubric grader (no LLM) over the labelled answers
// (bundled model, after warm-up): p50 / p95 / p99 in milliseconds. Prints a line and a JSON line.

import { createGrading } from '../server/grading/create-grader.js';
import { resolveQuestion } from '../server/grading/resolve-question.js';
import { quantile } from '../server/grading/statistics.js';
import { ensureIndex } from '../server/ingest/ensure-index.js';
import { openSearch } from '../server/retrieval/open-search.js';
import { gradeInputs } from './bench/fixtures.js';
import { bundledNotesConfig } from './bundled-notes-config.js';

const rows = gradeInputs();
const config = bundledNotesConfig();
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

// The longest answers the API accepts (10,000 characters), with and without punctuation: a clause without any
// must not make tokenising quadratic.
const first = inputs[0]!.questionId;
const longest: Record<string, string> = {
  punctuated: '空洞卷积在参数不变的情况下扩大感受野，输出特征图的大小保持不变。'.repeat(320).slice(0, 10_000),
  unpunctuated: '空洞卷积在参数不变的情况下扩大感受野输出特征图的大小保持不变'.repeat(340).slice(0, 10_000),
};
const longestMs: Record<string, number> = {};
for (const [name, answer] of Object.entries(longest)) {
  const t = performance.now();
  await rubric.grade({ questionId: first, answer });
  longestMs[name] = Number((performance.now() - t).toFixed(1));
}
const result = { bench: 'grade', answers: times.length, p50: ms(0.5), p95: ms(0.95), p99: ms(0.99), max: ms(1), longestAnswerMs: longestMs };
console.log(`in-process rubric grading of ${result.answers} answers: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, max ${result.max} ms`);
console.log(`10,000-character answers, ms: punctuated ${longestMs.punctuated}, unpunctuated ${longestMs.unpunctuated}`);
console.log(JSON.stringify(result));
