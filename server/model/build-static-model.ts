// Learns the bundled static embedding model from the notes and the glossary, and writes it as a transformers.js folder.

import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import type { Glossary } from '../glossary/glossary.js';
import type { Section } from '../notes/types.js';
import { splitSentences } from '../notes/split-sentences.js';
import { normalizeText } from '../text/normalize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { getJieba } from '../text/tokenize.js';
import { randomizedSvd } from './randomized-svd.js';
import { SparseMatrix } from './sparse-matrix.js';
import { configJson, SPECIAL_ROWS, TOKENIZER_CONFIG, tokenizerJson } from './tokenizer-files.js';
import { staticEmbeddingOnnx } from './write-onnx.js';

export interface StaticModelOptions {
  dims: number;
  /** Co-occurrence window (tokens each side) within a sentence. */
  window: number;
  /** Weight of the token ↔ section context relative to one co-occurrence; ties headings to their answers. */
  sectionWeight: number;
  /** Weight of a heading token's section context (a question's words should land near its answer). */
  headingWeight: number;
  /** Weight of direct heading-token ↔ answer-token co-occurrence (spread over the answer's distinct tokens). */
  headingAnswerWeight: number;
  /** How strongly glossary synonym sets pull their members together (0 = not at all). */
  glossaryPull: number;
  seed: number;
}

export const DEFAULT_MODEL_OPTIONS: StaticModelOptions = {
  dims: 256,
  window: 4,
  sectionWeight: 2,
  headingWeight: 3,
  headingAnswerWeight: 5,
  glossaryPull: 2,
  seed: 20261126,
};

export interface BuiltModel {
  dir: string;
  rows: number;
  dims: number;
  pieces: number;
  fingerprint: string;
}

const HAN_BLOCK: [number, number] = [0x4e00, 0x9fff];

/** Builds the model into `dir` (replacing it atomically). Deterministic for the same inputs and options. */
export async function buildStaticModel(
  sections: Section[],
  glossary: Glossary,
  dir: string,
  options: StaticModelOptions = DEFAULT_MODEL_OPTIONS,
  log: (line: string) => void = () => {},
): Promise<BuiltModel> {
  const texts = sections.map((s) => ({ heading: normalizeText(s.title), answer: s.answer }));
  const glossaryTerms = glossary.sets.map((set) => set.terms.map((t) => normalizeText(t)));

  // 1. Vocabulary: jieba words and glossary terms (so they match whole), every character seen, English words.
  const pieceSet = new Set<string>();
  const jieba = getJieba();
  const addText = (text: string) => {
    const norm = normalizeText(text);
    for (const run of norm.match(/\p{Script=Han}+/gu) ?? []) {
      for (const w of jieba.cut(run, true)) if (w.length >= 2 && w.length <= 8) pieceSet.add(w);
      for (const ch of run) pieceSet.add(ch);
    }
    for (const w of norm.match(/[a-z0-9]+/g) ?? []) pieceSet.add(w);
    for (const ch of norm.replace(/\s/g, '')) pieceSet.add(ch);
  };
  texts.forEach((t) => addText(`${t.heading}\n${t.answer}`));
  for (const terms of glossaryTerms) for (const t of terms) {
    addText(t);
    if (/^\p{Script=Han}+$/u.test(t)) pieceSet.add(t);
  }
  for (let c = 0x21; c < 0x7f; c++) pieceSet.add(String.fromCharCode(c).toLowerCase());
  const pieces = [...pieceSet].filter((p) => p.trim() !== '').sort();
  const rowOf = new Map(pieces.map((p, i) => [p, SPECIAL_ROWS + i]));
  const rows = SPECIAL_ROWS + pieces.length;
  // Han characters never seen share [UNK]'s zero vector instead of turning their whole clause into [UNK].
  const aliases = new Map<string, number>();
  for (let c = HAN_BLOCK[0]; c <= HAN_BLOCK[1]; c++) {
    const ch = String.fromCodePoint(c);
    if (!rowOf.has(ch)) aliases.set(ch, 1);
  }
  log(`vocabulary: ${pieces.length} pieces`);

  // 2. Tokenise with the very tokenizer the model ships, so training sees what inference sees.
  const staging = `${dir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.join(staging, 'onnx'), { recursive: true });
  await writeFile(path.join(staging, 'tokenizer.json'), JSON.stringify(tokenizerJson(pieces, aliases)));
  await writeFile(path.join(staging, 'tokenizer_config.json'), JSON.stringify(TOKENIZER_CONFIG, null, 2));
  const previous = { local: env.localModelPath, remote: env.allowRemoteModels };
  env.allowRemoteModels = false;
  env.localModelPath = path.dirname(staging);
  const tokenizer = await AutoTokenizer.from_pretrained(path.basename(staging));
  env.localModelPath = previous.local;
  env.allowRemoteModels = previous.remote;
  const ids = (text: string): number[] => tokenizer.encode(normalizeText(text), { add_special_tokens: false }).filter((id) => id >= SPECIAL_ROWS);

  // 3. Co-occurrence counts: tokens within a window, tokens ↔ their section (headings weighted more).
  const nSections = sections.length;
  const cols = rows + nSections;
  const counts = new Map<number, Map<number, number>>();
  const bump = (r: number, c: number, v: number) => {
    let row = counts.get(r);
    if (!row) counts.set(r, (row = new Map()));
    row.set(c, (row.get(c) ?? 0) + v);
  };
  const df = new Float64Array(rows);
  texts.forEach((t, s) => {
    const seen = new Set<number>();
    const units = [t.heading, ...splitSentences(t.answer).map((u) => u.text)];
    units.forEach((unit, u) => {
      const seq = ids(unit);
      seq.forEach((id, i) => {
        seen.add(id);
        bump(id, rows + s, u === 0 ? options.headingWeight : options.sectionWeight / Math.sqrt(seq.length));
        for (let j = Math.max(0, i - options.window); j < Math.min(seq.length, i + options.window + 1); j++) {
          if (j !== i) bump(id, seq[j]!, 1 / Math.abs(i - j));
        }
      });
    });
    seen.forEach((id) => (df[id]! += 1));
    if (options.headingAnswerWeight > 0) {
      // A question's words co-occur with every word of its answer: the heading ↔ answer signal, first-order.
      const heading = new Set(ids(units[0]!));
      const answer = new Set(units.slice(1).flatMap((u) => ids(u)));
      const w = options.headingAnswerWeight / Math.max(answer.size, 1);
      for (const h of heading) for (const a of answer) if (h !== a) {
        bump(h, a, w);
        bump(a, h, w);
      }
    }
  });

  // 4. PPMI with context-distribution smoothing (α = 0.75, Levy et al. 2015), then truncated SVD.
  let total = 0;
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  for (const [r, row] of counts) for (const [c, v] of row) {
    total += v;
    rowSum[r]! += v;
    colSum[c]! += v;
  }
  const colSmoothed = colSum.map((v) => v ** 0.75);
  const colTotal = colSmoothed.reduce((a, b) => a + b, 0);
  const ppmi = new Map<number, Map<number, number>>();
  for (const [r, row] of counts) {
    const out = new Map<number, number>();
    for (const [c, v] of row) {
      const pmi = Math.log((v / total) / ((rowSum[r]! / total) * (colSmoothed[c]! / colTotal)));
      if (pmi > 0) out.set(c, pmi);
    }
    ppmi.set(r, out);
  }
  const svd = randomizedSvd(SparseMatrix.fromRows(rows, cols, ppmi), options.dims, options.seed);
  const dims = svd.k;
  log(`svd: ${dims} dimensions`);
  const vec = (r: number) => {
    const v = new Float64Array(dims);
    for (let j = 0; j < dims; j++) v[j] = svd.u[r * dims + j]! * Math.sqrt(svd.s[j]!);
    return unit(v);
  };
  const vectors: (Float64Array | null)[] = Array.from({ length: rows }, (_, r) => (rowSum[r]! > 0 ? vec(r) : null));

  // 5. Glossary retrofitting: each term moves towards its synonym set's centre; glossary-only words
  // (English terms absent from the notes) take the centre of the sets they appear in.
  const termRows = glossaryTerms.map((terms) => terms.map((t) => ids(t)));
  for (let iteration = 0; iteration < 10; iteration++) {
    const centre = termRows.map((terms) => {
      const c = new Float64Array(dims);
      let n = 0;
      for (const t of terms) {
        const v = meanOf(t.map((id) => vectors[id] ?? null), dims);
        if (v) { add(c, v, 1); n++; }
      }
      return n > 0 ? unit(c) : null;
    });
    const pulls = new Map<number, Float64Array>();
    termRows.forEach((terms, s) => {
      const c = centre[s];
      if (!c) return;
      for (const t of terms) for (const id of t) {
        const p = pulls.get(id) ?? new Float64Array(dims);
        add(p, c, 1 / t.length);
        pulls.set(id, p);
      }
    });
    for (const [id, p] of pulls) {
      const own = rowSum[id]! > 0 ? vec(id) : null;
      const v = new Float64Array(dims);
      if (own) add(v, own, 1);
      add(v, unit(p), options.glossaryPull);
      vectors[id] = unit(v);
    }
  }

  // 6. Weight each row by the information its token carries (IDF over sections), so mean pooling
  // becomes an IDF-weighted average and 的 / what barely move a sentence's vector.
  const idf = (id: number) => Math.log(1 + nSections / Math.max(df[id]!, 1));
  const glossaryIdf = Math.log(1 + nSections / 3);
  const table = new Float32Array(rows * dims);
  for (let r = SPECIAL_ROWS; r < rows; r++) {
    const v = vectors[r];
    if (!v) continue;
    const piece = pieces[r - SPECIAL_ROWS]!;
    let weight = df[r]! > 0 ? idf(r) : glossaryIdf;
    if (STOPWORDS.has(piece) || /^[\p{P}\p{S}]$/u.test(piece)) weight *= 0.1;
    for (let j = 0; j < dims; j++) table[r * dims + j] = v[j]! * weight;
  }

  const onnx = staticEmbeddingOnnx(table, rows, dims);
  const fingerprint = createHash('sha256').update(onnx).digest('hex').slice(0, 12);
  await writeFile(path.join(staging, 'onnx', 'model.onnx'), onnx);
  await writeFile(path.join(staging, 'config.json'), JSON.stringify(configJson(rows, dims, fingerprint), null, 2));
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  await rename(staging, dir);
  return { dir, rows, dims, pieces: pieces.length, fingerprint };
}

function unit(v: Float64Array): Float64Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  return v.map((x) => x / n);
}

function add(into: Float64Array, v: Float64Array, w: number): void {
  for (let j = 0; j < into.length; j++) into[j]! += v[j]! * w;
}

function meanOf(vs: (Float64Array | null)[], dims: number): Float64Array | null {
  const present = vs.filter((v): v is Float64Array => v !== null);
  if (present.length === 0 || present.length < vs.length) return null;
  const m = new Float64Array(dims);
  present.forEach((v) => add(m, v, 1));
  return unit(m);
}
