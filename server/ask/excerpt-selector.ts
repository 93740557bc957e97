// Picks, from the retrieved sections, the sentences and list items that answer a question, within a character budget.

import type { Glossary } from '../glossary/glossary.js';
import type { Section } from '../notes/types.js';
import { containsConcept, type Concept } from '../retrieval/query-concepts.js';
import type { Embedder, SectionHit } from '../retrieval/types.js';
import { normalizeText } from '../text/normalize.js';
import { formatExcerpt } from './format-excerpt.js';
import { profileQuestion, scoreUnits, type ScoreWeights, type UnitScore } from './score-units.js';
import { sectionUnits, type SectionUnits } from './section-units.js';

/** The chosen part of one section. */
export interface Excerpt {
  section: Section;
  /** Markdown in the notes' order, list markers kept, cuts shown as "…". */
  markdown: string;
  /** Markdown lines with the file line each came from. */
  lines: { text: string; fileLine: number; labelOnly: boolean }[];
  /** 1-based inclusive file lines spanned by the excerpt. */
  startLine: number;
  endLine: number;
  /** The best unit's score (≥ 0, higher is better; only comparable within one question). */
  score: number;
  /** False when the question asks for something in particular (优点, 原因 …) and no chosen unit says it. */
  addressesIntent: boolean;
}

export interface ExcerptOptions {
  /** Budget for the excerpts' text together, in characters (markdown markers included). */
  maxChars: number;
  /** Units scoring below this fraction of the best unit are left out, however much budget is left. */
  minRelativeScore: number;
  /** The same for units of the other sections: they only add to the best section when nearly as relevant. */
  minRelativeScoreElsewhere: number;
  /** Sections retrieval scored below this fraction of the best answered section are not read. */
  minSectionRelative: number;
  maxSections: number;
  weights: ScoreWeights;
}

// 600 characters is about five Chinese sentences: the gist of an answer, short enough to read at a glance.
// Units within 55 % of the best one keep the explanation that follows a key sentence without pulling in the
// section's other points; sections within 60 % of the best hit are the ones retrieval itself ranks as close rivals.
export const DEFAULT_EXCERPTS: ExcerptOptions = {
  maxChars: 600,
  minRelativeScore: 0.55,
  minRelativeScoreElsewhere: 0.75,
  minSectionRelative: 0.6,
  maxSections: 3,
  weights: { lexical: 0.75, dense: 0.25 },
};

export interface ExcerptSelectorDeps {
  sections: Section[];
  glossary: Glossary;
  /** Adds meaning similarity to the word overlap; without it units are scored on words alone. */
  embedder?: Embedder;
}

export class ExcerptSelector {
  private readonly byId = new Map<string, Section>();
  private readonly units = new Map<string, SectionUnits>();
  private readonly vectors = new Map<string, Promise<Float32Array[]>>();
  private readonly sectionTexts: string[];
  private readonly df = new Map<string, number>();

  constructor(
    private readonly deps: ExcerptSelectorDeps,
    private readonly options: ExcerptOptions = DEFAULT_EXCERPTS,
  ) {
    for (const s of deps.sections) this.byId.set(s.id, s);
    this.sectionTexts = deps.sections.map((s) => normalizeText(`${s.title}\n${s.answer}`));
  }

  /** The section a hit points at, or undefined when the notes changed under the index. */
  section(questionId: string): Section | undefined {
    return this.byId.get(questionId);
  }

  /**
   * False when the question names topics and none of them occurs in any of the hits' sections: whatever retrieval
   * ranked first, those sections do not talk about what was asked. One-character words ("才", "比") are too common
   * to count either way, and a question without topic words is given the benefit of the doubt.
   */
  mentionsTopic(question: string, hits: SectionHit[]): boolean {
    const topics = profileQuestion(question, this.deps.glossary, () => 1).topics.filter(({ concept }) => concept.forms.some((f) => [...f].length > 1));
    if (topics.length === 0) return true;
    const texts = hits.flatMap((h) => {
      const section = this.byId.get(h.questionId);
      return section ? [normalizeText(`${section.title}\n${section.answer}`)] : [];
    });
    return topics.some(({ concept }) => texts.some((t) => containsConcept(t, concept)));
  }

  /**
   * Excerpts from the hits' answered sections, best section first. Empty when none of the hits has an answer.
   * `maxChars` overrides the budget (an LLM gets more context than a reader).
   */
  async select(question: string, hits: SectionHit[], maxChars = this.options.maxChars): Promise<Excerpt[]> {
    const answered = hits
      .map((hit) => ({ hit, units: this.sectionUnits(hit.questionId) }))
      .filter((c): c is { hit: SectionHit; units: SectionUnits } => c.units !== null && c.units.units.length > 0);
    const top = answered[0]?.hit.score ?? 0;
    const candidates = answered.filter((c) => c.hit.score >= top * this.options.minSectionRelative).slice(0, this.options.maxSections);
    if (candidates.length === 0) return [];

    const profile = profileQuestion(question, this.deps.glossary, (c) => this.conceptWeight(c));
    // Concepts no candidate mentions cannot tell units apart; leaving them out keeps scores comparable.
    const present = profile.topics.filter(({ concept }) =>
      candidates.some(({ units }) => containsConcept(units.heading, concept) || units.units.some((u) => containsConcept(u.norm, concept))),
    );
    const topicWeight = present.reduce((a, t) => a + t.weight, 0);
    const questionVector = this.deps.embedder ? await this.deps.embedder.embedQuery(question) : null;

    const scored: { rank: number; units: SectionUnits; score: UnitScore }[] = [];
    for (const [rank, { hit, units }] of candidates.entries()) {
      const dense = questionVector ? (await this.unitVectors(units)).map((v) => dot(v, questionVector)) : null;
      const sectionWeight = top > 0 ? hit.score / top : 1;
      for (const score of scoreUnits({ ...profile, topics: present }, units, this.deps.glossary, { dense, sectionWeight, weights: this.options.weights, topicWeight })) {
        scored.push({ rank, units, score });
      }
    }
    return this.choose(scored, candidates.length, maxChars);
  }

  private choose(scored: { rank: number; units: SectionUnits; score: UnitScore }[], sections: number, maxChars: number): Excerpt[] {
    const best = Math.max(...scored.map((s) => s.score.score));
    const chosen: Set<number>[] = Array.from({ length: sections }, () => new Set<number>());
    let used = 0;
    const take = (rank: number, index: number) => {
      chosen[rank]!.add(index);
      used += cost(scored.find((s) => s.rank === rank)!.units, index, maxChars);
    };
    const fits = (units: SectionUnits, index: number) => used + cost(units, index, maxChars) <= maxChars;
    if (best <= 0) {
      // Nothing in the question matched any unit: the best section's opening is the most likely answer.
      for (const s of scored.filter((s) => s.rank === 0)) if (used === 0 || fits(s.units, s.score.unit.index)) take(0, s.score.unit.index);
    } else {
      const { minRelativeScore, minRelativeScoreElsewhere } = this.options;
      const ranked = scored
        .filter((s) => s.score.score >= best * (s.rank === 0 ? minRelativeScore : minRelativeScoreElsewhere)).sort((a, b) => b.score.score - a.score.score || a.rank - b.rank);
      for (const s of ranked) {
        const unit = s.score.unit;
        if (used > 0 && !fits(s.units, unit.index)) continue;
        take(s.rank, unit.index);
        // A list item read without the label line above it ("**YOLOv1的缺点**:") loses its subject.
        const label = s.units.units.find((u) => u.labelLine && u.label !== null && unit.contextLabel?.endsWith(u.label) && u.answerLine < unit.answerLine && isNearestLabel(s.units, u.index, unit.index));
        if (label && !chosen[s.rank]!.has(label.index) && fits(s.units, label.index)) take(s.rank, label.index);
      }
    }
    const out: Excerpt[] = [];
    const bySection = new Map<number, SectionUnits>(scored.map((s) => [s.rank, s.units]));
    for (let rank = 0; rank < sections; rank++) {
      const units = bySection.get(rank)!;
      const indexes = chosen[rank]!;
      // A label line alone says nothing.
      if (indexes.size === 0 || [...indexes].every((i) => units.units[i]!.labelLine)) continue;
      const formatted = formatExcerpt(units, indexes, clipLength(maxChars));
      const fileLines = [...indexes].map((i) => units.units[i]!.fileLine);
      const picked = scored.filter((s) => s.rank === rank && indexes.has(s.score.unit.index)).map((s) => s.score);
      out.push({
        section: units.section,
        markdown: formatted.markdown,
        lines: formatted.lines,
        startLine: Math.min(...fileLines),
        endLine: Math.max(...fileLines),
        score: Math.max(...picked.map((p) => p.score)),
        addressesIntent: picked.some((p) => p.addressesIntent),
      });
    }
    return out;
  }

  private sectionUnits(id: string): SectionUnits | null {
    const cached = this.units.get(id);
    if (cached) return cached;
    const section = this.byId.get(id);
    if (!section) return null;
    const units = sectionUnits(section);
    this.units.set(id, units);
    return units;
  }

  private unitVectors(units: SectionUnits): Promise<Float32Array[]> {
    let vectors = this.vectors.get(units.section.id);
    if (!vectors) {
      vectors = this.deps.embedder!.embedDocuments(units.units.map((u) => u.text));
      // A failed embedding is retried next time rather than cached.
      vectors.catch(() => this.vectors.delete(units.section.id));
      this.vectors.set(units.section.id, vectors);
    }
    return vectors;
  }

  /** Rarer concepts count more: log inverse section frequency, as in retrieval. */
  private conceptWeight(concept: Concept): number {
    const key = concept.forms.join('\u0000');
    let df = this.df.get(key);
    if (df === undefined) {
      df = this.sectionTexts.reduce((n, text) => n + (containsConcept(text, concept) ? 1 : 0), 0);
      this.df.set(key, df);
    }
    return Math.log(1 + this.sectionTexts.length / Math.max(df, 1));
  }
}

/**
 * What a unit adds to the excerpts' length at most: its (clipped) text, an omission mark and a line break, and its
 * line's indentation when it starts the line. Counting this way keeps the formatted markdown within the budget.
 */
function cost(units: SectionUnits, index: number, maxChars: number): number {
  const unit = units.units[index]!;
  const first = units.units[index - 1]?.answerLine !== unit.answerLine;
  const indent = first ? /^\s*/.exec(units.lines[unit.answerLine]!)![0].length : 0;
  return Math.min(unit.text.length, clipLength(maxChars)) + 2 + indent;
}

/** A single unit longer than the whole budget is cut, leaving room for its omission marks and indentation. */
function clipLength(maxChars: number): number {
  return Math.max(20, maxChars - 10);
}

function isNearestLabel(units: SectionUnits, labelIndex: number, unitIndex: number): boolean {
  for (let i = unitIndex - 1; i > labelIndex; i--) if (units.units[i]!.labelLine) return false;
  return true;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
