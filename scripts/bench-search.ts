// npm run bench:search — in-process hybrid search latency over the retrieval dev set (bundled model, after
// warm-up): p50 / p95 / p99 in milliseconds. Prints a table and a JSON line.

import { ensureIndex } from '../server/ingest/ensure-index.js';
import { ExactVectorIndex } from '../server/retrieval/exact-vector-index.js';
import { openSearch } from '../server/retrieval/open-search.js';
import { questionVectorId } from '../server/retrieval/vector-ids.js';
import { searchQueries } from './bench/fixtures.js';
import { printTable } from './bench/stats.js';
import { bundledNotesConfig } from './bundled-notes-config.js';

const queries = searchQueries();
const config = bundledNotesConfig();
await ensureIndex(config);
const { retriever, embedder, index } = await openSearch(config);

// HNSW recall@10 against exact search over the same vectors (the real index's chunks, the dev queries).
const exact = new ExactVectorIndex();
const answered = index.sections.filter((s) => s.hasReference);
exact.upsert(index.chunks.map((c) => c.id), await embedder.embedDocuments(index.chunks.map((c) => c.indexText)));
exact.upsert(answered.map((s) => questionVectorId(s.id)), await embedder.embedDocuments(answered.map((s) => s.title)));
let found = 0;
let wanted = 0;
for (const q of queries) {
  const v = await embedder.embedQuery(q);
  const truth = new Set(exact.search(v, 10).map((h) => h.id));
  found += index.vectors.search(v, 10).filter((h) => truth.has(h.id)).length;
  wanted += truth.size;
}
const recall = Number((found / wanted).toFixed(4));
console.log(`HNSW recall@10 vs exact on the notes index (${exact.size} vectors, M=${index.manifest.hnsw.m}, ef=${index.manifest.hnsw.efSearch}): ${recall}`);

for (const q of queries.slice(0, 20)) await retriever.retrieve(q); // warm-up: JIT, caches
const times: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const q of queries) {
    const t = performance.now();
    await retriever.retrieve(q, 5);
    times.push(performance.now() - t);
  }
}
times.sort((a, b) => a - b);

// The longest queries the API accepts (2,000 characters): tokenising and typo correction must stay linear in them.
const longest: Record<string, string> = {
  chinese: '卷积神经网络中空洞卷积的作用是什么以及池化层如何反向传播还有批量归一化的原理'.repeat(60).slice(0, 2000),
  english: 'why do gradients vanish in deep networks and how do residual connections help training converge '.repeat(25).slice(0, 2000),
};
const longestMs: Record<string, number> = {};
for (const [name, q] of Object.entries(longest)) {
  await retriever.retrieve(q, 5);
  const t = performance.now();
  await retriever.retrieve(q, 5);
  longestMs[name] = Number((performance.now() - t).toFixed(1));
}
console.log(`2,000-character queries (second run), ms: Chinese ${longestMs.chinese}, English ${longestMs.english}`);
const pct = (p: number) => Number(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2));
const result = {
  bench: 'search',
  recallAt10: recall,
  queries: times.length,
  p50: pct(50),
  p95: pct(95),
  p99: pct(99),
  mean: Number((times.reduce((a, b) => a + b, 0) / times.length).toFixed(2)),
  longestQueryMs: longestMs,
};
printTable(`In-process hybrid search over the notes index (${index.chunks.length} chunks), ms`, [{ queries: result.queries, p50: result.p50, p95: result.p95, p99: result.p99, mean: result.mean, recallAt10: recall }], [
  'queries',
  'p50',
  'p95',
  'p99',
  'mean',
  'recallAt10',
]);
console.log(JSON.stringify(result));
