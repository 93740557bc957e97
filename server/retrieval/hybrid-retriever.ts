// Hybrid retrieval: dense and keyword candidates, aggregated to sections, scored with lexical, intent and
// coverage evidence, and an out-of-scope decision calibrated on the dev set.

import type { Glossary } from '../glossary/glossary.js';
import type { Chunk, Section } from '../notes/types.js';
import { normalizeText } from '../text/normalize.js';
import { stemUncached } from '../text/stem.js';
import { wordSpecificity } from '../text/word-specificity.js';
import { sectionOfQuestionVector } from './vector-ids.js';
import { conceptPresence, containsStemmed, queryConcepts, type Concept } from './query-concepts.js';
import type { Embedder, KeywordIndex, Retrieval, Retriever, RetrieverName, SectionHit, VectorIndex } from './types.js';

export interface HybridWeights {
  dense: number;
  keyword: number;
  heading: number;
  body: number;
  intent: number;
}

export interface ScopeCalibration {
  /**
   * A query is in scope when its best section's score plus the share (idf- and specificity-weighted) of its
   * topic concepts that section holds reaches this. The sum separates the dev set's out-of-scope queries
   * better than either part alone (a near-topic query scores fairly on one of them, rarely on both).
   */
  minEvidence: number;
  /** …and at least this share of its topic concepts occurs somewhere in the notes ("GAN 的训练技巧" fails). */
  minCoverage: number;
}

export interface HybridOptions {
  weights: HybridWeights;
  scope: ScopeCalibration;
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  /** How much more than the rarest note word a field term absent from the notes weighs (scope evidence). */
  absentTermWeight: number;
  /** Which retrievers to use; evaluation switches one off to measure the other alone. */
  use: RetrieverName[];
}

// Fitted by scripts/eval-retrieval.ts --tune on the dev split only (the held-out split is reported, never tuned on).
export const DEFAULT_HYBRID: HybridOptions = {
  weights: { dense: 1, keyword: 0.25, heading: 1, body: 0.3, intent: 0.2 },
  scope: { minEvidence: 0.46, minCoverage: 0.32 },
  candidates: 40,
  absentTermWeight: 4,
  use: ['dense', 'keyword'],
};

export interface HybridDeps {
  embedder: Embedder;
  vectors: VectorIndex;
  keywords: KeywordIndex;
  sections: Section[];
  chunks: Chunk[];
  glossary: Glossary;
}

/** What the in-scope decision looks at, each in [0, 1]. */
export interface ScopeFeatures {
  /** The best section's fused score. */
  best: number;
  /** Share (idf- and specificity-weighted) of the query's topic concepts found anywhere in the notes. */
  coverage: number;
  /** …found in the best section itself. */
  topCoverage: number;
  /** The best section's dense cosine similarity. */
  dense: number;
}

interface SectionInfo {
  section: Section;
  /** Normalised and stemmed (stemUncached): only ever searched for concepts. */
  heading: string;
  body: string;
  intents: Set<string>;
}

interface Candidate {
  info: SectionInfo;
  chunkId: string;
  dense: number;
  keyword: number;
  sources: Set<RetrieverName>;
}

export class HybridRetriever implements Retriever {
  private readonly sections = new Map<string, SectionInfo>();
  private readonly chunks = new Map<string, Chunk>();
  private readonly allText: string;
  private readonly weights = new Map<string, number>();
  private readonly presence = new Map<string, boolean>();

  constructor(
    private readonly deps: HybridDeps,
    private readonly options: HybridOptions = DEFAULT_HYBRID,
  ) {
    for (const s of deps.sections) {
      const heading = stemUncached(normalizeText(s.title));
      // A question with no answer yet is all heading; scoring its body as empty would rank it below every neighbour.
      this.sections.set(s.id, { section: s, heading, body: stemUncached(normalizeText(s.answer)) || heading, intents: deps.glossary.intents(s.title) });
    }
    for (const c of deps.chunks) this.chunks.set(c.id, c);
    this.allText = [...this.sections.values()].map((s) => `${s.heading}\n${s.body}`).join('\n');
  }

  async retrieve(query: string, k = 5): Promise<Retrieval> {
    const ranked = await this.rank(query);
    return { inScope: this.inScope(ranked.features), hits: ranked.hits.slice(0, k) };
  }

  /** The in-scope decision from the query's features (thresholds calibrated on the dev split). */
  inScope(features: ScopeFeatures, scope: ScopeCalibration = this.options.scope): boolean {
    return features.best + features.topCoverage >= scope.minEvidence && features.coverage >= scope.minCoverage;
  }

  /** All candidate sections, best first, with the features the in-scope decision uses. */
  async rank(rawQuery: string): Promise<{ hits: SectionHit[]; features: ScopeFeatures }> {
    const { weights, candidates: n, use } = this.options;
    // Typos of glossary terms are fixed first, so every retriever sees the term the user meant.
    const query = this.deps.glossary.correct(rawQuery);
    // Nothing left to match (only spaces or invisible characters such as U+200B): no section answers that, and
    // the embedding of an empty text would rank sections arbitrarily.
    if (query === '') return { hits: [], features: { best: 0, coverage: 0, topCoverage: 0, dense: 0 } };
    const concepts = queryConcepts(query, this.deps.glossary, { corrected: true });
    const topical = concepts.filter((c) => !c.intent);
    const intents = new Set(concepts.flatMap((c) => (c.intent ? [c.intent] : [])));
    const expanded = `${query} ${concepts.flatMap((c) => c.forms).join(' ')}`;

    const candidates = new Map<string, Candidate>();
    const candidate = (vectorId: string): Candidate | null => {
      const questionOf = sectionOfQuestionVector(vectorId);
      const chunkId = questionOf === null ? vectorId : `${questionOf}#0`;
      const chunk = this.chunks.get(chunkId);
      const info = chunk && this.sections.get(chunk.sectionId);
      if (!chunk || !info) return null;
      let c = candidates.get(info.section.id);
      if (!c) candidates.set(info.section.id, (c = { info, chunkId, dense: 0, keyword: 0, sources: new Set() }));
      return c;
    };
    if (use.includes('dense')) {
      // The raw query, not the glossary-expanded one: the model already ties synonyms, and piling every
      // equivalent term into one mean-pooled vector blurs it (measured: dense R@1 0.20 expanded vs 0.58 raw).
      const vector = await this.deps.embedder.embedQuery(query);
      for (const hit of this.deps.vectors.search(vector, n)) {
        const c = candidate(hit.id);
        if (!c) continue;
        c.sources.add('dense');
        if (hit.score > c.dense) {
          c.dense = hit.score;
          if (sectionOfQuestionVector(hit.id) === null) c.chunkId = hit.id;
        }
      }
    }
    if (use.includes('keyword')) {
      const hits = this.deps.keywords.search(expanded, n);
      const top = hits[0]?.score ?? 1;
      for (const hit of hits) {
        const c = candidate(hit.id);
        if (!c) continue;
        c.sources.add('keyword');
        const relative = hit.score / top;
        if (relative > c.keyword) {
          c.keyword = relative;
          if (!c.sources.has('dense')) c.chunkId = hit.id;
        }
      }
    }

    // Looked up once per query: weightOf runs for every candidate × concept, and the cache key is a join.
    const conceptWeights = new Map(topical.map((c) => [c, this.conceptWeight(c)]));
    const weightOf = (c: Concept) => conceptWeights.get(c) ?? this.conceptWeight(c);
    const totalWeight = topical.reduce((a, c) => a + weightOf(c), 0) || 1;
    const coverageIn = (text: string) => topical.reduce((a, t) => a + conceptPresence(text, t) * weightOf(t), 0) / totalWeight;
    // Scope asks whether the notes hold the very terms asked about, so broader head words earn nothing there.
    // …and everyday words (理解, 一步步, "work") say little about whether the notes cover a question.
    const scopeWeight = (c: Concept) => weightOf(c) * (c.forms.length === 1 ? wordSpecificity(c.said) : 1);
    const scopeTotal = topical.reduce((a, c) => a + scopeWeight(c), 0) || 1;
    const strictCoverageIn = (stemmed: string) => topical.reduce((a, t) => a + (containsStemmed(stemmed, t) ? scopeWeight(t) : 0), 0) / scopeTotal;
    const max = weights.dense + weights.keyword + weights.heading + weights.body + weights.intent;
    const scored = [...candidates.values()].map((c) => {
      const inHeading = coverageIn(c.info.heading);
      // An intent only decides between sections on the query's topic: sharing "怎么" with an unrelated
      // heading must not lift it.
      const topicality = inHeading;
      const raw =
        weights.dense * c.dense +
        weights.keyword * c.keyword +
        weights.heading * inHeading +
        weights.body * coverageIn(c.info.body) +
        weights.intent * intentAgreement(intents, c.info.intents) * topicality;
      return { c, score: Math.max(0, Math.min(1, raw / max)) };
    });
    scored.sort((a, b) => b.score - a.score);

    const top = scored[0]?.c.info;
    const features: ScopeFeatures = {
      best: scored[0]?.score ?? 0,
      coverage: topical.length === 0 ? 0 : topical.reduce((a, t) => a + (this.inNotes(t) ? scopeWeight(t) : 0), 0) / scopeTotal,
      topCoverage: top && topical.length > 0 ? strictCoverageIn(`${top.heading}\n${top.body}`) : 0,
      dense: scored[0]?.c.dense ?? 0,
    };
    const hits: SectionHit[] = scored.map(({ c, score }) => ({
      chunkId: c.chunkId,
      questionId: c.info.section.id,
      heading: c.info.section.heading,
      text: this.chunks.get(c.chunkId)!.text,
      score: Number(score.toFixed(4)),
      sources: [...c.sources].sort(),
    }));
    return { hits, features };
  }

  /**
   * Whether any section holds the concept (strictly): remembered per concept, because scanning all the notes on
   * every query was the largest cost of a search over a 100k-chunk index (profiled with scripts/bench-scale.ts).
   */
  private inNotes(concept: Concept): boolean {
    const key = concept.forms.join('|');
    let found = this.presence.get(key);
    if (found === undefined) {
      found = containsStemmed(this.allText, concept);
      if (this.presence.size > 50_000) this.presence.clear();
      this.presence.set(key, found);
    }
    return found;
  }

  /**
   * Rarer concepts count more: log inverse section frequency. A concept absent from the notes weighs by what
   * its absence says about scope: an everyday English word ("work", "tell") little; a known term of the field
   * (a glossary entry) or unknown jargon ("kubernetes", "sql") a lot, since a question about it is most
   * likely one the notes cannot answer.
   */
  private conceptWeight(concept: Concept): number {
    const key = `${concept.said}|${concept.forms.join('|')}`;
    const cached = this.weights.get(key);
    if (cached !== undefined) return cached;
    let df = 0;
    for (const s of this.sections.values()) if (containsStemmed(s.heading, concept) || containsStemmed(s.body, concept)) df++;
    const rarest = Math.log(1 + this.sections.size);
    let weight = Math.log(1 + this.sections.size / Math.max(df, 1));
    if (df === 0) {
      const latin = /^[a-z][a-z0-9 ]*$/.test(concept.said);
      if (latin && concept.said.split(' ').every((w) => wordSpecificity(w) < 1)) weight = 0.3;
      else if (concept.forms.length > 1 || (latin && concept.said.length >= 2)) weight = this.options.absentTermWeight * rarest;
      // Everyday Chinese the notes happen not to use (不加, 行不行, 排查) says little about scope either.
      else weight = 1;
    }
    // Bounded so a long-running server facing endless distinct queries keeps a fixed footprint.
    if (this.weights.size > 50_000) this.weights.clear();
    this.weights.set(key, weight);
    return weight;
  }
}

// Intents that exclude each other: a question about drawbacks is not answered by a section on advantages,
// nor a question on purpose by one on the principle or the differences.
const CONTRASTS: ReadonlyArray<ReadonlySet<string>> = [new Set(['advantage', 'disadvantage']), new Set(['purpose', 'principle', 'difference'])];

/**
 * For the contrasting intents only (advantage / disadvantage, purpose / principle / difference): +1 when the
 * heading asks what the query asks (优点 ↔ 优点 / pros), −1 when it asks the contrasting thing (优点 ↔ 缺点),
 * 0 otherwise. Looser intents ("怎么", "是什么") are phrased too variously to decide anything.
 */
function intentAgreement(query: Set<string>, heading: Set<string>): number {
  let agreement = 0;
  for (const group of CONTRASTS) {
    const asked = [...query].filter((i) => group.has(i));
    if (asked.length === 0) continue;
    if (asked.some((i) => heading.has(i))) return 1;
    if ([...heading].some((h) => group.has(h))) agreement = -1;
  }
  return agreement;
}
