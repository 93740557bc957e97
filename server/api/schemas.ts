// Request and response shapes shared by the server routes and the web client (one definition, two users).

import { z } from 'zod';

/** Text fields refuse lone surrogates: they cannot be stored or shown faithfully. */
export const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .max(max, `${what} is longer than ${max.toLocaleString('en')} characters`)
    .refine((s) => s.isWellFormed(), `${what} contains invalid Unicode (a lone surrogate)`);

/**
 * Characters that take no space on screen: zero-width space, non-joiner and joiner (U+200B–U+200D), word joiner
 * (U+2060), zero-width no-break space / BOM (U+FEFF) and soft hyphen (U+00AD). `trim()` keeps most of them, yet text
 * made only of them (pasted from a web page or a chat app) looks empty to the person who sent it.
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** True when the text is nothing but whitespace and invisible characters: the one emptiness rule of the API. */
export const isBlank = (s: string): boolean => s.replace(INVISIBLE, '').trim() === '';

export const nonEmptyText = (max: number, what: string) => text(max, what).refine((s) => !isBlank(s), `${what} is empty`);

export const searchRequest = z.object({
  query: nonEmptyText(2000, 'query'),
  k: z.number().int().min(1).max(50).optional(),
});
export type SearchRequest = z.infer<typeof searchRequest>;

export const sectionHit = z.object({
  chunkId: z.string(),
  questionId: z.string(),
  heading: z.string(),
  text: z.string(),
  score: z.number(),
  sources: z.array(z.enum(['dense', 'keyword'])),
});
export type SectionHitDto = z.infer<typeof sectionHit>;

export const searchResponse = z.object({ inScope: z.boolean(), hits: z.array(sectionHit) });
export type SearchResponse = z.infer<typeof searchResponse>;

export const healthResponse = z.object({
  ready: z.boolean(),
  status: z.enum(['ready', 'indexing', 'error']),
  message: z.string().optional(),
  model: z.string().nullable(),
  chunks: z.number(),
  sections: z.number(),
  llm: z.object({ configured: z.boolean(), model: z.string().nullable() }),
  /** What in the notes was skipped (a file not UTF-8, a heading without a space…), the first few; empty when none. */
  warnings: z.array(z.string()).optional(),
  /** How many warnings there are in all (more than `warnings` holds when they were capped). */
  warningsTotal: z.number().int().nonnegative().optional(),
});
export type HealthResponse = z.infer<typeof healthResponse>;

export const errorResponse = z.object({ code: z.string(), message: z.string() });
export type ErrorResponse = z.infer<typeof errorResponse>;

// ---------------------------------------------------------------- interview sessions, review, progress

export const strategy = z.enum(['due', 'weakest', 'random', 'sequential']);
const topicId = z.string().min(1).max(64);

export const createSessionRequest = z.object({
  /** 1–50 questions: more than an hour of interview is a marathon, not practice. */
  count: z.number().int().min(1).max(50).default(5),
  strategy: strategy.default('due'),
  topics: z.array(topicId).max(20).optional(),
  includeUnanswered: z.boolean().optional(),
  followUps: z.boolean().optional(),
});
export type CreateSessionRequest = z.input<typeof createSessionRequest>;

export const answerRequest = z.object({
  answer: nonEmptyText(10_000, 'answer'),
  /** Time the candidate took, measured by the client; at most a day. */
  durationMs: z.number().int().min(0).max(86_400_000).optional(),
  /** The `current.id` being answered: a repeated request then gets 409 instead of answering the next question. */
  promptId: z.string().max(40).optional(),
});
export type AnswerRequest = z.infer<typeof answerRequest>;

export const skipRequest = z.object({ promptId: z.string().max(40).optional() });
export type SkipRequest = z.infer<typeof skipRequest>;

export const sessionIdParam = z.object({ id: z.string().min(1).max(100) });

/** GET /api/sessions/:id/report.md?lang=: the language of the report's fixed text and topic names (the web UI's two). */
export const reportMarkdownQuery = z.object({ lang: z.enum(['zh', 'en'], { error: 'lang must be zh or en' }).default('zh') });
export type ReportMarkdownQuery = z.input<typeof reportMarkdownQuery>;

const sessionStatus = z.enum(['active', 'paused', 'finished']);
const endReason = z.enum(['completed', 'finished_early']);
const promptKind = z.enum(['main', 'follow_up']);
const verdict = z.enum(['excellent', 'good', 'partial', 'weak', 'off_topic', 'empty', 'no_reference']);

export const promptView = z.object({
  id: z.string(),
  position: z.number(),
  kind: promptKind,
  questionId: z.string(),
  number: z.number().nullable(),
  heading: z.string(),
  text: z.string(),
  topics: z.array(z.string()),
  hasReference: z.boolean(),
  askedAt: z.string(),
});
export type PromptView = z.infer<typeof promptView>;

export const sessionView = z.object({
  id: z.string(),
  status: sessionStatus,
  strategy,
  topics: z.array(z.string()),
  /** Questions the session asks (its plan): fewer than requested when fewer questions match the topics. */
  count: z.number(),
  includeUnanswered: z.boolean(),
  followUps: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  endReason: endReason.nullable(),
  progress: z.object({ total: z.number(), answered: z.number(), skipped: z.number() }),
  current: promptView.nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const deliveryMetricsDto = z.object({
  length: z.number(),
  fillers: z.record(z.string(), z.number()),
  fillerCount: z.number(),
  fillerRate: z.number(),
  durationMs: z.number().nullable(),
  charsPerMinute: z.number().nullable(),
  firstKeyPointOffset: z.number().nullable(),
  timeToFirstKeyPointMs: z.number().nullable(),
});

/** A statement of the answer that the notes contradict, and what they say instead (from the LLM judge). */
export const correction = z.object({ said: z.string(), notes: z.string() });

export const gradeDto = z.object({
  score: z.number().nullable(),
  maxScore: z.literal(10),
  verdict,
  keyPoints: z.array(z.object({ text: z.string(), status: z.enum(['covered', 'partial', 'missed']), weight: z.number(), evidence: z.string().optional() })),
  feedback: z.string(),
  followUp: z.string().optional(),
  corrections: z.array(correction).optional(),
  grader: z.string(),
  notice: z.string().optional(),
});

export const attemptView = z.object({
  id: z.number(),
  sessionId: z.string(),
  parentId: z.number().nullable(),
  position: z.number(),
  kind: promptKind,
  questionId: z.string(),
  prompt: z.string(),
  /** For a follow-up: the key point it was after. */
  target: z.string().nullable(),
  answer: z.string().nullable(),
  skipped: z.boolean(),
  grade: gradeDto.nullable(),
  metrics: deliveryMetricsDto.nullable(),
  durationMs: z.number().nullable(),
  askedAt: z.string(),
  answeredAt: z.string(),
});
export type AttemptView = z.infer<typeof attemptView>;

export const nextStep = z.discriminatedUnion('type', [
  z.object({ type: z.literal('follow_up'), prompt: promptView }),
  z.object({ type: z.literal('question'), prompt: promptView }),
  z.object({ type: z.literal('done'), reportUrl: z.string() }),
]);
export type NextStep = z.infer<typeof nextStep>;

/** POST /api/sessions/:id/answers and /skip. */
export const stepResponse = z.object({ attempt: attemptView, next: nextStep, session: sessionView });
export type StepResponse = z.infer<typeof stepResponse>;

export const sessionDetailResponse = z.object({ session: sessionView, attempts: z.array(attemptView) });
export type SessionDetailResponse = z.infer<typeof sessionDetailResponse>;

export const sessionSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  status: sessionStatus,
  strategy,
  topics: z.array(z.string()),
  questions: z.number(),
  answered: z.number(),
  skipped: z.number(),
  score: z.number().nullable(),
});
export type SessionSummaryDto = z.infer<typeof sessionSummary>;

export const sessionListResponse = z.object({ sessions: z.array(sessionSummary) });
export type SessionListResponse = z.infer<typeof sessionListResponse>;

const topicLabel = z.object({ zh: z.string(), en: z.string() });

// GET /api/sessions/:id/report — mirrors SessionReport (server/interview/session-report.ts); the route checks both agree.

const keyPointStatus = z.enum(['covered', 'partial', 'missed']);

export const followUpReport = z.object({
  prompt: z.string(),
  /** The key point the follow-up was after. */
  target: z.string().nullable(),
  skipped: z.boolean(),
  answer: z.string().nullable(),
  score: z.number().nullable(),
  /** How the follow-up answer did on its target point; null when skipped or not graded. */
  targetStatus: keyPointStatus.nullable(),
  durationMs: z.number().nullable(),
  metrics: deliveryMetricsDto.nullable(),
});

export const questionReport = z.object({
  /** 0-based place in the session's plan. */
  position: z.number(),
  questionId: z.string(),
  number: z.number().nullable(),
  heading: z.string(),
  topics: z.array(z.string()),
  hasReference: z.boolean(),
  /** `unasked`: the session ended before it; `in_progress`: it is the current question. */
  outcome: z.enum(['answered', 'skipped', 'unasked', 'in_progress']),
  answer: z.string().nullable(),
  /** 0–10; null when skipped, not asked, or the notes have no reference answer. */
  score: z.number().nullable(),
  verdict: verdict.nullable(),
  /** Key points as written in the notes, by how the answer did on them. */
  covered: z.array(z.string()),
  partial: z.array(z.string()),
  missed: z.array(z.string()),
  feedback: z.string().nullable(),
  durationMs: z.number().nullable(),
  metrics: deliveryMetricsDto.nullable(),
  followUp: followUpReport.nullable(),
});
export type QuestionReportDto = z.infer<typeof questionReport>;

export const topicScore = z.object({
  id: z.string(),
  label: topicLabel,
  /** 0–10, mean over the topic's scored questions (a skipped one counts 0); null when none was scored. */
  score: z.number().nullable(),
  questions: z.number(),
});

export const weakPoint = z.object({
  /** The key point as written in the notes, or the question heading when the whole question was skipped. */
  point: z.string(),
  questionId: z.string(),
  heading: z.string(),
  reason: z.enum(['skipped', 'missed', 'partial']),
  /** Share of a full question's score lost on this point (0–1), the ranking key. */
  loss: z.number(),
});
export type WeakPointDto = z.infer<typeof weakPoint>;

export const sessionReportResponse = z.object({
  sessionId: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  status: sessionStatus,
  endReason: endReason.nullable(),
  strategy,
  overall: z.object({
    /** 0–10, mean over questions asked that have a reference answer, skipped ones counting 0; null when none. */
    score: z.number().nullable(),
    asked: z.number(),
    answered: z.number(),
    skipped: z.number(),
    followUps: z.number(),
    /** Sum of the known answer times, in milliseconds. */
    totalTimeMs: z.number(),
  }),
  topics: z.array(topicScore),
  /** Every planned question in order, asked or not. */
  questions: z.array(questionReport),
  /** The three points most worth reviewing, worst first. */
  weakest: z.array(weakPoint),
  delivery: z.object({
    averageLength: z.number().nullable(),
    fillerCount: z.number(),
    fillers: z.record(z.string(), z.number()),
    averageTimeToFirstKeyPointMs: z.number().nullable(),
  }),
});
export type SessionReportResponse = z.infer<typeof sessionReportResponse>;

export const questionsResponse = z.object({
  questions: z.array(
    z.object({
      id: z.string(),
      number: z.number().nullable(),
      heading: z.string(),
      topics: z.array(z.string()),
      topicSource: z.enum(['override', 'keywords', 'fallback']),
      hasReference: z.boolean(),
    }),
  ),
  topics: z.array(z.object({ id: z.string(), label: topicLabel })),
});
export type QuestionsResponse = z.infer<typeof questionsResponse>;

/** One note section in full: what the citation and "show reference" panels open. */
export const questionDetailResponse = z.object({
  id: z.string(),
  number: z.number().nullable(),
  heading: z.string(),
  /** The answer markdown as written; empty when the notes have no answer yet. */
  answer: z.string(),
  hasReference: z.boolean(),
  topics: z.array(z.string()),
  source: z.object({ file: z.string(), startLine: z.number(), endLine: z.number() }),
});
export type QuestionDetailResponse = z.infer<typeof questionDetailResponse>;

export const dueResponse = z.object({
  now: z.string(),
  due: z.array(
    z.object({
      questionId: z.string(),
      number: z.number().nullable(),
      heading: z.string(),
      topics: z.array(z.string()),
      due: z.string(),
      state: z.enum(['new', 'learning', 'review', 'relearning']),
      reps: z.number(),
      lapses: z.number(),
      lastReview: z.string().nullable(),
    }),
  ),
  nextDue: z.string().nullable(),
});
export type DueResponse = z.infer<typeof dueResponse>;

export const progressResponse = z.object({
  topics: z.array(
    z.object({
      id: z.string(),
      label: topicLabel,
      mastery: z.number().nullable(),
      recentScores: z.array(z.number()),
      attempts: z.number(),
      questions: z.number(),
      attempted: z.number(),
      due: z.number(),
    }),
  ),
  streak: z.object({ current: z.number(), longest: z.number(), practisedToday: z.boolean(), lastPractised: z.string().nullable() }),
  totals: z.object({ sessions: z.number(), answers: z.number(), questionsAttempted: z.number(), due: z.number() }),
  sessions: z.array(sessionSummary),
});
export type ProgressResponse = z.infer<typeof progressResponse>;

// ---------------------------------------------------------------- ask (POST /api/ask, POST /api/ask/stream)

/** Earlier turns of the thread, oldest first; the last few resolve follow-ups ("那它和普通卷积比呢？"). */
export const askTurn = z.object({
  question: text(2000, 'history question'),
  answer: text(20_000, 'history answer').optional(),
});

export const askRequest = z.object({
  question: nonEmptyText(2000, 'question'),
  history: z.array(askTurn).max(50, 'history has more than 50 turns').optional(),
});
export type AskRequest = z.infer<typeof askRequest>;

const sourceRange = z.object({ file: z.string(), startLine: z.number().int(), endLine: z.number().int() });

export const citation = z.object({
  /** The answer cites it as `[n]`. */
  n: z.number().int().min(1),
  questionId: z.string(),
  heading: z.string(),
  /** The selected sentences / list items of the section (markdown), not the whole answer. */
  excerpt: z.string(),
  /** 1-based inclusive lines of the excerpt in the notes file. */
  source: sourceRange,
});

export const suggestion = z.object({ questionId: z.string(), heading: z.string(), hasAnswer: z.boolean(), source: sourceRange });

export const askResponse = z.object({
  inScope: z.boolean(),
  /** answered: excerpts answer it; unanswered: the notes have the question without an answer; not_covered: see suggestions. */
  coverage: z.enum(['answered', 'unanswered', 'not_covered']),
  answer: z.string(),
  citations: z.array(citation),
  mode: z.enum(['extractive', 'llm']),
  /** The question after a follow-up was resolved against the thread (equal to the question otherwise). */
  resolvedQuestion: z.string(),
  suggestions: z.array(suggestion),
  /** Set when the answer is a fallback, e.g. the LLM timed out and the extractive answer is shown. */
  notice: z.string().optional(),
});
export type AskResponse = z.infer<typeof askResponse>;

/**
 * POST /api/ask/stream answers with Server-Sent Events; each event's `data` is JSON with a `type` equal to the event name:
 * - `meta`   {inScope, coverage, mode, resolvedQuestion, citations, suggestions} — first; a later `meta` replaces it;
 * - `token`  {text} — append to the answer;
 * - `notice` {message} — tell the user (e.g. "the LLM timed out, showing excerpts");
 * - `reset`  {} — discard the answer text received so far (the fallback answer follows);
 * - `done`   {result: AskResponse} — last; `result` is the authoritative final answer;
 * - `error`  {code, message} — the stream failed; nothing follows.
 * Errors before the stream starts (400 validation, 503 index not ready) are ordinary JSON error responses.
 */
export const askStreamEvent = z.discriminatedUnion('type', [
  askResponse.pick({ inScope: true, coverage: true, mode: true, resolvedQuestion: true, citations: true, suggestions: true }).extend({ type: z.literal('meta') }),
  z.object({ type: z.literal('token'), text: z.string() }),
  z.object({ type: z.literal('notice'), message: z.string() }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('done'), result: askResponse }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type AskStreamEvent = z.infer<typeof askStreamEvent>;

// ---------------------------------------------------------------- grade (POST /api/grade)

export const gradeRequest = z
  .object({
    /** A question of the notes; graded against its section. */
    questionId: z.string({ error: 'questionId must be a string' }).min(1, 'questionId is empty').max(200, 'questionId is too long').optional(),
    /**
     * Used when there is no questionId: a question's number ("11", "11.", "Q11", "第11题"; see resolveQuestion) or
     * exact heading, graded against that section; any other text is graded against the notes retrieved for it.
     * A number that names no question, or a question the notes do not cover, is a 404 `not_found:question`.
     */
    question: text(2000, 'question').optional(),
    /** The candidate's answer; an empty answer is graded as such (verdict "empty"). */
    answer: text(10_000, 'answer'),
  })
  .refine((r) => r.questionId !== undefined || !isBlank(r.question ?? ''), { message: 'give a questionId or the question text', path: ['questionId'] });
export type GradeRequest = z.infer<typeof gradeRequest>;

const noteSource = z.object({ questionId: z.string(), heading: z.string(), file: z.string(), startLine: z.number().int(), endLine: z.number().int() });

export const gradeResponse = z.object({
  /** 0–10 with one decimal; null when the notes have no reference answer for the question. */
  score: z.number().min(0).max(10).nullable(),
  maxScore: z.literal(10),
  verdict,
  keyPoints: z.array(
    z.object({ text: z.string(), status: z.enum(['covered', 'partial', 'missed']), weight: z.number(), evidence: z.string().optional(), source: noteSource }),
  ),
  feedback: z.string(),
  followUp: z.string().optional(),
  corrections: z.array(correction).optional(),
  citations: z.array(noteSource),
  grader: z.enum(['rubric', 'llm', 'rubric+llm']),
  notice: z.string().optional(),
});
export type GradeResponse = z.infer<typeof gradeResponse>;
