// The persistence seam for interview sessions, their answers and the spaced-review cards.

import type { AttemptDraft, InterviewState, SessionStatus } from '../interview/interview-machine.js';
import type { RatingName, StoredCard } from '../interview/review-scheduler.js';
import type { Strategy } from '../interview/select-questions.js';


export interface SessionRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  status: SessionStatus;
  strategy: Strategy;
  /** The number of questions asked for (the plan may be shorter when fewer match). */
  count: number;
  /** Topic ids asked for; empty means every topic. */
  topics: string[];
  includeUnanswered: boolean;
  state: InterviewState;
  /** Bumped by every commit; a commit naming an older version is refused (someone else moved the session on). */
  version: number;
}

export interface AttemptRecord extends AttemptDraft {
  id: number;
  sessionId: string;
  /** The main attempt a follow-up belongs to. */
  parentId: number | null;
}

export interface ReviewLogRecord {
  questionId: string;
  attemptId: number;
  score: number;
  rating: RatingName;
  reviewedAt: string;
  /** The due date the review set. */
  due: string;
}

/** One step of a session, saved all-or-nothing. */
export interface SessionCommit {
  sessionId: string;
  /** The version the change was computed from. */
  expectedVersion: number;
  state: InterviewState;
  at: string;
  attempt?: AttemptDraft;
  /** Reschedules a card from its current stored value, read inside the same transaction. */
  review?: { questionId: string; score: number; schedule(current: StoredCard | null): { card: StoredCard; rating: RatingName } };
}

export interface SessionStore {
  createSession(session: SessionRecord): void;
  getSession(id: string): SessionRecord | null;
  /** Newest first. */
  listSessions(): SessionRecord[];
  /**
   * Saves a transition atomically and durably. Throws AppError conflict (409) when the session has moved past
   * `expectedVersion` or the attempt's question slot is already answered; nothing is written then.
   */
  commit(change: SessionCommit): { version: number; attemptId: number | null };
  /** A session's attempts in the order they were made. */
  listAttempts(sessionId: string): AttemptRecord[];
  /** Every attempt of every session, oldest first (progress and question selection read the whole history). */
  listAllAttempts(): AttemptRecord[];
  getCard(questionId: string): StoredCard | null;
  listCards(): StoredCard[];
  listReviewLogs(questionId?: string): ReviewLogRecord[];
  close(): void;
}
