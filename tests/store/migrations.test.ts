import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../server/store/migrations.js';
import { openDatabase } from '../../server/store/open-database.js';

const tempFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'tutor-db-')), 'nested', 'tutor.db');

describe('openDatabase', () => {
  it('creates the folder and schema of a new file, in WAL mode, and records the schema version', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['attempts', 'review_cards', 'review_logs', 'sessions']));
    db.close();
  });

  it('runs only the migrations newer than the file, keeping its data', () => {
    const file = tempFile();
    const v1: Migration[] = [{ version: 1, description: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)' }];
    const first = openDatabase(file, v1);
    first.prepare('INSERT INTO notes (body) VALUES (?)').run('kept');
    first.close();

    const v2: Migration[] = [...v1, { version: 2, description: 'tags', sql: "ALTER TABLE notes ADD COLUMN tag TEXT DEFAULT 'none'" }];
    const second = openDatabase(file, v2);
    expect(second.pragma('user_version', { simple: true })).toBe(2);
    expect(second.prepare('SELECT body, tag FROM notes').get()).toEqual({ body: 'kept', tag: 'none' });
    second.close();
    // Opening again runs nothing: a re-run of v2 would fail on the duplicate column.
    expect(() => openDatabase(file, v2).close()).not.toThrow();
  });

  it('leaves the file at its old version when a migration fails half-way', () => {
    const file = tempFile();
    const broken: Migration[] = [{ version: 1, description: 'half', sql: 'CREATE TABLE a (x); CREATE TABLE a (y);' }];
    expect(() => openDatabase(file, broken)).toThrow();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer version of the program', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(file)).toThrow(/schema version 99, newer than this program knows/);
  });
});
