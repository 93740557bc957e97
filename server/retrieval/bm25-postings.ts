// MiniSearch's BM25+ query scoring over compiled postings: the same scores, without MiniSearch's per-match
// objects (profiled: MiniSearch's search was a quarter of the CPU of a search request under load).

import type { AsPlainObject } from 'minisearch';

/** MiniSearch's defaults (k1, b, and the BM25+ floor d), which the index uses. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

interface TermPostings {
  /** Dense document numbers: the title field's postings first, then the text field's. */
  docs: Int32Array;
  /** Field boost times the BM25+ score of the term in that field of that document. */
  boost: Float64Array;
  raw: Float64Array;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

/**
 * Read-only postings compiled from a MiniSearch index (its plain-object form). `search` reproduces
 * `MiniSearch#search` with `combineWith: 'OR'`, no fuzzy or prefix matching and exact term lists: a document's
 * score is the sum over query terms of boost × BM25+ per field, times the number of distinct query terms it matched.
 */
export class Bm25Postings {
  private readonly postings = new Map<string, TermPostings>();
  private readonly ids: string[] = [];
  // Scratch space reused by every query (one query at a time: search is synchronous).
  private readonly total: Float64Array;
  private readonly termScore: Float64Array;
  private readonly matched: Int32Array;
  private readonly seenInTerm: Int32Array;
  private stamp = 0;

  constructor(index: AsPlainObject, fieldBoosts: Record<string, number>) {
    const dense = new Map<string, number>();
    for (const [shortId, id] of Object.entries(index.documentIds)) {
      dense.set(shortId, this.ids.length);
      this.ids.push(String(id));
    }
    const n = this.ids.length;
    const fields = Object.keys(fieldBoosts).map((name) => ({ id: index.fieldIds[name]!, boost: fieldBoosts[name]! }));
    const documentCount = index.documentCount;
    for (const [term, byField] of index.index) {
      const docs: number[] = [];
      const boost: number[] = [];
      const raw: number[] = [];
      for (const field of fields) {
        const freqs = byField[String(field.id)] as Record<string, number> | undefined;
        if (!freqs) continue;
        const live = Object.keys(freqs).filter((shortId) => dense.has(shortId));
        const averageLength = index.averageFieldLength[field.id]!;
        for (const shortId of live) {
          const fieldLength = index.fieldLength[shortId]![field.id]!;
          docs.push(dense.get(shortId)!);
          boost.push(field.boost);
          raw.push(bm25(freqs[shortId]!, live.length, documentCount, fieldLength, averageLength));
        }
      }
      if (docs.length > 0) this.postings.set(term, { docs: Int32Array.from(docs), boost: Float64Array.from(boost), raw: Float64Array.from(raw) });
    }
    this.total = new Float64Array(n);
    this.termScore = new Float64Array(n);
    this.matched = new Int32Array(n);
    this.seenInTerm = new Int32Array(n);
  }

  /** Up to k documents, best first, for the query's terms (already tokenized; repeats count repeatedly). */
  search(terms: string[], k: number): Bm25Hit[] {
    const counts = new Map<string, number>();
    for (const term of terms) if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
    const order: number[] = [];
    const inTerm: number[] = [];
    for (const [term, count] of counts) {
      const p = this.postings.get(term);
      if (!p) continue;
      const stamp = ++this.stamp;
      inTerm.length = 0;
      for (let i = 0; i < p.docs.length; i++) {
        const doc = p.docs[i]!;
        // The same association as MiniSearch (termBoost × fieldBoost × score), so the doubles come out equal.
        const weighted = count * p.boost[i]! * p.raw[i]!;
        if (this.seenInTerm[doc] === stamp) this.termScore[doc]! += weighted;
        else {
          this.seenInTerm[doc] = stamp;
          this.termScore[doc] = weighted;
          inTerm.push(doc);
        }
      }
      for (const doc of inTerm) {
        if (this.matched[doc] === 0) {
          order.push(doc);
          this.total[doc] = this.termScore[doc]!;
        } else this.total[doc] = this.total[doc]! + this.termScore[doc]!;
        this.matched[doc]!++;
      }
    }
    const scores = order.map((doc) => this.total[doc]! * this.matched[doc]!);
    for (const doc of order) this.matched[doc] = 0;
    if (this.stamp > 1e9) {
      this.stamp = 0;
      this.seenInTerm.fill(0);
    }
    return topK(scores, k).map((i) => ({ id: this.ids[order[i]!]!, score: scores[i]! }));
  }
}

/**
 * Indices of the k highest scores, best first; equal scores keep their order — what MiniSearch's stable sort
 * followed by slice(0, k) returns, without sorting every match (a common term matches most of a 100k-chunk index).
 */
function topK(scores: number[], k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (top.length >= k && !(score > scores[top[top.length - 1]!]!)) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (scores[top[mid]!]! >= score) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/** MiniSearch's calcBM25Score, written the same way so that the floating-point results are identical. */
function bm25(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number): number {
  const { k, b, d } = BM25;
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}
