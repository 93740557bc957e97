// The database schema as an ordered list of migrations; PRAGMA user_version records how many have run.

import type Database from 'better-sqlite3';
import { AppError } from '../errors.js';

export interface Migration {
  /** 1-based; equals the user_version the database has once this migration has run. */
  version: number;
  description: string;
  sql: string;
}

/** Append only: a released migration is never edited, a change is a new entry. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sessions, attempts, review cards and review logs',
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'finished')),
        strategy TEXT NOT NULL,
        question_count INTEGER NOT NULL,
        topics TEXT NOT NULL,
        include_unanswered INTEGER NOT NULL,
        state TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_created ON sessions (created_at);

      CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('main', 'follow_up')),
        parent_id INTEGER REFERENCES attempts (id),
        question_id TEXT NOT NULL,
        prompt TEXT NOT NULL,
        target TEXT,
        answer TEXT,
        skipped INTEGER NOT NULL,
        score REAL,
        verdict TEXT,
        grade TEXT,
        metrics TEXT,
        duration_ms INTEGER,
        asked_at TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        -- One answer per question slot: a duplicate (e.g. the same answer posted twice at once) is refused here.
        UNIQUE (session_id, position, kind)
      );
      CREATE INDEX attempts_by_question ON attempts (question_id, answered_at);
      CREATE INDEX attempts_by_time ON attempts (answered_at);

      CREATE TABLE review_cards (
        question_id TEXT PRIMARY KEY,
        due TEXT NOT NULL,
        card TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX review_cards_by_due ON review_cards (due);

      CREATE TABLE review_logs (
        id INTEGER PRIMARY KEY,
        question_id TEXT NOT NULL,
        attempt_id INTEGER NOT NULL REFERENCES attempts (id),
        score REAL NOT NULL,
        rating TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        due TEXT NOT NULL,
        card TEXT NOT NULL
      );
      CREATE INDEX review_logs_by_question ON review_logs (question_id, reviewed_at);
    `,
  },
];

/** Runs every migration newer than the database, each in its own transaction; returns the resulting version. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    // A newer build wrote this file; running old code on it could corrupt data the old code does not know.
    throw new AppError('internal', `The database ${db.name} has schema version ${current}, newer than this program knows (${latest}). Update the program or use another DATA_DIR.`, 'database');
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return Math.max(current, latest);
}
