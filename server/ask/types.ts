// The Ask seam: a question (with the thread so far) in, an answer grounded in the notes with its citations out.

/** One earlier exchange of the same conversation, oldest first in `AskInput.history`. */
export interface AskTurn {
  question: string;
  /** What was answered; kept with the thread for clients, while follow-ups are resolved from the questions. */
  answer?: string;
}

export interface AskInput {
  question: string;
  /** Earlier turns of the thread, oldest first; used to resolve follow-ups such as "那它和普通卷积比呢？". */
  history?: AskTurn[];
}

/** Where an excerpt sits in the notes: file relative to the notes folder and a 1-based inclusive line range. */
export interface SourceRange {
  file: string;
  startLine: number;
  endLine: number;
}

/** A numbered source the answer refers to as `[n]`. */
export interface Citation {
  /** 1-based; the answer text cites it as `[n]`. */
  n: number;
  questionId: string;
  heading: string;
  /** The markdown taken from the section (the selected sentences and list items, not the whole answer). */
  excerpt: string;
  /** The lines of the excerpt (not the whole section). */
  source: SourceRange;
}

/** A nearby section offered when the notes do not answer the question. */
export interface Suggestion {
  questionId: string;
  heading: string;
  /** False when the notes have the question but no answer yet. */
  hasAnswer: boolean;
  /** The whole section, heading line included. */
  source: SourceRange;
}

/**
 * How far the notes cover the question:
 * - `answered`: excerpts answer it;
 * - `unanswered`: the notes have this very question but no answer yet (excerpts, if any, are from related sections);
 * - `not_covered`: retrieval found nothing relevant enough; `suggestions` hold the nearest sections.
 */
export type Coverage = 'answered' | 'unanswered' | 'not_covered';

export type AskMode = 'extractive' | 'llm';

export interface AskResult {
  /** False when the notes do not cover the question: retrieval said so, or no retrieved section shares a topic word with it. */
  inScope: boolean;
  coverage: Coverage;
  /** Markdown; cites sources as `[n]`. */
  answer: string;
  citations: Citation[];
  /** `llm` only when the model's answer was used; a fallback reports `extractive` with a `notice`. */
  mode: AskMode;
  /** The question as retrieval saw it: the follow-up with the previous turn's topic filled in, or the question itself. */
  resolvedQuestion: string;
  suggestions: Suggestion[];
  /** Why the answer is not what was asked for, e.g. the LLM timed out and the extractive answer is shown. */
  notice?: string;
}

/** What a streamed answer is made of, in order: one `meta`, then `token`s (and maybe `notice`/`reset`), then one `done`. */
export type AskEvent =
  | { type: 'meta'; inScope: boolean; coverage: Coverage; mode: AskMode; resolvedQuestion: string; citations: Citation[]; suggestions: Suggestion[] }
  | { type: 'token'; text: string }
  /** Something the user should know (a fallback); the stream continues. */
  | { type: 'notice'; message: string }
  /** Throw away the text received so far (sent before the extractive answer replaces a failed LLM answer). */
  | { type: 'reset' }
  | { type: 'done'; result: AskResult };

export interface AskOptions {
  /** Aborting stops the work, including the upstream LLM call. */
  signal?: AbortSignal;
}

export interface Asker {
  ask(input: AskInput, options?: AskOptions): Promise<AskResult>;
  /** The same answer as `ask`, produced incrementally. Ends after `done`, or throws (e.g. when aborted). */
  stream(input: AskInput, options?: AskOptions): AsyncIterable<AskEvent>;
}
