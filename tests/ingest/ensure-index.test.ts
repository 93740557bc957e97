// ensureIndex and openIndex, which every command (search, grade, npm start) goes through: which notes folder is
// used, what is logged on every run, and recovering by itself from an index that cannot be opened.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../server/config.js';
import { NotesError } from '../../server/errors.js';
import { ensureIndex, openIndex, type PreparedIndex } from '../../server/ingest/ensure-index.js';
import { openSearch } from '../../server/retrieval/open-search.js';
import { makeLabelsInconsistent } from './inconsistent-index.js';

function notesFolder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ensure-notes-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'ensure-data-'));

function recorder() {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line), text: () => lines.join('\n') };
}

const ENGLISH = { 'ml.md': '## 1. What is dropout?\n\nDropout zeroes random activations while training.\n\n## 2. What is overfitting?\n\nFitting noise in the training data.\n' };
const OTHER = { 'sys.md': '## 1. What is sharding?\n\nSplitting a database across machines.\n' };

describe('choosing the notes folder', () => {
  it('keeps using the folder indexed last when no folder is chosen, and says which', async () => {
    const data = dataDir();
    const notes = notesFolder(ENGLISH);
    await ensureIndex(loadConfig({ DATA_DIR: data, NOTES_DIR: notes }), () => {});

    const second = recorder();
    const used = await ensureIndex(loadConfig({ DATA_DIR: data }), second.log);
    expect(used.notesDir).toBe(notes);
    expect(second.text()).toContain(`Using the notes in ${notes}, the folder indexed last (choose another with --notes DIR or NOTES_DIR=DIR).`);
    expect(second.text()).not.toContain('Indexing');
  });

  it('switches to another folder only when one is chosen, saying from which', async () => {
    const data = dataDir();
    const first = notesFolder(ENGLISH);
    const second = notesFolder(OTHER);
    await ensureIndex(loadConfig({ DATA_DIR: data, NOTES_DIR: first }), () => {});
    const log = recorder();
    await ensureIndex(loadConfig({ DATA_DIR: data, NOTES_DIR: second }), log.log);
    expect(log.lines[0]).toBe(`Indexing notes in ${second} (switching from the notes in ${first})…`);
    expect((await ensureIndex(loadConfig({ DATA_DIR: data }), () => {})).notesDir).toBe(second);
  });

  it('refuses to fall back to the default notes when the folder indexed last is gone', async () => {
    const data = dataDir();
    const notes = notesFolder(ENGLISH);
    await ensureIndex(loadConfig({ DATA_DIR: data, NOTES_DIR: notes }), () => {});
    rmSync(notes, { recursive: true });
    const attempt = ensureIndex(loadConfig({ DATA_DIR: data }), () => {});
    await expect(attempt).rejects.toBeInstanceOf(NotesError);
    await expect(attempt).rejects.toThrow(`The index holds the notes in ${notes}, which is no longer there. Choose the notes folder with --notes DIR`);
  });

  it('says a chosen folder is missing before saying anything about the index', async () => {
    const log = recorder();
    await expect(ensureIndex(loadConfig({ DATA_DIR: dataDir(), NOTES_DIR: '/nonexistent/notes' }), log.log)).rejects.toThrow('Notes folder not found: /nonexistent/notes');
    expect(log.lines).toEqual([]);
  });
});

describe('what is logged on every run', () => {
  // Regression (QA): a GBK-encoded file was reported only by the run that rebuilt the index; later starts said nothing.
  it('reports skipped files each time, also when the index is current', async () => {
    const notes = notesFolder({
      'good.md': '## 问题\n\n答案。\n',
      'gbk.md': Buffer.from([0x23, 0x23, 0x20, 0xc4, 0xe3, 0xba, 0xc3, 0x0a]),
      'todo.txt': '## Not read\n',
    });
    const config = loadConfig({ DATA_DIR: dataDir(), NOTES_DIR: notes });
    const expected = ['warning: gbk.md: not valid UTF-8 text, skipped; save it as UTF-8 to include it.', 'warning: todo.txt: not a markdown file, skipped; rename it to .md to include it.'];
    const first = recorder();
    await ensureIndex(config, first.log);
    expect(first.lines).toEqual(expect.arrayContaining(expected));
    const second = recorder();
    await ensureIndex(config, second.log);
    expect(second.lines).toEqual(expected);
  });
});

describe('opening an index that cannot be opened', () => {
  it('rebuilds an inconsistent vector index from the notes, says so, and searches', async () => {
    const notes = notesFolder(ENGLISH);
    const config = loadConfig({ DATA_DIR: dataDir(), NOTES_DIR: notes });
    await ensureIndex(config, () => {});
    makeLabelsInconsistent(config.indexDir);

    const log = recorder();
    const { opened } = await openIndex(config, openSearch, { log: log.log });
    expect(log.text()).toMatch(/vectors\.hnsw is inconsistent \(label 0 is live but should be removed\)/);
    expect(log.text()).toContain('Rebuilding the index from the notes now (the same as `npm run ingest -- --rebuild`)…');
    expect(log.text()).toMatch(/Rebuilt the index: 2 questions/);
    expect((await opened.retriever.retrieve('what is dropout')).hits[0]!.heading).toBe('1. What is dropout?');
  });

  it('hands the notes\' warnings to open, also after rebuilding an index that cannot be opened', async () => {
    const notes = notesFolder({ ...ENGLISH, 'todo.txt': '## Not read\n' });
    const config = loadConfig({ DATA_DIR: dataDir(), NOTES_DIR: notes });
    const expected = ['todo.txt: not a markdown file, skipped; rename it to .md to include it.'];
    const first = await openIndex(config, async (_config, prepared) => prepared.warnings, { log: () => {} });
    expect(first).toMatchObject({ warnings: expected, opened: expected });

    makeLabelsInconsistent(config.indexDir);
    const openWithWarnings = async (c: Config, prepared: PreparedIndex) => {
      await openSearch(c);
      return prepared.warnings;
    };
    const rebuilt = await openIndex(config, openWithWarnings, { log: () => {} });
    expect(rebuilt).toMatchObject({ warnings: expected, opened: expected });
  });
});
