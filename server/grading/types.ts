// The grading seam: what a grader is given, and the point-by-point grade it returns.

/** Where a key point or citation comes from in the notes. */
export interface NoteSource {
  questionId: string;
  heading: string;
  file: string;
  /** 1-based inclusive line range in `file`. */
  startLine: number;
  endLine: number;
}

export type KeyPointStatus = 'covered' | 'partial' | 'missed';

export interface KeyPointResult {
  /** The key point as written in the notes (an exact excerpt). */
  text: string;
  status: KeyPointStatus;
  /** Share of the grade this point carries; the weights of one grade sum to 1. */
  weight: number;
  /** The candidate's words that covered it, quoted exactly, when covered or partly covered. */
  evidence?: string;
  source: NoteSource;
}

/** A statement of the answer that the notes contradict: the candidate's exact words and what the notes say instead. */
export interface Correction {
  said: string;
  notes: string;
}

export type Verdict = 'excellent' | 'good' | 'partial' | 'weak' | 'off_topic' | 'empty' | 'no_reference';

export interface Grade {
  /** 0–10, one decimal; null when the notes have no reference answer to grade against. */
  score: number | null;
  maxScore: 10;
  verdict: Verdict;
  keyPoints: KeyPointResult[];
  /** One or two sentences the candidate can act on next time. */
  feedback: string;
  /** An interviewer's follow-up aimed at the most important missed point, when there is one. */
  followUp?: string;
  /** Statements of the answer that are wrong by the notes (found by the LLM judge, quotes checked against the answer). */
  corrections?: Correction[];
  /** The note sections the grade was made against. */
  citations: NoteSource[];
  grader: 'rubric' | 'llm' | 'rubric+llm';
  /** Set when something degraded (e.g. the LLM timed out and the rubric grade stands). */
  notice?: string;
}

/** What to grade: a question from the notes (by id) or a free question, and the candidate's answer. */
export interface GradeInput {
  questionId?: string;
  /** Free question text; used when there is no questionId (graded against retrieved notes). */
  question?: string;
  answer: string;
  signal?: AbortSignal;
}

export interface Grader {
  grade(input: GradeInput): Promise<Grade>;
}
