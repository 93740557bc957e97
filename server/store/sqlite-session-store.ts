// SessionStore on a SQLite file through better-sqlite3: each commit is one transaction, synced before it returns.

import type Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import type { Grade } from '../grading/types.js';
import type { DeliveryMetrics } from '../interview/delivery-metrics.js';
import type { InterviewState, PromptKind } from '../interview/interview-machine.js';
import type { RatingName, StoredCard } from '../interview/review-scheduler.js';
import { openDatabase } from './open-database.js';
import type { Strategy } from '../interview/select-questions.js';
import type { AttemptRecord, ReviewLogRecord, SessionCommit, SessionRecord, SessionStore } from './session-store.js';

interface SessionRow {
  id: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  status: SessionRecord['status'];
  strategy: Strategy;
  question_count: number;
  topics: string;
  include_unanswered: number;
  state: string;
  version: number;
}

interface AttemptRow {
  id: number;
  session_id: string;
  position: number;
  kind: PromptKind;
  parent_id: number | null;
  question_id: string;
  prompt: string;
  target: string | null;
  answer: string | null;
  skipped: number;
  score: number | null;
  verdict: string | null;
  grade: string | null;
  metrics: string | null;
  duration_ms: number | null;
  asked_at: string;
  answered_at: string;
}

export class SqliteSessionStore implements SessionStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertSession: db.prepare(
        `INSERT INTO sessions (id, created_at, updated_at, finished_at, status, strategy, question_count, topics, include_unanswered, state, version)
         VALUES (@id, @created_at, @updated_at, @finished_at, @status, @strategy, @question_count, @topics, @include_unanswered, @state, @version)`,
      ),
      getSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
      listSessions: db.prepare<[], SessionRow>('SELECT * FROM sessions ORDER BY created_at DESC, rowid DESC'),
      updateSession: db.prepare(
        `UPDATE sessions SET state = @state, status = @status, updated_at = @at, finished_at = @finished_at, version = version + 1
         WHERE id = @id AND version = @expected`,
      ),
      insertAttempt: db.prepare(
        `INSERT INTO attempts (session_id, position, kind, parent_id, question_id, prompt, target, answer, skipped, score, verdict, grade, metrics, duration_ms, asked_at, answered_at)
         VALUES (@session_id, @position, @kind,
           CASE WHEN @kind = 'follow_up' THEN (SELECT id FROM attempts WHERE session_id = @session_id AND position = @position AND kind = 'main') END,
           @question_id, @prompt, @target, @answer, @skipped, @score, @verdict, @grade, @metrics, @duration_ms, @asked_at, @answered_at)`,
      ),
      listAttempts: db.prepare<[string], AttemptRow>('SELECT * FROM attempts WHERE session_id = ? ORDER BY id'),
      listAllAttempts: db.prepare<[], AttemptRow>('SELECT * FROM attempts ORDER BY answered_at, id'),
      getCard: db.prepare<[string], { card: string }>('SELECT card FROM review_cards WHERE question_id = ?'),
      listCards: db.prepare<[], { card: string }>('SELECT card FROM review_cards ORDER BY due, question_id'),
      upsertCard: db.prepare(
        `INSERT INTO review_cards (question_id, due, card, updated_at) VALUES (@question_id, @due, @card, @at)
         ON CONFLICT (question_id) DO UPDATE SET due = excluded.due, card = excluded.card, updated_at = excluded.updated_at`,
      ),
      insertLog: db.prepare(
        `INSERT INTO review_logs (question_id, attempt_id, score, rating, reviewed_at, due, card)
         VALUES (@question_id, @attempt_id, @score, @rating, @reviewed_at, @due, @card)`,
      ),
      listLogs: db.prepare<[], LogRow>('SELECT * FROM review_logs ORDER BY reviewed_at, id'),
      listLogsFor: db.prepare<[string], LogRow>('SELECT * FROM review_logs WHERE question_id = ? ORDER BY reviewed_at, id'),
    };
  }

  /** Opens (creating and migrating when needed) the database file. */
  static open(file: string): SqliteSessionStore {
    return new SqliteSessionStore(openDatabase(file));
  }

  createSession(s: SessionRecord): void {
    this.statements.insertSession.run({
      id: s.id,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
      finished_at: s.finishedAt,
      status: s.status,
      strategy: s.strategy,
      question_count: s.count,
      topics: JSON.stringify(s.topics),
      include_unanswered: s.includeUnanswered ? 1 : 0,
      state: JSON.stringify(s.state),
      version: s.version,
    });
  }

  getSession(id: string): SessionRecord | null {
    const row = this.statements.getSession.get(id);
    return row ? toSession(row) : null;
  }

  listSessions(): SessionRecord[] {
    return this.statements.listSessions.all().map(toSession);
  }

  commit(change: SessionCommit): { version: number; attemptId: number | null } {
    const run = this.db.transaction((c: SessionCommit) => {
      const updated = this.statements.updateSession.run({
        id: c.sessionId,
        expected: c.expectedVersion,
        state: JSON.stringify(c.state),
        status: c.state.status,
        at: c.at,
        finished_at: c.state.status === 'finished' ? c.at : null,
      });
      if (updated.changes === 0) {
        if (!this.statements.getSession.get(c.sessionId)) throw new AppError('not_found', `No session with id ${c.sessionId}`, 'session');
        throw new AppError('conflict', 'The session moved on while this request was being handled (was it sent twice?); reload the session', 'session_changed');
      }
      const attemptId = c.attempt ? this.insertAttempt(c.sessionId, c.attempt) : null;
      if (c.review) {
        if (attemptId === null) throw new Error('A review needs the attempt it comes from');
        const current = this.getCard(c.review.questionId);
        const { card, rating } = c.review.schedule(current);
        this.statements.upsertCard.run({ question_id: card.questionId, due: card.due, card: JSON.stringify(card), at: c.at });
        this.statements.insertLog.run({ question_id: card.questionId, attempt_id: attemptId, score: c.review.score, rating, reviewed_at: c.at, due: card.due, card: JSON.stringify(card) });
      }
      return { version: c.expectedVersion + 1, attemptId };
    });
    return run(change);
  }

  listAttempts(sessionId: string): AttemptRecord[] {
    return this.statements.listAttempts.all(sessionId).map(toAttempt);
  }

  listAllAttempts(): AttemptRecord[] {
    return this.statements.listAllAttempts.all().map(toAttempt);
  }

  getCard(questionId: string): StoredCard | null {
    const row = this.statements.getCard.get(questionId);
    return row ? (JSON.parse(row.card) as StoredCard) : null;
  }

  listCards(): StoredCard[] {
    return this.statements.listCards.all().map((r) => JSON.parse(r.card) as StoredCard);
  }

  listReviewLogs(questionId?: string): ReviewLogRecord[] {
    const rows = questionId === undefined ? this.statements.listLogs.all() : this.statements.listLogsFor.all(questionId);
    return rows.map((r) => ({ questionId: r.question_id, attemptId: r.attempt_id, score: r.score, rating: r.rating, reviewedAt: r.reviewed_at, due: r.due }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private insertAttempt(sessionId: string, a: SessionCommit['attempt'] & object): number {
    try {
      const result = this.statements.insertAttempt.run({
        session_id: sessionId,
        position: a.position,
        kind: a.kind,
        question_id: a.questionId,
        prompt: a.prompt,
        target: a.target,
        answer: a.answer,
        skipped: a.skipped ? 1 : 0,
        score: a.grade?.score ?? null,
        verdict: a.grade?.verdict ?? null,
        grade: a.grade ? JSON.stringify(a.grade) : null,
        metrics: a.metrics ? JSON.stringify(a.metrics) : null,
        duration_ms: a.durationMs,
        asked_at: a.askedAt,
        answered_at: a.answeredAt,
      });
      return Number(result.lastInsertRowid);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new AppError('conflict', `Question ${a.position + 1} of this session already has ${a.kind === 'main' ? 'an answer' : 'a follow-up answer'}`, 'already_answered', { cause: error });
      }
      throw error;
    }
  }
}

interface LogRow {
  question_id: string;
  attempt_id: number;
  score: number;
  rating: RatingName;
  reviewed_at: string;
  due: string;
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    status: row.status,
    strategy: row.strategy,
    count: row.question_count,
    topics: JSON.parse(row.topics) as string[],
    includeUnanswered: row.include_unanswered === 1,
    state: JSON.parse(row.state) as InterviewState,
    version: row.version,
  };
}

function toAttempt(row: AttemptRow): AttemptRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    parentId: row.parent_id,
    position: row.position,
    kind: row.kind,
    questionId: row.question_id,
    prompt: row.prompt,
    target: row.target,
    answer: row.answer,
    skipped: row.skipped === 1,
    grade: row.grade ? (JSON.parse(row.grade) as Grade) : null,
    metrics: row.metrics ? (JSON.parse(row.metrics) as DeliveryMetrics) : null,
    durationMs: row.duration_ms,
    askedAt: row.asked_at,
    answeredAt: row.answered_at,
  };
}
