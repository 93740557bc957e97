// How well each question is known, from the history of graded first answers (follow-ups and skips excluded).

/** The part of an attempt mastery needs. */
export interface ScoredAttempt {
  questionId: string;
  kind: 'main' | 'follow_up';
  skipped: boolean;
  grade: { score: number | null } | null;
  answeredAt: string;
}

export interface QuestionMastery {
  /** Mean of the most recent scores (0–10, higher is better). */
  mastery: number;
  /** Graded first answers, all time. */
  attempts: number;
  /** Up to RECENT latest scores, oldest first. */
  recentScores: number[];
  lastAnsweredAt: string;
}

/** Three answers: enough that one lucky or bad day does not decide, few enough that improvement shows quickly. */
export const RECENT = 3;

/** Mastery of every question answered at least once. `attempts` must be oldest first. */
export function questionMastery(attempts: readonly ScoredAttempt[]): Map<string, QuestionMastery> {
  const scores = new Map<string, { all: number[]; last: string }>();
  for (const a of attempts) {
    const score = a.grade?.score ?? null;
    if (a.kind !== 'main' || a.skipped || score === null) continue;
    const entry = scores.get(a.questionId) ?? { all: [], last: a.answeredAt };
    entry.all.push(score);
    entry.last = a.answeredAt;
    scores.set(a.questionId, entry);
  }
  return new Map(
    [...scores].map(([id, { all, last }]) => {
      const recentScores = all.slice(-RECENT);
      return [id, { mastery: mean(recentScores), attempts: all.length, recentScores, lastAnsweredAt: last }];
    }),
  );
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}
