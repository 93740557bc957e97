// Delivery metrics for one answer: how long it is, how many filler words it has, and how soon it reached a key point.

import type { Grade } from '../grading/types.js';
import { normalizeText } from '../text/normalize.js';

/**
 * Filler words counted in answers. 就是 / 然后 / 这个 are also ordinary words, so the count is an upper bound:
 * it is meant to show a habit across answers, not to judge one sentence.
 */
export const FILLER_WORDS = ['嗯', '啊', '呃', '那个', '就是', '然后', '这个', '对吧', 'um', 'uh', 'like'] as const;

export interface DeliveryMetrics {
  /** Characters without whitespace (a Han character and a Latin letter count one each). */
  length: number;
  /** Occurrences of each filler word that occurs at least once. */
  fillers: Record<string, number>;
  fillerCount: number;
  /** Filler words per 100 characters of answer. */
  fillerRate: number;
  /** Time taken to answer in milliseconds, null when unknown. */
  durationMs: number | null;
  /** Characters per minute, null when the duration is unknown or shorter than MIN_RATE_DURATION_MS. */
  charsPerMinute: number | null;
  /** Character offset in the answer where the first covered (or partly covered) key point starts, null when none. */
  firstKeyPointOffset: number | null;
  /**
   * Estimated milliseconds from the start of the answer to its first key point: the duration scaled by where that
   * key point's evidence starts in the text (speech is taken to be evenly paced). Null without evidence or duration.
   */
  timeToFirstKeyPointMs: number | null;
}

const LATIN_FILLER = /^[a-z]+$/;

/**
 * 3 s. A shorter duration times a click or a paste, not an answer being given (QA saw 380000 字/分 for an answer
 * sent milliseconds after the prompt), so no rate is given for it. Fast Chinese speech runs about 300 字/分: at that
 * pace 3 s is a 15-character answer, and a rate over fewer characters than that says little anyway.
 */
export const MIN_RATE_DURATION_MS = 3_000;

export function deliveryMetrics(answer: string, grade: Pick<Grade, 'keyPoints'> | null, durationMs: number | null): DeliveryMetrics {
  const length = answer.replace(/\s+/g, '').length;
  const fillers: Record<string, number> = {};
  for (const word of FILLER_WORDS) {
    const n = countWord(answer, word);
    if (n > 0) fillers[word] = n;
  }
  const fillerCount = Object.values(fillers).reduce((a, b) => a + b, 0);
  const offset = grade ? firstEvidenceOffset(answer, grade) : null;
  const minutes = durationMs !== null && durationMs >= MIN_RATE_DURATION_MS ? durationMs / 60_000 : null;
  return {
    length,
    fillers,
    fillerCount,
    fillerRate: length === 0 ? 0 : round1((fillerCount / length) * 100),
    durationMs,
    charsPerMinute: minutes === null ? null : Math.round(length / minutes),
    firstKeyPointOffset: offset,
    timeToFirstKeyPointMs: offset === null || durationMs === null || answer.length === 0 ? null : Math.round((durationMs * offset) / answer.length),
  };
}

function countWord(text: string, word: string): number {
  if (LATIN_FILLER.test(word)) return text.match(new RegExp(`\\b${word}\\b`, 'gi'))?.length ?? 0;
  let count = 0;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) count++;
  return count;
}

function firstEvidenceOffset(answer: string, grade: Pick<Grade, 'keyPoints'>): number | null {
  let best: number | null = null;
  const normalized = normalizeText(answer);
  for (const point of grade.keyPoints) {
    if (point.status === 'missed' || !point.evidence) continue;
    let at = answer.indexOf(point.evidence);
    // Graders may quote the normalised text; offsets there are close enough for a time estimate.
    if (at === -1) at = normalized.indexOf(normalizeText(point.evidence));
    // Evidence is often a whole clause: the key point starts after any filler words that open it.
    if (at !== -1) at += leadingFiller(point.evidence);
    if (at !== -1 && (best === null || at < best)) best = at;
  }
  return best;
}

const OPENING_FILLER = new RegExp(`^(?:[\\s\\p{P}]|${FILLER_WORDS.join('|')})+`, 'iu');

/** Length of the filler words and punctuation that open a piece of text. */
function leadingFiller(text: string): number {
  return OPENING_FILLER.exec(text)?.[0].length ?? 0;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
