// The report of one session as data: overall and per-topic scores, each question's points, weak spots, delivery.

import type { KeyPointResult, Verdict } from '../grading/types.js';
import type { AttemptRecord, SessionRecord } from '../store/session-store.js';
import type { DeliveryMetrics } from './delivery-metrics.js';
import type { EndReason, PlannedQuestion, SessionStatus } from './interview-machine.js';
import { mean } from './mastery.js';
import type { Strategy } from './select-questions.js';

export type QuestionOutcome = 'answered' | 'skipped' | 'unasked' | 'in_progress';

export interface FollowUpReport {
  prompt: string;
  target: string | null;
  skipped: boolean;
  answer: string | null;
  score: number | null;
  /** How the follow-up answer did on the point it was after (null when skipped or not graded). */
  targetStatus: KeyPointResult['status'] | null;
  durationMs: number | null;
  metrics: DeliveryMetrics | null;
}

export interface QuestionReport {
  position: number;
  questionId: string;
  number: number | null;
  heading: string;
  topics: string[];
  hasReference: boolean;
  outcome: QuestionOutcome;
  answer: string | null;
  /** 0–10; null when skipped, not asked, or the notes have no reference answer. */
  score: number | null;
  verdict: Verdict | null;
  covered: string[];
  partial: string[];
  missed: string[];
  feedback: string | null;
  durationMs: number | null;
  metrics: DeliveryMetrics | null;
  followUp: FollowUpReport | null;
}

export interface TopicScore {
  id: string;
  label: { zh: string; en: string };
  /** Mean over the topic's scored questions (a skipped one counts 0); null when none was scored. */
  score: number | null;
  questions: number;
}

export interface WeakPoint {
  /** The key point as written in the notes, or the question heading when the whole question was skipped. */
  point: string;
  questionId: string;
  heading: string;
  reason: 'skipped' | 'missed' | 'partial';
  /** Share of a full question's score lost on this point (0–1), the ranking key. */
  loss: number;
}

export interface SessionReport {
  sessionId: string;
  createdAt: string;
  finishedAt: string | null;
  status: SessionStatus;
  endReason: EndReason | null;
  strategy: Strategy;
  overall: {
    /** Mean over questions asked that have a reference answer, skipped ones counting 0; null when none. */
    score: number | null;
    asked: number;
    answered: number;
    skipped: number;
    followUps: number;
    /** Sum of the answer times that are known. */
    totalTimeMs: number;
  };
  topics: TopicScore[];
  questions: QuestionReport[];
  /** The three points most worth reviewing, worst first. */
  weakest: WeakPoint[];
  delivery: {
    averageLength: number | null;
    fillerCount: number;
    fillers: Record<string, number>;
    /** Mean over answers where it could be estimated. */
    averageTimeToFirstKeyPointMs: number | null;
  };
}

export function buildReport(session: SessionRecord, attempts: readonly AttemptRecord[], label: (topicId: string) => { zh: string; en: string }): SessionReport {
  const { plan } = session.state;
  const questions = plan.map((q, position) => questionReport(q, position, attempts, session));
  const scored = questions.filter((q) => scoreForAverage(q) !== null);
  const topicIds = [...new Set(plan.flatMap((q) => q.topics))];
  const topics = topicIds.map((id) => {
    const mine = questions.filter((q) => q.topics.includes(id) && q.outcome !== 'unasked' && q.outcome !== 'in_progress');
    const values = mine.map(scoreForAverage).filter((s): s is number => s !== null);
    return { id, label: label(id), score: values.length === 0 ? null : mean(values), questions: mine.length };
  });
  const answers = attempts.filter((a) => !a.skipped && a.metrics);
  const fillers: Record<string, number> = {};
  for (const a of answers) for (const [w, n] of Object.entries(a.metrics!.fillers)) fillers[w] = (fillers[w] ?? 0) + n;
  const firstPoint = answers.map((a) => a.metrics!.timeToFirstKeyPointMs).filter((t): t is number => t !== null);
  return {
    sessionId: session.id,
    createdAt: session.createdAt,
    finishedAt: session.finishedAt,
    status: session.status,
    endReason: session.state.endReason ?? null,
    strategy: session.strategy,
    overall: {
      score: scored.length === 0 ? null : mean(scored.map((q) => scoreForAverage(q)!)),
      asked: questions.filter((q) => q.outcome === 'answered' || q.outcome === 'skipped').length,
      answered: questions.filter((q) => q.outcome === 'answered').length,
      skipped: questions.filter((q) => q.outcome === 'skipped').length,
      followUps: questions.filter((q) => q.followUp).length,
      totalTimeMs: attempts.reduce((sum, a) => sum + (a.durationMs ?? 0), 0),
    },
    topics,
    questions,
    weakest: weakestPoints(questions, attempts),
    delivery: {
      averageLength: answers.length === 0 ? null : Math.round(answers.reduce((s, a) => s + a.metrics!.length, 0) / answers.length),
      fillerCount: Object.values(fillers).reduce((a, b) => a + b, 0),
      fillers,
      averageTimeToFirstKeyPointMs: firstPoint.length === 0 ? null : Math.round(firstPoint.reduce((a, b) => a + b, 0) / firstPoint.length),
    },
  };
}

function questionReport(q: PlannedQuestion, position: number, attempts: readonly AttemptRecord[], session: SessionRecord): QuestionReport {
  const main = attempts.find((a) => a.position === position && a.kind === 'main');
  const follow = attempts.find((a) => a.position === position && a.kind === 'follow_up');
  const current = session.state.current?.position === position;
  const points = (status: KeyPointResult['status']) => main?.grade?.keyPoints.filter((p) => p.status === status).map((p) => p.text) ?? [];
  const outcome: QuestionOutcome = main ? (main.skipped ? 'skipped' : 'answered') : current ? 'in_progress' : 'unasked';
  return {
    position,
    questionId: q.questionId,
    number: q.number,
    heading: q.heading,
    topics: q.topics,
    hasReference: q.hasReference,
    outcome,
    answer: main?.answer ?? null,
    score: main?.grade?.score ?? null,
    verdict: main?.grade?.verdict ?? null,
    covered: points('covered'),
    partial: points('partial'),
    missed: points('missed'),
    feedback: main?.grade?.feedback ?? null,
    durationMs: main?.durationMs ?? null,
    metrics: main?.metrics ?? null,
    followUp: follow
      ? {
          prompt: follow.prompt,
          target: follow.target,
          skipped: follow.skipped,
          answer: follow.answer,
          score: follow.grade?.score ?? null,
          targetStatus: follow.grade && follow.target !== null ? (follow.grade.keyPoints.find((p) => p.text === follow.target)?.status ?? 'missed') : null,
          durationMs: follow.durationMs,
          metrics: follow.metrics,
        }
      : null,
  };
}

/** A skipped question with a reference answer counts 0: skipping must not raise the average. */
function scoreForAverage(q: QuestionReport): number | null {
  if (q.outcome === 'skipped') return q.hasReference ? 0 : null;
  return q.outcome === 'answered' ? q.score : null;
}

function best(a: KeyPointResult['status'], b: KeyPointResult['status']): KeyPointResult['status'] {
  const rank = { missed: 0, partial: 1, covered: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}

/** Skipped questions lose everything; a missed point loses its weight, a partial one half of it. */
function weakestPoints(questions: QuestionReport[], attempts: readonly AttemptRecord[]): WeakPoint[] {
  const out: WeakPoint[] = [];
  for (const q of questions) {
    if (q.outcome === 'skipped' && q.hasReference) {
      out.push({ point: q.heading, questionId: q.questionId, heading: q.heading, reason: 'skipped', loss: 1 });
      continue;
    }
    const main = attempts.find((a) => a.position === q.position && a.kind === 'main');
    if (!main?.grade || main.grade.score === null) continue;
    // A point the candidate supplied when followed up is known, just slower: it counts as the follow-up did.
    const followed = q.followUp?.target ?? null;
    for (const p of main.grade.keyPoints) {
      const status = p.text === followed && q.followUp?.targetStatus && q.followUp.targetStatus !== 'missed' ? best(p.status, q.followUp.targetStatus) : p.status;
      if (status === 'covered') continue;
      out.push({ point: p.text, questionId: q.questionId, heading: q.heading, reason: status, loss: status === 'missed' ? p.weight : p.weight / 2 });
    }
  }
  return out.sort((a, b) => b.loss - a.loss).slice(0, 3);
}
