// The interview as a pure state machine: (state, event) → (new state, effects). No I/O, no clock, no randomness.

import { AppError } from '../errors.js';
import type { Grade } from '../grading/types.js';
import { deliveryMetrics, type DeliveryMetrics } from './delivery-metrics.js';
import type { FollowUp } from './follow-up.js';

export type SessionStatus = 'active' | 'paused' | 'finished';
export type PromptKind = 'main' | 'follow_up';
export type EndReason = 'completed' | 'finished_early';

/** A question chosen for the session, with the notes' wording at the time it was chosen (reports survive edits). */
export interface PlannedQuestion {
  questionId: string;
  number: number | null;
  heading: string;
  /** The question without its number: what the tutor asks. */
  title: string;
  topics: string[];
  hasReference: boolean;
}

/** What the candidate is being asked now. */
export interface Prompt {
  /** Index into the plan. */
  position: number;
  kind: PromptKind;
  questionId: string;
  text: string;
  /** ISO time the prompt was put (moved forward by pauses, so it measures only time spent answering). */
  askedAt: string;
  /** For a follow-up: the key point it is after. */
  target?: string;
}

export interface InterviewState {
  status: SessionStatus;
  plan: PlannedQuestion[];
  /** Null once the session is finished. */
  current: Prompt | null;
  /** Whether the tutor may ask one follow-up after a main answer. */
  followUps: boolean;
  /** ISO time of the pause, while paused. */
  pausedAt?: string;
  endReason?: EndReason;
}

export type InterviewEvent =
  | {
      type: 'answer';
      at: string;
      answer: string;
      /** Time the candidate took, when the client measured it; otherwise the time since the prompt was put. */
      durationMs?: number;
      grade: Grade;
      /** The follow-up the tutor would ask (see planFollowUp); used only after a main answer. */
      followUp?: FollowUp | null;
    }
  | { type: 'skip'; at: string }
  | { type: 'pause'; at: string }
  | { type: 'resume'; at: string }
  | { type: 'finish'; at: string };

/** An answer or skip, ready to be stored. */
export interface AttemptDraft {
  position: number;
  kind: PromptKind;
  questionId: string;
  prompt: string;
  target: string | null;
  /** Null when skipped. */
  answer: string | null;
  skipped: boolean;
  grade: Grade | null;
  metrics: DeliveryMetrics | null;
  durationMs: number | null;
  askedAt: string;
  answeredAt: string;
}

export type Effect =
  | { type: 'record_attempt'; attempt: AttemptDraft }
  /** Reschedule the question's review card with this 0–10 score. */
  | { type: 'review_card'; questionId: string; score: number }
  | { type: 'ask'; prompt: Prompt }
  | { type: 'complete'; reason: EndReason };

export interface Transition {
  state: InterviewState;
  effects: Effect[];
}

/** The opening state: the first question asked. */
export function startInterview(plan: PlannedQuestion[], options: { at: string; followUps: boolean }): Transition {
  if (plan.length === 0) throw new AppError('unprocessable', 'No questions to ask: the plan is empty', 'session_empty');
  const state: InterviewState = { status: 'active', plan, current: null, followUps: options.followUps };
  return advance(state, 0, options.at, []);
}

/** The prompt waiting for an answer, or a 409 saying why there is none (finished, paused). */
export function expectAnswer(state: InterviewState): Prompt {
  if (state.status === 'finished' || !state.current) throw new AppError('conflict', 'This session is finished; start a new one to keep practising', 'session_finished');
  if (state.status === 'paused') throw new AppError('conflict', 'This session is paused; resume it before answering', 'session_paused');
  return state.current;
}

export function transition(state: InterviewState, event: InterviewEvent): Transition {
  switch (event.type) {
    case 'answer':
      return answer(state, event);
    case 'skip': {
      const prompt = expectAnswer(state);
      const attempt = draft(prompt, event.at, { answer: null, skipped: true, grade: null, metrics: null, durationMs: null });
      return advance(state, prompt.position + 1, event.at, [{ type: 'record_attempt', attempt }]);
    }
    case 'pause':
      expectOpen(state);
      if (state.status === 'paused') return { state, effects: [] };
      return { state: { ...state, status: 'paused', pausedAt: event.at }, effects: [] };
    case 'resume': {
      expectOpen(state);
      if (state.status === 'active' || !state.current) return { state, effects: [] };
      const { pausedAt, ...rest } = state;
      const pause = Math.max(0, Date.parse(event.at) - Date.parse(pausedAt ?? event.at));
      const current = { ...state.current, askedAt: new Date(Date.parse(state.current.askedAt) + pause).toISOString() };
      return { state: { ...rest, status: 'active', current }, effects: [{ type: 'ask', prompt: current }] };
    }
    case 'finish': {
      expectOpen(state);
      const { pausedAt: _, ...rest } = state;
      return { state: { ...rest, status: 'finished', current: null, endReason: 'finished_early' }, effects: [{ type: 'complete', reason: 'finished_early' }] };
    }
  }
}

function answer(state: InterviewState, event: Extract<InterviewEvent, { type: 'answer' }>): Transition {
  const prompt = expectAnswer(state);
  const durationMs = event.durationMs ?? Math.max(0, Date.parse(event.at) - Date.parse(prompt.askedAt));
  const metrics = deliveryMetrics(event.answer, event.grade, durationMs);
  const attempt = draft(prompt, event.at, { answer: event.answer, skipped: false, grade: event.grade, metrics, durationMs });
  const effects: Effect[] = [{ type: 'record_attempt', attempt }];
  // Only the first answer to a question reviews its card: FSRS models unaided recall, and a follow-up is prompted.
  if (prompt.kind === 'main' && event.grade.score !== null) effects.push({ type: 'review_card', questionId: prompt.questionId, score: event.grade.score });
  if (prompt.kind === 'main' && state.followUps && event.followUp) {
    const followUp: Prompt = { position: prompt.position, kind: 'follow_up', questionId: prompt.questionId, text: event.followUp.text, askedAt: event.at, target: event.followUp.target };
    return { state: { ...state, current: followUp }, effects: [...effects, { type: 'ask', prompt: followUp }] };
  }
  return advance(state, prompt.position + 1, event.at, effects);
}

/** Moves to the main question at `position`, or finishes when the plan is done. */
function advance(state: InterviewState, position: number, at: string, effects: Effect[]): Transition {
  const next = state.plan[position];
  if (!next) {
    return { state: { ...state, status: 'finished', current: null, endReason: 'completed' }, effects: [...effects, { type: 'complete', reason: 'completed' }] };
  }
  const prompt: Prompt = { position, kind: 'main', questionId: next.questionId, text: next.title, askedAt: at };
  return { state: { ...state, current: prompt }, effects: [...effects, { type: 'ask', prompt }] };
}

function expectOpen(state: InterviewState): void {
  if (state.status === 'finished') throw new AppError('conflict', 'This session is already finished', 'session_finished');
}

function draft(prompt: Prompt, at: string, result: Pick<AttemptDraft, 'answer' | 'skipped' | 'grade' | 'metrics' | 'durationMs'>): AttemptDraft {
  return { position: prompt.position, kind: prompt.kind, questionId: prompt.questionId, prompt: prompt.text, target: prompt.target ?? null, askedAt: prompt.askedAt, answeredAt: at, ...result };
}
