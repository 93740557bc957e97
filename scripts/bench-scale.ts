// npm run bench:scale [-- --sizes 100,1000,10000,100000 --no-hybrid] — vector search at scale with the bundled
// model: generated chunks (the notes' sentences recombined) embedded once (cached in the temp folder), then at
// each size HNSW (DEFAULT_HNSW) against exact brute-force search on the same vectors: recall@10, latency,
// build time and memory; and the whole hybrid search over an index of that size. Prints tables and a JSON line.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadGlossary } from '../server/glossary/load-glossary.js';
import { chunkSections } from '../server/notes/chunk-sections.js';
import { loadNotes } from '../server/notes/load-notes.js';
import type { Chunk, Section } from '../server/notes/types.js';
import { createEmbedder } from '../server/retrieval/create-embedder.js';
import { ExactVectorIndex } from '../server/retrieval/exact-vector-index.js';
import { DEFAULT_HNSW, HnswVectorIndex } from '../server/retrieval/hnsw-vector-index.js';
import { DEFAULT_HYBRID, HybridRetriever } from '../server/retrieval/hybrid-retriever.js';
import { MiniSearchKeywordIndex } from '../server/retrieval/minisearch-keyword-index.js';
import { addWords } from '../server/text/tokenize.js';
import { searchQueries } from './bench/fixtures.js';
import { generateCorpus } from './bench/generate-corpus.js';
import { latencySummary, printTable, round } from './bench/stats.js';
import { bundledNotesConfig } from './bundled-notes-config.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,10000,100000' },
    'no-hybrid': { type: 'boolean', default: false },
    'no-cache': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes!.split(',').map(Number).sort((a, b) => a - b);
const largest = sizes.at(-1)!;
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const log = (line: string) => console.error(line);

const config = bundledNotesConfig();
const glossary = await loadGlossary(config.glossaryFile);
addWords(glossary.sets.flatMap((s) => s.terms));
const embedder = createEmbedder(config);
await embedder.warmUp();

// ------------------------------------------------------------------ corpus and vectors

const corpusDir = mkdtempSync(path.join(tmpdir(), 'bench-scale-corpus-'));
const { sections: noteSections } = await loadNotes(config.notesDir);
// A few more sections than chunks asked for: a generated section is one chunk, rarely two.
generateCorpus(noteSections, corpusDir, largest);
const generated = await loadNotes(corpusDir);
rmSync(corpusDir, { recursive: true, force: true });
const allChunks = chunkSections(generated.sections).slice(0, largest);
if (allChunks.length < largest) throw new Error(`generated only ${allChunks.length} chunks, wanted ${largest}`);

/** Embeds every chunk once; the vectors are cached by model and text, since 100k chunks take minutes. */
async function embedAll(chunks: Chunk[]): Promise<Float32Array[]> {
  const key = createHash('sha256').update(embedder.modelId).update('\0');
  for (const c of chunks) key.update(c.indexText).update('\0');
  const cacheDir = path.join(tmpdir(), 'interview-tutor-bench-scale');
  const file = path.join(cacheDir, `${key.digest('hex').slice(0, 16)}-${chunks.length}.f32`);
  if (!values['no-cache'] && existsSync(file)) {
    const bytes = readFileSync(file);
    const d = bytes.byteLength / 4 / chunks.length;
    const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    log(`vectors: ${chunks.length} read from the cache ${file}`);
    return chunks.map((_, i) => all.slice(i * d, (i + 1) * d));
  }
  const started = performance.now();
  const out: Float32Array[] = [];
  for (let i = 0; i < chunks.length; i += 1024) {
    out.push(...(await embedder.embedDocuments(chunks.slice(i, i + 1024).map((c) => c.indexText))));
    if ((i / 1024) % 10 === 0) log(`embedding: ${Math.min(i + 1024, chunks.length)} / ${chunks.length}`);
  }
  const seconds = (performance.now() - started) / 1000;
  log(`embedded ${chunks.length} chunks in ${seconds.toFixed(1)} s (${((1000 * seconds) / chunks.length).toFixed(2)} ms per chunk)`);
  mkdirSync(cacheDir, { recursive: true });
  const flat = new Float32Array(out.length * out[0]!.length);
  out.forEach((v, i) => flat.set(v, i * v.length));
  writeFileSync(file, flat);
  return out;
}

const allVectors = await embedAll(allChunks);
const queries = searchQueries();
const queryVectors = await embedder.embedDocuments(queries);

// ------------------------------------------------------------------ measurements per size

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

const vectorRows = [];
const hybridRows = [];
const efRows: Record<string, number>[] = [];
for (const n of sizes) {
  const chunks = allChunks.slice(0, n);
  const vectors = allVectors.slice(0, n);
  const ids = chunks.map((c) => c.id);
  const rssBefore = rssMb();

  const hnsw = new HnswVectorIndex(vectors[0]!.length, DEFAULT_HNSW, n);
  const [, buildMs] = time(() => {
    for (let i = 0; i < n; i += 1000) hnsw.upsert(ids.slice(i, i + 1000), vectors.slice(i, i + 1000));
  });
  const rssAfterHnsw = rssMb();
  const saved = path.join(mkdtempSync(path.join(tmpdir(), 'bench-scale-index-')), 'vectors.hnsw');
  await hnsw.save(saved);
  const indexMb = round(statSync(saved).size / 1024 / 1024, 1);
  rmSync(path.dirname(saved), { recursive: true, force: true });

  const exact = new ExactVectorIndex();
  exact.upsert(ids, vectors);

  // Recall@10 of HNSW against the exact top 10, and latency: exact once per query, HNSW three times.
  let found = 0;
  const exactMs: number[] = [];
  const hnswMs: number[] = [];
  for (const v of queryVectors) {
    const [truth, ms] = time(() => exact.search(v, 10));
    exactMs.push(ms);
    const want = new Set(truth.map((h) => h.id));
    found += hnsw.search(v, 10).filter((h) => want.has(h.id)).length;
  }
  for (let round = 0; round < 3; round++) for (const v of queryVectors) hnswMs.push(time(() => hnsw.search(v, 10))[1]);
  const recall = round(found / (10 * queryVectors.length), 4);
  const h = latencySummary(hnswMs);
  const e = latencySummary(exactMs);
  vectorRows.push({
    chunks: n,
    recallAt10: recall,
    hnswP50: h.p50,
    hnswP95: h.p95,
    hnswP99: h.p99,
    exactP50: e.p50,
    exactP95: e.p95,
    speedup: round(e.p50 / h.p50, 1),
    buildS: round(buildMs / 1000, 1),
    indexMb,
    rssDeltaMb: rssAfterHnsw - rssBefore,
  });
  log(`${n}: recall@10 ${recall}, HNSW p95 ${h.p95} ms, exact p95 ${e.p95} ms, build ${round(buildMs / 1000, 1)} s`);

  if (n === largest) {
    // How recall and latency trade at the largest size: HNSW searches with ef = max(efSearch, k), so the top 10 of
    // a search for k = ef is what an index with efSearch = ef would return for k = 10.
    for (const ef of [DEFAULT_HNSW.efSearch, 128, 256]) {
      let hit = 0;
      const ms: number[] = [];
      for (let i = 0; i < queryVectors.length; i++) {
        const v = queryVectors[i]!;
        const want = new Set(exact.search(v, 10).map((h) => h.id));
        const [top, t] = time(() => hnsw.search(v, ef).slice(0, 10));
        ms.push(t);
        hit += top.filter((h) => want.has(h.id)).length;
      }
      efRows.push({ chunks: n, efSearch: ef, recallAt10: round(hit / (10 * queryVectors.length), 4), ...latencySummary(ms) });
    }
  }

  if (!values['no-hybrid']) {
    // The whole search (embedding the query, HNSW, BM25, section scoring) over an index of this size.
    const sectionIds = new Set(chunks.map((c) => c.sectionId));
    const sections: Section[] = generated.sections.filter((s) => sectionIds.has(s.id));
    const title = new Map(sections.map((s) => [s.id, s.title]));
    const keywords = MiniSearchKeywordIndex.create();
    const [, keywordMs] = time(() => keywords.upsert(chunks.map((c) => ({ id: c.id, title: title.get(c.sectionId) ?? '', text: c.text }))));
    const retriever = new HybridRetriever({ embedder, vectors: hnsw, keywords, sections, chunks, glossary }, DEFAULT_HYBRID);
    const cold: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      await retriever.retrieve(q, 5);
      cold.push(performance.now() - t);
    }
    const warm: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const q of queries) {
        const t = performance.now();
        await retriever.retrieve(q, 5);
        warm.push(performance.now() - t);
      }
    }
    const w = latencySummary(warm);
    hybridRows.push({ chunks: n, p50: w.p50, p95: w.p95, p99: w.p99, firstQueryP95: latencySummary(cold).p95, keywordBuildS: round(keywordMs / 1000, 1), rssMb: rssMb() });
    log(`${n}: hybrid search p95 ${w.p95} ms (first queries p95 ${latencySummary(cold).p95} ms)`);
  }
}

printTable(
  `Vector search at scale: HNSW (M=${DEFAULT_HNSW.m}, efConstruction=${DEFAULT_HNSW.efConstruction}, efSearch=${DEFAULT_HNSW.efSearch}) vs exact, ${queries.length} queries, k=10 (latency in ms)`,
  vectorRows,
  ['chunks', 'recallAt10', 'hnswP50', 'hnswP95', 'hnswP99', 'exactP50', 'exactP95', 'speedup', 'buildS', 'indexMb', 'rssDeltaMb'],
);
printTable(`efSearch at ${largest.toLocaleString('en')} chunks (M=${DEFAULT_HNSW.m}): recall@10 and HNSW latency (ms)`, efRows, ['chunks', 'efSearch', 'recallAt10', 'p50', 'p95', 'p99']);
if (hybridRows.length > 0) {
  printTable('Hybrid search (POST /api/search in-process: embed + HNSW + BM25 + scoring), k=5, ms; firstQueryP95 = every query seen for the first time', hybridRows, [
    'chunks',
    'p50',
    'p95',
    'p99',
    'firstQueryP95',
    'keywordBuildS',
    'rssMb',
  ]);
}
const payoff = vectorRows.find((r) => r.hnswP50 < r.exactP50);
console.log(payoff ? `\nHNSW is faster than exact search from ${payoff.chunks.toLocaleString('en')} chunks on (of the sizes measured).` : '\nExact search was as fast as HNSW at every size measured.');
console.log(JSON.stringify({ bench: 'scale', hnsw: DEFAULT_HNSW, queries: queries.length, vector: vectorRows, efSearch: efRows, hybrid: hybridRows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
