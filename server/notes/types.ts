// The shapes of parsed notes: a Q&A section and the chunks it is split into for retrieval.

/** One question in the notes with its reference answer. */
export interface Section {
  /** Stable id derived from the file path and heading text; survives reordering of sections. */
  id: string;
  /** The leading number of a numbered heading (`## 11. ...` → 11), or null. */
  number: number | null;
  /** The heading text exactly as written after the `#` marks. */
  heading: string;
  /** The heading without its leading number, trimmed. */
  title: string;
  /** Heading level, 1 for `#` (or a heading underlined with `===`) … 6 for `######`. */
  level: number;
  /** The answer markdown (trimmed); empty when the notes have no answer yet. */
  answer: string;
  /** Path of the source file relative to the notes folder, with `/` separators. */
  file: string;
  /** 1-based line of the heading. */
  startLine: number;
  /** 1-based last line of the answer (inclusive; equals startLine when there is no answer). */
  endLine: number;
  /** False when the notes have the question but no answer yet. */
  hasReference: boolean;
  /** Headings of enclosing container sections, outermost first (e.g. `['深度学习']`). */
  parents: string[];
}

/** A retrievable piece of one section's answer (or the heading alone when the answer is empty). */
export interface Chunk {
  /** `<sectionId>#<ordinal>`. */
  id: string;
  sectionId: string;
  ordinal: number;
  /** The chunk's own answer text (markdown), without the heading. */
  text: string;
  /** What gets embedded and keyword-indexed: the heading as context, then the text. */
  indexText: string;
  /** 1-based inclusive line range of the chunk text in the source file. */
  startLine: number;
  endLine: number;
}
