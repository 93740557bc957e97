// Spaced review with FSRS (ts-fsrs): turns a 0–10 grade into an Again/Hard/Good/Easy rating and a new due date.

import { createEmptyCard, fsrs, Rating, State, type Card, type FSRS, type Grade as FsrsRating } from 'ts-fsrs';

export type RatingName = 'again' | 'hard' | 'good' | 'easy';

/** A review card as stored: the FSRS card with dates as ISO strings. */
export interface StoredCard {
  questionId: string;
  /** ISO time from which the question is due for review. */
  due: string;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: 'new' | 'learning' | 'review' | 'relearning';
  lastReview: string | null;
}

export interface ReviewOutcome {
  card: StoredCard;
  rating: RatingName;
}

/**
 * The 0–10 score → FSRS rating mapping.
 *
 * A rubric score is roughly the weighted share of the reference answer's key points the candidate covered, ×10.
 * FSRS asks "did you recall it, and how hard was it": Again is a failure to recall (a lapse), Hard/Good/Easy are
 * passes that grow the interval less or more.
 * - below 4   → Again: fewer than ~40 % of the points means the candidate did not really know the answer; an
 *               interviewer would count it as a miss, so FSRS should treat it as forgotten and bring it back tomorrow.
 * - 4 to <6   → Hard: the gist with large gaps. It is a pass (the idea was recalled) but the interval grows slowly.
 * - 6 to <8.5 → Good: most points, the normal case of a correct answer.
 * - 8.5 and up → Easy: essentially complete. Easy multiplies the interval strongly, so it is kept for answers that
 *               leave at most a minor point partly covered; a paraphrased perfect answer rarely earns a literal 10.
 */
export function scoreToRating(score: number): RatingName {
  if (score < 4) return 'again';
  if (score < 6) return 'hard';
  if (score < 8.5) return 'good';
  return 'easy';
}

const RATINGS: Record<RatingName, FsrsRating> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
const STATES: Record<State, StoredCard['state']> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const STATE_OF: Record<StoredCard['state'], State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };

export class FsrsReviewScheduler {
  private readonly scheduler: FSRS;

  constructor() {
    // Steps of one day instead of FSRS's flashcard defaults (1 and 10 minutes): people practise interviews once a
    // day, and a minute-long step would make a question due again within the same session. The relearning step
    // brings a question that was answered well before but failed now back the next day (without it FSRS waits
    // several days, too long for an interview next week). Fuzz is off so schedules are reproducible.
    this.scheduler = fsrs({ learning_steps: ['1d'], relearning_steps: ['1d'], enable_fuzz: false });
  }

  /** Schedules the next review of a question answered at `at` with `score` (0–10); `card` null for a first review. */
  review(questionId: string, card: StoredCard | null, score: number, at: Date): ReviewOutcome {
    const rating = scoreToRating(score);
    const current = card ? toFsrs(card) : createEmptyCard(at);
    const next = this.scheduler.next(current, at, RATINGS[rating]).card;
    return { card: fromFsrs(questionId, next), rating };
  }
}

function toFsrs(card: StoredCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_OF[card.state],
    ...(card.lastReview ? { last_review: new Date(card.lastReview) } : {}),
  };
}

function fromFsrs(questionId: string, card: Card): StoredCard {
  return {
    questionId,
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATES[card.state],
    lastReview: card.last_review ? card.last_review.toISOString() : null,
  };
}
