// Opens the SQLite file (creating its folder), sets the pragmas the store relies on and runs the migrations.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS, type Migration } from './migrations.js';

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // WAL lets readers (progress, reports) run while an answer is being written.
    db.pragma('journal_mode = WAL');
    // FULL syncs every commit: an answer is the user's work, and one fsync per answer is nothing at human pace.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Another process (a CLI, a second server by mistake) holding the write lock briefly should delay, not fail.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
