// Progress over all sessions: per-topic mastery and due reviews, the daily practice streak, and session history.

import type { AttemptRecord, SessionRecord } from '../store/session-store.js';
import type { QuestionInfo } from './question-catalog.js';
import { mean, questionMastery } from './mastery.js';
import type { StoredCard } from './review-scheduler.js';
import { buildReport } from './session-report.js';
import type { Strategy } from './select-questions.js';

export interface TopicProgress {
  id: string;
  label: { zh: string; en: string };
  /** Mean mastery (0–10) of the topic's answered questions; null before any answer. */
  mastery: number | null;
  /** The topic's latest first-answer scores, oldest first (at most RECENT_TOPIC_SCORES). */
  recentScores: number[];
  /** Graded first answers to the topic's questions, all time. */
  attempts: number;
  questions: number;
  /** Questions of the topic answered at least once. */
  attempted: number;
  /** Questions of the topic whose review is due now. */
  due: number;
}

export interface SessionSummary {
  id: string;
  createdAt: string;
  finishedAt: string | null;
  status: SessionRecord['status'];
  strategy: Strategy;
  topics: string[];
  questions: number;
  answered: number;
  skipped: number;
  /** Same rule as the report: mean over questions asked, skipped ones counting 0. */
  score: number | null;
}

export interface Progress {
  topics: TopicProgress[];
  streak: {
    /** Consecutive days with at least one answer, ending today (or yesterday, while today is still open). */
    current: number;
    longest: number;
    practisedToday: boolean;
    /** Calendar date (YYYY-MM-DD in the reporting time zone) of the latest answer, or null. */
    lastPractised: string | null;
  };
  totals: { sessions: number; answers: number; questionsAttempted: number; due: number };
  /** Newest first. */
  sessions: SessionSummary[];
}

/** Ten scores show a trend in a sparkline without reaching back months. */
export const RECENT_TOPIC_SCORES = 10;

export interface ProgressInput {
  questions: readonly QuestionInfo[];
  topics: readonly { id: string; label: { zh: string; en: string } }[];
  /** Oldest first. */
  attempts: readonly AttemptRecord[];
  cards: readonly StoredCard[];
  /** Newest first. */
  sessions: readonly SessionRecord[];
  now: Date;
  /** IANA zone that decides where a day ends for the streak. */
  timeZone?: string;
}

export function computeProgress(input: ProgressInput): Progress {
  const mastery = questionMastery(input.attempts);
  const now = input.now.toISOString();
  const dueIds = new Set(input.cards.filter((c) => c.due <= now).map((c) => c.questionId));
  const known = new Set(input.questions.map((q) => q.id));
  const topicsOf = new Map(input.questions.map((q) => [q.id, q.topics]));
  const graded = input.attempts.filter((a) => a.kind === 'main' && !a.skipped && a.grade?.score != null && known.has(a.questionId));

  const topics = input.topics
    .map((topic) => {
      const questions = input.questions.filter((q) => q.topics.includes(topic.id));
      const levels = questions.flatMap((q) => (mastery.has(q.id) ? [mastery.get(q.id)!.mastery] : []));
      const scores = graded.filter((a) => topicsOf.get(a.questionId)?.includes(topic.id)).map((a) => a.grade!.score!);
      return {
        id: topic.id,
        label: topic.label,
        mastery: levels.length === 0 ? null : mean(levels),
        recentScores: scores.slice(-RECENT_TOPIC_SCORES),
        attempts: scores.length,
        questions: questions.length,
        attempted: levels.length,
        due: questions.filter((q) => dueIds.has(q.id)).length,
      };
    })
    .filter((t) => t.questions > 0);

  const bySession = new Map<string, AttemptRecord[]>();
  for (const a of input.attempts) bySession.set(a.sessionId, [...(bySession.get(a.sessionId) ?? []), a]);
  const sessions = input.sessions.map((s) => summarize(s, bySession.get(s.id) ?? []));

  return {
    topics,
    streak: streak(input.attempts.filter((a) => !a.skipped).map((a) => a.answeredAt), input.now, input.timeZone),
    totals: {
      sessions: input.sessions.length,
      answers: input.attempts.filter((a) => !a.skipped).length,
      questionsAttempted: [...mastery.keys()].filter((id) => known.has(id)).length,
      due: [...dueIds].filter((id) => known.has(id)).length,
    },
    sessions,
  };
}

export function summarize(session: SessionRecord, attempts: readonly AttemptRecord[]): SessionSummary {
  const report = buildReport(session, attempts, (id) => ({ zh: id, en: id }));
  return {
    id: session.id,
    createdAt: session.createdAt,
    finishedAt: session.finishedAt,
    status: session.status,
    strategy: session.strategy,
    topics: session.topics,
    questions: session.state.plan.length,
    answered: report.overall.answered,
    skipped: report.overall.skipped,
    score: report.overall.score,
  };
}

function streak(times: string[], now: Date, timeZone?: string): Progress['streak'] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const dayOf = (d: Date) => format.format(d);
  const days = [...new Set(times.map((t) => dayOf(new Date(t))))].sort();
  const dayNumber = (key: string) => Math.round(Date.parse(`${key}T00:00:00Z`) / 86_400_000);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && dayNumber(days[i]!) - dayNumber(days[i - 1]!) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const today = dayNumber(dayOf(now));
  const last = days.at(-1);
  const alive = last !== undefined && today - dayNumber(last) <= 1;
  return { current: alive ? run : 0, longest, practisedToday: last !== undefined && dayNumber(last) === today, lastPractised: last ?? null };
}
