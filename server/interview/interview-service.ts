// Runs interview sessions: chooses questions, grades answers, and persists every step through the SessionStore.

import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Glossary } from '../glossary/glossary.js';
import type { Grader } from '../grading/types.js';
import type { AttemptRecord, SessionRecord, SessionStore } from '../store/session-store.js';
import { planFollowUp } from './follow-up.js';
import { expectAnswer, startInterview, transition, type EndReason, type InterviewEvent, type PlannedQuestion, type Prompt, type PromptKind, type Transition } from './interview-machine.js';
import { questionMastery } from './mastery.js';
import { computeProgress, summarize, type Progress, type SessionSummary } from './progress.js';
import type { QuestionCatalog, QuestionInfo } from './question-catalog.js';
import { renderReportMarkdown, type ReportLang } from './report-markdown.js';
import { FsrsReviewScheduler, type StoredCard } from './review-scheduler.js';
import { selectQuestions, type Strategy } from './select-questions.js';
import { buildReport, type SessionReport } from './session-report.js';

export interface StartOptions {
  count: number;
  strategy: Strategy;
  topics?: string[];
  /** Ask questions the notes have no answer for (they are recorded but not scored). */
  includeUnanswered?: boolean;
  /** Let the tutor ask one follow-up after a main answer (default true). */
  followUps?: boolean;
}

export interface PromptView {
  /** `<position>:<kind>`; send it back with the answer so a repeated request cannot answer the next question. */
  id: string;
  position: number;
  kind: PromptKind;
  questionId: string;
  number: number | null;
  heading: string;
  /** What the tutor asks: the question, or the follow-up. */
  text: string;
  topics: string[];
  hasReference: boolean;
  askedAt: string;
}

export interface SessionView {
  id: string;
  status: SessionRecord['status'];
  strategy: Strategy;
  topics: string[];
  /** Questions the session asks (its plan), which can be fewer than requested. */
  count: number;
  includeUnanswered: boolean;
  followUps: boolean;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  endReason: EndReason | null;
  progress: { total: number; answered: number; skipped: number };
  current: PromptView | null;
}

export type NextStep = { type: 'follow_up'; prompt: PromptView } | { type: 'question'; prompt: PromptView } | { type: 'done'; reportUrl: string };

export interface StepResult {
  attempt: AttemptRecord;
  next: NextStep;
  session: SessionView;
}

export interface DueItem {
  questionId: string;
  number: number | null;
  heading: string;
  topics: string[];
  due: string;
  state: StoredCard['state'];
  reps: number;
  lapses: number;
  lastReview: string | null;
}

export interface InterviewServiceDeps {
  store: SessionStore;
  grader: Grader;
  catalog: QuestionCatalog;
  glossary: Glossary;
  scheduler?: FsrsReviewScheduler;
  now?: () => Date;
  random?: () => number;
  newId?: () => string;
  /** IANA zone for streak days and report times; the server's own by default. */
  timeZone?: string;
}

export class InterviewService {
  private readonly store: SessionStore;
  private readonly scheduler: FsrsReviewScheduler;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly newId: () => string;

  constructor(private readonly deps: InterviewServiceDeps) {
    this.store = deps.store;
    this.scheduler = deps.scheduler ?? new FsrsReviewScheduler();
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.newId = deps.newId ?? randomUUID;
  }

  start(options: StartOptions): SessionView {
    const known = new Set(this.deps.catalog.tagger.topics.map((t) => t.id));
    // A topic named twice is one topic: stored and shown once.
    const topics = options.topics ? [...new Set(options.topics)] : undefined;
    const unknown = (topics ?? []).filter((t) => !known.has(t));
    if (unknown.length > 0) throw new AppError('bad_request', `Unknown topic ${unknown.join(', ')}; known topics: ${[...known].join(', ')}`, 'topic');
    const now = this.now();
    const chosen = selectQuestions({
      questions: this.deps.catalog.questions,
      strategy: options.strategy,
      count: options.count,
      ...(topics ? { topics } : {}),
      includeUnanswered: options.includeUnanswered ?? false,
      cards: new Map(this.store.listCards().map((c) => [c.questionId, c])),
      mastery: questionMastery(this.store.listAllAttempts()),
      now,
      random: this.random,
    });
    if (chosen.length === 0) {
      throw new AppError('unprocessable', 'No question matches these topics (questions without a reference answer are left out unless includeUnanswered is true)', 'session_empty');
    }
    const at = now.toISOString();
    const { state } = startInterview(chosen.map(planned), { at, followUps: options.followUps ?? true });
    const session: SessionRecord = {
      id: this.newId(),
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
      status: state.status,
      strategy: options.strategy,
      // What the session will ask, not what was requested: fewer questions may match the topics.
      count: chosen.length,
      topics: topics ?? [],
      includeUnanswered: options.includeUnanswered ?? false,
      state,
      version: 1,
    };
    this.store.createSession(session);
    return this.view(session, []);
  }

  list(): SessionSummary[] {
    const attempts = groupBySession(this.store.listAllAttempts());
    return this.store.listSessions().map((s) => summarize(s, attempts.get(s.id) ?? []));
  }

  get(id: string): { session: SessionView; attempts: AttemptRecord[] } {
    const session = this.require(id);
    const attempts = this.store.listAttempts(id);
    return { session: this.view(session, attempts), attempts };
  }

  /** Grades the answer to the current prompt, stores it with its review, and says what comes next. */
  async answer(id: string, input: { answer: string; durationMs?: number; promptId?: string; signal?: AbortSignal }): Promise<StepResult> {
    const at = this.now();
    const session = this.require(id);
    const prompt = this.expectPrompt(session, input.promptId);
    const grade = await this.deps.grader.grade({ questionId: prompt.questionId, answer: input.answer, ...(input.signal ? { signal: input.signal } : {}) });
    const followUp = prompt.kind === 'main' ? planFollowUp(grade, this.deps.glossary) : null;
    return this.step(session, {
      type: 'answer',
      at: at.toISOString(),
      answer: input.answer,
      ...(input.durationMs !== undefined ? { durationMs: input.durationMs } : {}),
      grade,
      followUp,
    });
  }

  skip(id: string, input: { promptId?: string } = {}): StepResult {
    const session = this.require(id);
    this.expectPrompt(session, input.promptId);
    return this.step(session, { type: 'skip', at: this.now().toISOString() });
  }

  pause(id: string): SessionView {
    return this.move(id, 'pause');
  }

  resume(id: string): SessionView {
    return this.move(id, 'resume');
  }

  finish(id: string): SessionView {
    return this.move(id, 'finish');
  }

  report(id: string): SessionReport {
    const session = this.require(id);
    return buildReport(session, this.store.listAttempts(id), (t) => this.deps.catalog.tagger.label(t));
  }

  reportMarkdown(id: string, lang: ReportLang = 'zh'): string {
    return renderReportMarkdown(this.report(id), { lang, ...(this.deps.timeZone ? { timeZone: this.deps.timeZone } : {}) });
  }

  /** Questions whose review is due now, most overdue first, and when the next one after them falls due. */
  due(): { now: string; due: DueItem[]; nextDue: string | null } {
    const now = this.now().toISOString();
    const cards = this.store.listCards().filter((c) => this.deps.catalog.get(c.questionId));
    const item = (c: StoredCard): DueItem => {
      const q = this.deps.catalog.get(c.questionId)!;
      return { questionId: q.id, number: q.number, heading: q.heading, topics: q.topics, due: c.due, state: c.state, reps: c.reps, lapses: c.lapses, lastReview: c.lastReview };
    };
    return { now, due: cards.filter((c) => c.due <= now).map(item), nextDue: cards.find((c) => c.due > now)?.due ?? null };
  }

  progress(): Progress {
    return computeProgress({
      questions: this.deps.catalog.questions,
      topics: this.deps.catalog.tagger.topics,
      attempts: this.store.listAllAttempts(),
      cards: this.store.listCards(),
      sessions: this.store.listSessions(),
      now: this.now(),
      ...(this.deps.timeZone ? { timeZone: this.deps.timeZone } : {}),
    });
  }

  private move(id: string, type: 'pause' | 'resume' | 'finish'): SessionView {
    const session = this.require(id);
    const at = this.now().toISOString();
    const { state } = transition(session.state, { type, at });
    // Pausing a paused session (or resuming an active one) changes nothing, so nothing is written.
    if (state !== session.state) this.store.commit({ sessionId: id, expectedVersion: session.version, state, at });
    const saved = this.require(id);
    return this.view(saved, this.store.listAttempts(id));
  }

  /** Applies an answer or skip and commits its effects (attempt, card review, new state) in one transaction. */
  private step(session: SessionRecord, event: InterviewEvent): StepResult {
    const { state, effects }: Transition = transition(session.state, event);
    const attempt = effects.find((e) => e.type === 'record_attempt')?.attempt;
    const review = effects.find((e) => e.type === 'review_card');
    const at = new Date(event.at);
    const { attemptId } = this.store.commit({
      sessionId: session.id,
      expectedVersion: session.version,
      state,
      at: event.at,
      ...(attempt ? { attempt } : {}),
      ...(review ? { review: { questionId: review.questionId, score: review.score, schedule: (card) => this.scheduler.review(review.questionId, card, review.score, at) } } : {}),
    });
    const attempts = this.store.listAttempts(session.id);
    const saved = this.require(session.id);
    const view = this.view(saved, attempts);
    const next: NextStep = view.current
      ? { type: view.current.kind === 'follow_up' ? 'follow_up' : 'question', prompt: view.current }
      : { type: 'done', reportUrl: `/api/sessions/${session.id}/report.md` };
    return { attempt: attempts.find((a) => a.id === attemptId)!, next, session: view };
  }

  /**
   * The current prompt, checked against the `promptId` the client answers. A prompt of this session that has an
   * answer or skip stored is a repeated request (409 already_answered); any other id (a later prompt, one from
   * another session, "garbage") never was this session's prompt, and saying "already answered" would mislead.
   */
  private expectPrompt(session: SessionRecord, promptId: string | undefined): Prompt {
    const prompt = expectAnswer(session.state);
    const current = promptKey(prompt);
    if (promptId === undefined || promptId === current) return prompt;
    if (this.store.listAttempts(session.id).some((a) => promptKey(a) === promptId)) {
      throw new AppError('conflict', `Prompt ${promptId} was already answered or skipped; the session is now at ${current}`, 'already_answered');
    }
    throw new AppError('conflict', `Prompt ${promptId} is not this session's current prompt (it never was one of its prompts); the session is at ${current}`, 'not_current_prompt');
  }

  private require(id: string): SessionRecord {
    const session = this.store.getSession(id);
    if (!session) throw new AppError('not_found', `No session with id ${id}`, 'session');
    return session;
  }

  private view(session: SessionRecord, attempts: readonly AttemptRecord[]): SessionView {
    const main = attempts.filter((a) => a.kind === 'main');
    const current = session.state.current;
    const plannedAt = current ? session.state.plan[current.position] : undefined;
    return {
      id: session.id,
      status: session.status,
      strategy: session.strategy,
      topics: session.topics,
      // The plan, not the stored count: sessions stored before the count was the plan's length kept the request.
      count: session.state.plan.length,
      includeUnanswered: session.includeUnanswered,
      followUps: session.state.followUps,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      finishedAt: session.finishedAt,
      endReason: session.state.endReason ?? null,
      progress: { total: session.state.plan.length, answered: main.filter((a) => !a.skipped).length, skipped: main.filter((a) => a.skipped).length },
      current:
        current && plannedAt
          ? {
              id: promptKey(current),
              position: current.position,
              kind: current.kind,
              questionId: current.questionId,
              number: plannedAt.number,
              heading: plannedAt.heading,
              text: current.text,
              topics: plannedAt.topics,
              hasReference: plannedAt.hasReference,
              askedAt: current.askedAt,
            }
          : null,
    };
  }
}

function planned(q: QuestionInfo): PlannedQuestion {
  return { questionId: q.id, number: q.number, heading: q.heading, title: q.title, topics: q.topics, hasReference: q.hasReference };
}

function promptKey(p: Pick<Prompt, 'position' | 'kind'>): string {
  return `${p.position}:${p.kind}`;
}

function groupBySession(attempts: AttemptRecord[]): Map<string, AttemptRecord[]> {
  const out = new Map<string, AttemptRecord[]>();
  for (const a of attempts) out.set(a.sessionId, [...(out.get(a.sessionId) ?? []), a]);
  return out;
}
