// What an answer is graded against: the key points of one or more note sections with their concepts and
// vectors, and the bank that prepares this once for every section of the notes.

import type { Glossary } from '../glossary/glossary.js';
import type { Chunk, Section } from '../notes/types.js';
import type { Embedder } from '../retrieval/types.js';
import { ConceptSpace, type Concept, type TextBag } from './concepts.js';
import { DEFAULT_KEY_POINTS, extractKeyPoints, type KeyPoint, type KeyPointOptions } from './key-points.js';
import type { NoteSource } from './types.js';

/** A key point ready for matching. */
export interface PreparedKeyPoint {
  point: KeyPoint;
  concepts: Concept[];
  /** Sum of the heaviest concepts' weights: a key point counts as fully said once these many are said. */
  saturation: number;
  vector: Float32Array;
}

export interface Reference {
  /** The sections graded against, best first (one for a bank question, a few for a free question). */
  sections: Section[];
  citations: NoteSource[];
  keyPoints: PreparedKeyPoint[];
  /** Concepts of the question itself: saying them back is not covering a key point. */
  questionConcepts: Set<string>;
  /** The note text the key points were cut from (what else the notes say around a point). */
  text: string;
  /** The reference text's bag and its most characteristic concepts. */
  bag: TextBag;
  topConcepts: Concept[];
  vector: Float32Array;
}

// A key point is fully said once its four heaviest concepts are: long note sentences carry asides a good
// spoken answer leaves out.
const SATURATION_CONCEPTS = 4;
// The reference's most characteristic concepts, for the whole-answer recall feature.
const TOP_CONCEPTS = 12;

export class ReferenceBank {
  private readonly bySection = new Map<string, Reference>();

  private constructor(
    readonly concepts: ConceptSpace,
    private readonly embedder: Embedder,
    private readonly options: KeyPointOptions,
  ) {}

  /**
   * Prepares every section with a reference answer. Key points are derived here, at service creation, rather
   * than stored in the index: they are a pure function of the sections (milliseconds for the whole notes), so
   * computing them keeps the index format untouched and can never serve key points from stale notes.
   * Embedding them is one batched pass of the static model (well under a second).
   */
  static async build(sections: Section[], glossary: Glossary, embedder: Embedder, options: KeyPointOptions = DEFAULT_KEY_POINTS): Promise<ReferenceBank> {
    const space = new ConceptSpace(glossary, sections.map((s) => `${s.title}\n${s.answer}`));
    const bank = new ReferenceBank(space, embedder, options);
    const graded = sections.filter((s) => s.hasReference);
    const prepared = await bank.prepare(graded.map((s) => ({ sections: [s], points: extractKeyPoints(s, options), text: s.answer, question: s.title })));
    graded.forEach((s, i) => bank.bySection.set(s.id, prepared[i]!));
    return bank;
  }

  /** The prepared reference of a section, or undefined when the section has no reference answer. */
  get(sectionId: string): Reference | undefined {
    return this.bySection.get(sectionId);
  }

  all(): Reference[] {
    return [...this.bySection.values()];
  }

  /** A reference made from retrieved chunks (for a question that is not in the notes as such). */
  async fromChunks(question: string, parts: { section: Section; chunk: Chunk }[]): Promise<Reference> {
    const points = parts.flatMap(({ section, chunk }) =>
      extractKeyPoints({ ...section, answer: chunk.text, endLine: chunk.endLine, hasReference: chunk.text.trim() !== '' }, this.options),
    );
    const [ref] = await this.prepare([
      {
        sections: parts.map((p) => p.section),
        points: rescale(points, this.options.maxPoints),
        text: parts.map((p) => p.chunk.text).join('\n'),
        question,
        citations: parts.map(({ section, chunk }) => ({ questionId: section.id, heading: section.heading, file: section.file, startLine: chunk.startLine, endLine: chunk.endLine })),
      },
    ]);
    return ref!;
  }

  private async prepare(items: { sections: Section[]; points: KeyPoint[]; text: string; question: string; citations?: NoteSource[] }[]): Promise<Reference[]> {
    const texts = items.flatMap((item) => [`${item.question}\n${item.text}`, ...item.points.map((p) => p.plain)]);
    const vectors = texts.length > 0 ? await this.embedder.embedDocuments(texts) : [];
    let v = 0;
    return items.map((item) => {
      const vector = vectors[v++]!;
      const questionConcepts = new Set(this.concepts.concepts(item.question).map((c) => c.key));
      const keyPoints = item.points.map((point) => {
        const concepts = this.concepts.concepts(point.plain);
        const heaviest = concepts.map((c) => c.weight).sort((a, b) => b - a);
        const saturation = heaviest.slice(0, SATURATION_CONCEPTS).reduce((a, w) => a + w, 0);
        return { point, concepts, saturation, vector: vectors[v++]! };
      });
      const counts = new Map<string, { c: Concept; n: number }>();
      for (const kp of keyPoints) for (const c of kp.concepts) counts.set(c.key, { c, n: (counts.get(c.key)?.n ?? 0) + 1 });
      const topConcepts = [...counts.values()]
        .filter(({ c }) => !questionConcepts.has(c.key))
        .sort((a, b) => b.c.weight * Math.sqrt(b.n) - a.c.weight * Math.sqrt(a.n))
        .slice(0, TOP_CONCEPTS)
        .map(({ c }) => c);
      const first = item.sections[0]!;
      return {
        sections: item.sections,
        citations: item.citations ?? [{ questionId: first.id, heading: first.heading, file: first.file, startLine: first.startLine, endLine: first.endLine }],
        keyPoints,
        questionConcepts,
        text: item.text,
        bag: this.concepts.bag(`${item.question}\n${item.text}`),
        topConcepts,
        vector,
      };
    });
  }
}

/** Key points pooled from several chunks: the heaviest ones (as many as one section may have), weights summing to 1. */
function rescale(points: KeyPoint[], max: number): KeyPoint[] {
  const kept = [...points].sort((a, b) => b.weight - a.weight).slice(0, max);
  const total = kept.reduce((a, p) => a + p.weight, 0) || 1;
  return points.filter((p) => kept.includes(p)).map((p) => ({ ...p, weight: p.weight / total }));
}
