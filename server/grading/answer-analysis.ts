// Measures an answer against a reference: how far each key point is said (and where), and the answer-level
// features the score is calibrated from.

import type { Embedder } from '../retrieval/types.js';
import { cjkRatio } from '../text/normalize.js';
import { contentSize, hedgeCount, splitClauses, stripFillers, type Clause } from './answer-text.js';
import type { ConceptSpace, TextBag } from './concepts.js';
import { ContradictionFinder, type Contradiction } from './contradictions.js';
import type { PreparedKeyPoint, Reference, ReferenceBank } from './reference.js';

export interface MatchOptions {
  /** Weight of concept overlap against embedding similarity in a key point's coverage (the rest is embedding). */
  lexicalShare: number;
  /** Cosine similarity mapped to 0 and to 1 of the embedding part (the static model's useful range). */
  cosineFloor: number;
  cosineCeiling: number;
  /** Coverage from which a key point counts as covered, and as partly covered. */
  covered: number;
  partial: number;
  /** Longest stretch of the answer (in characters) quoted as evidence for one key point. */
  maxWindowChars: number;
}

// Set by inspecting the dev split: at these values the key points of excellent answers come out 92 % covered
// (by weight), those of short answers 63 % missed, and off-topic and filler answers cover nothing. The score
// does not use the statuses: it is fitted from the continuous features (calibration.json).
export const DEFAULT_MATCH: MatchOptions = {
  lexicalShare: 0.6,
  cosineFloor: 0.3,
  cosineCeiling: 0.75,
  covered: 0.6,
  partial: 0.35,
  maxWindowChars: 160,
};

export interface KeyPointMatch {
  keyPoint: PreparedKeyPoint;
  /** 0–1: how fully the best stretch of the answer says this key point. */
  coverage: number;
  status: 'covered' | 'partial' | 'missed';
  /** The best stretch of the answer, quoted exactly, when it covers the point at least partly. */
  evidence?: string;
  /** Where that stretch says the opposite of the key point. */
  contradictions?: Contradiction[];
}

/** Answer-level measurements; each is documented with its range. */
export interface AnswerFeatures {
  /** Weighted mean key-point coverage, 0–1. */
  coverage: number;
  /** Weighted share of key points covered (1) or partly covered (0.5), 0–1. */
  statusShare: number;
  /** Weighted mean of the best concept overlap per key point, 0–1. */
  lexical: number;
  /** Weighted mean of the best cosine similarity per key point, −1–1 (≈0–0.9 in practice). */
  semantic: number;
  /** Cosine similarity of the whole answer with the reference text. */
  referenceSimilarity: number;
  /** Best cosine similarity of the answer with any other section of the notes. */
  otherSimilarity: number;
  /** Share of the reference's characteristic concepts the answer mentions, 0–1. */
  conceptRecall: number;
  /** Share (rarity-weighted) of the answer's technical terms that belong to other sections, not this one, 0–1. */
  foreignTerms: number;
  /** Best `conceptRecall` the answer reaches against any other section of the notes, 0–1. */
  otherRecall: number;
  /** Best `coverage` the answer reaches against the other sections it resembles most, 0–1. */
  otherCoverage: number;
  /** Rarity-weighted amount of the reference's own concepts (not the question's) the answer mentions, ≥ 0. */
  ownMentions: number;
  /** log(1 + content characters) after fillers are removed. */
  logLength: number;
  /** Times the answer admits not knowing. */
  hedges: number;
  /** Share of the answer written in English rather than Chinese, 0–1. */
  english: number;
  /** Weighted share of the key points whose matching stretch contradicts them, 0–1. */
  contradictions: number;
  /**
   * Rarity-weighted share of the answer's concepts that occur anywhere in the notes, 0–1 (1 when it says
   * nothing but intent words). Glossary terms the notes never use count against, like everyday words.
   */
  notesShare: number;
}

export interface AnswerAnalysis {
  matches: KeyPointMatch[];
  features: AnswerFeatures;
  /** The other section the answer fits best (by key-point coverage), when any fits at all. */
  closestOther?: { sectionId: string; title: string; coverage: number };
  /** The answer's content size (Han characters + 2 per Latin word) after fillers are removed. */
  contentSize: number;
}

// Saying the question's own terms back is not saying a key point: they count this much of their weight.
const QUESTION_TERM_FACTOR = 0.35;

// Other sections matched point by point in the off-topic test: the true home of an off-topic answer is
// among the five closest by similarity plus concept recall in every dev-set case.
const OTHER_CANDIDATES = 5;

/** A run of consecutive clauses `first`–`last`; its vector is the clauses' length-weighted mean. */
interface Window {
  first: number;
  last: number;
  start: number;
  end: number;
  /** Weight of each clause in the window's mean vector. */
  weights: number[];
  /** Norm of the weighted sum of clause vectors (to turn dot products with clauses into a cosine). */
  norm: number;
}

/** The answer cut into clauses, each with its bag and vector, and the windows over them. */
interface AnswerParts {
  clauses: Clause[];
  bags: TextBag[];
  vectors: Float32Array[];
  windows: Window[];
}

export class AnswerAnalyzer {
  private readonly contradictions: ContradictionFinder;

  constructor(
    private readonly bank: ReferenceBank,
    private readonly embedder: Embedder,
    private readonly options: MatchOptions = DEFAULT_MATCH,
  ) {
    this.contradictions = new ContradictionFinder(bank.concepts);
  }

  get concepts(): ConceptSpace {
    return this.bank.concepts;
  }

  /** `answer` is what is graded (injections already removed); offsets of evidence refer to it. */
  async analyze(reference: Reference, answer: string): Promise<AnswerAnalysis> {
    const clauses = splitClauses(answer);
    // One embedding pass over the clauses; the whole answer's vector is their length-weighted mean (the
    // static model averages token vectors, so this is close to embedding the answer again, at half the cost).
    const vectors = await this.embedUnique(clauses.map((c) => stripFillers(c.text).trim() || ' '));
    const parts = this.parts(clauses, vectors);
    const answerVector = meanVector(vectors, clauses.map((c) => Math.sqrt(c.text.length)));
    const answerBag = unionBag(parts.bags);

    const scored = reference.keyPoints.map((kp) => this.match(kp, parts, reference, answer));
    const matches = scored.map((s) => s.match);
    const sum = (f: (i: number) => number) => scored.reduce((a, s, i) => a + s.match.keyPoint.point.weight * f(i), 0);

    // Saying the same thing twice is not saying more: repeated clauses count once towards length.
    const size = contentSize([...new Set(clauses.map((c) => c.text.replace(/[\p{P}\s]+$/u, '')))].join('。'));
    const { closestOther, ...others } = this.others(reference, answerVector, answerBag, parts, answer);
    return {
      matches,
      contentSize: size,
      ...(closestOther ? { closestOther } : {}),
      features: {
        coverage: sum((i) => scored[i]!.match.coverage),
        statusShare: sum((i) => (scored[i]!.match.status === 'covered' ? 1 : scored[i]!.match.status === 'partial' ? 0.5 : 0)),
        lexical: sum((i) => scored[i]!.lexical),
        semantic: sum((i) => scored[i]!.semantic),
        referenceSimilarity: cosine(answerVector, reference.vector),
        conceptRecall: this.recall(reference, answerBag),
        foreignTerms: this.foreign(reference, answerBag),
        ...others,
        ownMentions: this.ownMentions(reference, answerBag),
        logLength: Math.log1p(size),
        hedges: hedgeCount(answer),
        english: /[a-z]/i.test(answer) ? 1 - cjkRatio(answer) : 0,
        contradictions: sum((i) => (scored[i]!.match.contradictions?.length ? 1 : 0)),
        notesShare: this.concepts.notesShare(stripFillers(answer)),
      },
    };
  }

  /**
   * The key point's best window, with the best concept overlap and cosine over all windows (features).
   * Mentions and dot products are computed once per clause; a window takes the best mention of each concept
   * among its clauses and the cosine of its mean vector from the clauses' dot products.
   */
  private match(
    kp: PreparedKeyPoint,
    parts: AnswerParts,
    reference: Reference,
    answer: string,
    withContradictions = true,
  ): { match: KeyPointMatch; lexical: number; semantic: number } {
    const { lexicalShare, cosineFloor, cosineCeiling, covered, partial } = this.options;
    const { bags, vectors, windows } = parts;
    const weights = kp.concepts.map((c) => c.weight * (reference.questionConcepts.has(c.key) ? QUESTION_TERM_FACTOR : 1));
    const said = kp.concepts.map((c) => bags.map((bag) => this.concepts.mentions(c, bag)));
    const dots = vectors.map((v) => cosine(kp.vector, v));
    let best = 0;
    let bestWindow: Window | undefined;
    let bestLexical = 0;
    let bestCosine = windows.length > 0 ? -1 : 0;
    for (const w of windows) {
      let lexSum = 0;
      for (let c = 0; c < weights.length; c++) {
        let m = 0;
        for (let k = w.first; k <= w.last; k++) m = Math.max(m, said[c]![k]!);
        lexSum += m * weights[c]!;
      }
      const lex = kp.saturation > 0 ? Math.min(1, lexSum / kp.saturation) : 0;
      let dot = 0;
      for (let k = w.first; k <= w.last; k++) dot += w.weights[k - w.first]! * dots[k]!;
      const cos = w.norm > 0 ? dot / w.norm : 0;
      bestLexical = Math.max(bestLexical, lex);
      bestCosine = Math.max(bestCosine, cos);
      const sem = clamp01((cos - cosineFloor) / (cosineCeiling - cosineFloor));
      const coverage = lexicalShare * lex + (1 - lexicalShare) * sem;
      // Windows come shortest first from each clause, so on ties the tighter quote is kept.
      if (coverage > best + 1e-9) {
        best = coverage;
        bestWindow = w;
      }
    }
    const status = best >= covered ? 'covered' : best >= partial ? 'partial' : 'missed';
    const evidence = status !== 'missed' && bestWindow ? answer.slice(bestWindow.start, bestWindow.end) : undefined;
    const contradictions = evidence !== undefined && withContradictions ? this.contradictions.find(kp.point.plain, evidence, reference.text) : [];
    // Saying the opposite of a point in its words is not saying the point: it earns nothing, and the stretch is
    // still quoted so the feedback can show what was said.
    if (contradictions.length > 0) {
      return { match: { keyPoint: kp, coverage: 0, status: 'missed', ...(evidence !== undefined ? { evidence } : {}), contradictions }, lexical: 0, semantic: bestCosine };
    }
    const match: KeyPointMatch = { keyPoint: kp, coverage: best, status, ...(evidence !== undefined ? { evidence } : {}) };
    return { match, lexical: bestLexical, semantic: bestCosine };
  }

  private recall(reference: Reference, bag: TextBag): number {
    const total = reference.topConcepts.reduce((a, c) => a + c.weight, 0);
    if (total === 0) return 0;
    return reference.topConcepts.reduce((a, c) => a + c.weight * this.concepts.mentions(c, bag), 0) / total;
  }

  /**
   * How well the answer fits the sections it resembles most (other than the reference): the off-topic test.
   * Only the closest few are matched key point by key point, which keeps this to a few milliseconds.
   */
  private others(reference: Reference, vector: Float32Array, bag: TextBag, parts: AnswerParts, answer: string) {
    const own = new Set(reference.sections.map((s) => s.id));
    const candidates = this.bank
      .all()
      .filter((r) => !own.has(r.sections[0]!.id))
      .map((r) => ({ r, similarity: cosine(vector, r.vector), recall: this.recall(r, bag) }));
    const otherSimilarity = candidates.reduce((best, c) => Math.max(best, c.similarity), -1);
    const otherRecall = candidates.reduce((best, c) => Math.max(best, c.recall), 0);
    const closest = [...candidates].sort((a, b) => b.similarity + b.recall - (a.similarity + a.recall)).slice(0, OTHER_CANDIDATES);
    let otherCoverage = 0;
    let closestOther: { sectionId: string; title: string; coverage: number } | undefined;
    for (const { r } of closest) {
      const coverage = r.keyPoints.reduce((a, kp) => a + kp.point.weight * this.match(kp, parts, r, answer, false).match.coverage, 0);
      if (coverage > otherCoverage) {
        otherCoverage = coverage;
        closestOther = { sectionId: r.sections[0]!.id, title: r.sections[0]!.title, coverage };
      }
    }
    return { otherSimilarity, otherRecall, otherCoverage, closestOther };
  }

  private ownMentions(reference: Reference, bag: TextBag): number {
    let total = 0;
    const seen = new Set<string>();
    for (const kp of reference.keyPoints) {
      for (const c of kp.concepts) {
        if (seen.has(c.key) || reference.questionConcepts.has(c.key)) continue;
        seen.add(c.key);
        total += c.weight * this.concepts.mentions(c, bag);
      }
    }
    return total;
  }

  private foreign(reference: Reference, bag: TextBag): number {
    let own = 0;
    let foreign = 0;
    const unseen = Math.log(1 + this.concepts.documentCount);
    for (const id of bag.sets) {
      const weight = this.concepts.idf(`g${id}`);
      if (reference.bag.sets.has(id)) own += weight;
      else if (weight < unseen) foreign += weight;
    }
    return own + foreign === 0 ? 0 : foreign / (own + foreign);
  }

  /** Embeds each distinct text once (rambling answers repeat themselves). */
  private async embedUnique(texts: string[]): Promise<Float32Array[]> {
    const distinct = [...new Set(texts)];
    if (distinct.length === 0) return [];
    const vectors = await this.embedder.embedDocuments(distinct);
    const byText = new Map(distinct.map((t, i) => [t, vectors[i]!]));
    return texts.map((t) => byText.get(t)!);
  }

  /** Clause bags and vectors, and the runs of one to three consecutive clauses that evidence is quoted from. */
  private parts(clauses: Clause[], vectors: Float32Array[]): AnswerParts {
    const bags = clauses.map((c) => this.concepts.bag(stripFillers(c.text)));
    const windows: Window[] = [];
    for (let i = 0; i < clauses.length; i++) {
      for (let j = i; j < Math.min(clauses.length, i + 3); j++) {
        const start = clauses[i]!.start;
        const end = clauses[j]!.end;
        if (j > i && end - start > this.options.maxWindowChars) break;
        const weights = clauses.slice(i, j + 1).map((c) => Math.sqrt(c.text.length));
        const sum = new Float32Array(vectors[i]!.length);
        for (let k = i; k <= j; k++) vectors[k]!.forEach((x, d) => (sum[d]! += weights[k - i]! * x));
        const norm = Math.sqrt(cosine(sum, sum));
        windows.push({ first: i, last: j, start, end, weights, norm });
      }
    }
    return { clauses, bags, vectors, windows };
  }
}

function meanVector(vectors: Float32Array[], weights: number[]): Float32Array {
  const sum = new Float32Array(vectors[0]?.length ?? 0);
  vectors.forEach((v, k) => v.forEach((x, d) => (sum[d]! += weights[k]! * x)));
  const norm = Math.sqrt(cosine(sum, sum)) || 1;
  return sum.map((x) => x / norm);
}

function unionBag(bags: TextBag[]): TextBag {
  return {
    norm: bags.map((b) => b.norm).join(' '),
    sets: new Set(bags.flatMap((b) => [...b.sets])),
    groups: new Set(bags.flatMap((b) => [...b.groups])),
    words: new Set(bags.flatMap((b) => [...b.words])),
  };
}

/** Dot product of unit vectors; 0 when either is degenerate (an all-zero embedding of an empty text). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return Number.isFinite(dot) ? dot : 0;
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
