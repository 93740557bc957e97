// Hybrid retrieval: dense and keyword candidates, aggregated to sections, scored with lexical, intent and
// coverage evidence, and an out-of-scope decision calibrated on the dev set.

import type { Glossary } from '../glossary/glossary.js';
import type { Chunk, Section } from '../notes/types.js';
import { normalizeText } from '../text/normalize.js';
import { containsConcept, queryConcepts, type Concept } from './query-concepts.js';
import type { Embedder, KeywordIndex, Retrieval, Retriever, RetrieverName, SectionHit, VectorIndex } from './types.js';

export interface HybridWeights {
  dense: number;
  keyword: number;
  heading: number;
  body: number;
  intent: number;
}

export interface ScopeCalibration {
  /** A query is in scope when its best section's score reaches this. */
  minScore: number;
  /** …and at least this fraction (idf-weighted) of its topic concepts occur somewhere in the notes. */
  minCoverage: number;
}

export interface HybridOptions {
  weights: HybridWeights;
  scope: ScopeCalibration;
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  /** Which retrievers to use; evaluation switches one off to measure the other alone. */
  use: RetrieverName[];
}

// Fitted by scripts/eval-retrieval.ts --tune on the dev split only (the held-out split is reported, never tuned on).
export const DEFAULT_HYBRID: HybridOptions = {
  weights: { dense: 1, keyword: 0.5, heading: 1, body: 0.3, intent: 0.4 },
  scope: { minScore: 0.35, minCoverage: 0.5 },
  candidates: 40,
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

interface SectionInfo {
  section: Section;
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

  constructor(
    private readonly deps: HybridDeps,
    private readonly options: HybridOptions = DEFAULT_HYBRID,
  ) {
    for (const s of deps.sections) {
      const heading = normalizeText(s.title);
      this.sections.set(s.id, { section: s, heading, body: normalizeText(s.answer), intents: deps.glossary.intents(s.title) });
    }
    for (const c of deps.chunks) this.chunks.set(c.id, c);
    this.allText = [...this.sections.values()].map((s) => `${s.heading}\n${s.body}`).join('\n');
  }

  async retrieve(query: string, k = 5): Promise<Retrieval> {
    const { weights, candidates: n, use } = this.options;
    const concepts = queryConcepts(query, this.deps.glossary);
    const topical = concepts.filter((c) => !c.intent);
    const intents = new Set(concepts.flatMap((c) => (c.intent ? [c.intent] : [])));
    const expanded = `${query} ${concepts.flatMap((c) => c.forms).join(' ')}`;

    const candidates = new Map<string, Candidate>();
    const candidate = (chunkId: string): Candidate | null => {
      const chunk = this.chunks.get(chunkId);
      const info = chunk && this.sections.get(chunk.sectionId);
      if (!chunk || !info) return null;
      let c = candidates.get(info.section.id);
      if (!c) candidates.set(info.section.id, (c = { info, chunkId, dense: 0, keyword: 0, sources: new Set() }));
      return c;
    };
    if (use.includes('dense')) {
      const vector = await this.deps.embedder.embedQuery(query);
      for (const hit of this.deps.vectors.search(vector, n)) {
        const c = candidate(hit.id);
        if (!c) continue;
        c.sources.add('dense');
        if (hit.score > c.dense) {
          c.dense = hit.score;
          c.chunkId = hit.id;
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

    const weightOf = (c: Concept) => this.conceptWeight(c);
    const totalWeight = topical.reduce((a, c) => a + weightOf(c), 0) || 1;
    const scored = [...candidates.values()].map((c) => {
      const inHeading = topical.reduce((a, t) => a + (containsConcept(c.info.heading, t) ? weightOf(t) : 0), 0) / totalWeight;
      const inBody = topical.reduce((a, t) => a + (containsConcept(c.info.body, t) ? weightOf(t) : 0), 0) / totalWeight;
      const intent = intentAgreement(intents, c.info.intents);
      const raw =
        weights.dense * c.dense + weights.keyword * c.keyword + weights.heading * inHeading + weights.body * inBody + weights.intent * intent;
      const max = weights.dense + weights.keyword + weights.heading + weights.body + weights.intent;
      return { c, score: Math.max(0, Math.min(1, raw / max)) };
    });
    scored.sort((a, b) => b.score - a.score);

    const coverage = topical.length === 0 ? 0 : topical.reduce((a, t) => a + (containsConcept(this.allText, t) ? weightOf(t) : 0), 0) / totalWeight;
    const best = scored[0]?.score ?? 0;
    const inScope = best >= this.options.scope.minScore && coverage >= this.options.scope.minCoverage;
    const hits: SectionHit[] = scored.slice(0, k).map(({ c, score }) => ({
      chunkId: c.chunkId,
      questionId: c.info.section.id,
      heading: c.info.section.heading,
      text: this.chunks.get(c.chunkId)!.text,
      score: Number(score.toFixed(4)),
      sources: [...c.sources].sort(),
    }));
    return { inScope, hits };
  }

  /** Rarer concepts count more: log inverse section frequency, where a concept absent from the notes is rarest. */
  private conceptWeight(concept: Concept): number {
    let df = 0;
    for (const s of this.sections.values()) if (containsConcept(s.heading, concept) || containsConcept(s.body, concept)) df++;
    return Math.log(1 + this.sections.size / Math.max(df, 1));
  }
}

/** +1 when the query asks what the heading is about (优点 ↔ 优点), −1 when it asks the opposite, 0 otherwise. */
function intentAgreement(query: Set<string>, heading: Set<string>): number {
  if (query.size === 0 || heading.size === 0) return 0;
  for (const i of query) if (heading.has(i)) return 1;
  return -1;
}
