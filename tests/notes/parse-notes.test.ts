import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotesError } from '../../server/errors.js';
import { loadNotes } from '../../server/notes/load-notes.js';
import { parseMarkdown } from '../../server/notes/parse-notes.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'notes-'));

describe('parsing the bundled notes', () => {
  it('finds 67 questions, 11 of them without an answer', async () => {
    const { sections } = await loadNotes('corpus');
    expect(sections).toHaveLength(67);
    expect(sections.filter((s) => !s.hasReference).map((s) => s.number)).toEqual([31, 41, 43, 44, 45, 46, 63, 64, 65, 66, 67]);
  });

  it('keeps the heading text exactly, its number, and the chapter it sits in', async () => {
    const { sections } = await loadNotes('corpus');
    const s = sections.find((x) => x.number === 11)!;
    expect(s.heading).toBe('11. 卷积神经网络中空洞卷积的作用是什么');
    expect(s.title).toBe('卷积神经网络中空洞卷积的作用是什么');
    expect(s.parents).toEqual(['深度学习']);
    expect(s.file).toBe('deep-learning-interview-notes.md');
  });

  it('records line ranges that point at the heading and the last answer line', async () => {
    const { sections } = await loadNotes('corpus');
    const lines = readFileSync('corpus/deep-learning-interview-notes.md', 'utf8').split('\n');
    for (const s of sections) {
      expect(lines[s.startLine - 1]).toContain(s.heading);
      if (s.hasReference) expect(s.answer.endsWith(lines[s.endLine - 1]!.trim())).toBe(true);
    }
  });
});

describe('parseMarkdown', () => {
  it('treats headings with and without numbers at levels 1 to 4 as questions', () => {
    const { sections } = parseMarkdown('a.md', '# Top\n## 1. First\nA\n### Second\nB\n#### 3) Third\nC\n##### not a heading level\n');
    expect(sections.map((s) => [s.heading, s.number, s.level])).toEqual([
      ['1. First', 1, 2],
      ['Second', null, 3],
      ['3) Third', 3, 4],
    ]);
    expect(sections[2]!.answer).toBe('C\n##### not a heading level');
  });

  it('gives ids that survive reordering and renumbering of sections', () => {
    const a = parseMarkdown('n.md', '## 1. Alpha\nx\n## 2. Beta\ny\n').sections;
    const b = parseMarkdown('n.md', '## 1. Beta\ny\n## 2. Alpha\nx\n').sections;
    expect(b.find((s) => s.title === 'Alpha')!.id).toBe(a.find((s) => s.title === 'Alpha')!.id);
  });

  it('keeps duplicate headings as separate questions with distinct ids and a warning', () => {
    const { sections, warnings } = parseMarkdown('d.md', '## Same\none\n## Same\ntwo\n');
    expect(sections).toHaveLength(2);
    expect(new Set(sections.map((s) => s.id)).size).toBe(2);
    expect(warnings.join()).toMatch(/duplicate heading/);
  });

  it('ignores heading-like lines inside fenced code', () => {
    const { sections } = parseMarkdown('c.md', '## Q\n```python\n# comment\n```\n');
    expect(sections).toHaveLength(1);
    expect(sections[0]!.answer).toContain('# comment');
  });

  it('reads CRLF line endings and a byte-order mark', () => {
    const { sections } = parseMarkdown('w.md', '\uFEFF## 1. 问题\r\n答案\r\n');
    expect(sections[0]).toMatchObject({ heading: '1. 问题', answer: '答案', startLine: 1, endLine: 2 });
  });
});

describe('loadNotes on bad input', () => {
  it('says so clearly for an empty folder', async () => {
    await expect(loadNotes(tempDir())).rejects.toThrow(/No markdown/);
  });

  it('says so clearly for a folder that does not exist', async () => {
    await expect(loadNotes('/nonexistent/notes')).rejects.toBeInstanceOf(NotesError);
  });

  it('skips a non-UTF-8 file with a warning and keeps the others', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bad.md'), Buffer.from([0x23, 0x23, 0x20, 0xc4, 0xe3, 0xba, 0xc3, 0x0a])); // GBK bytes
    writeFileSync(path.join(dir, 'good.md'), '## 问题\n答案\n');
    const notes = await loadNotes(dir);
    expect(notes.sections.map((s) => s.heading)).toEqual(['问题']);
    expect(notes.warnings.join()).toMatch(/bad\.md: not valid UTF-8/);
  });

  it('skips a file with no headings with a warning', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'plain.md'), 'just text\n');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'q.md'), '## Q\nA\n');
    const notes = await loadNotes(dir);
    expect(notes.sections.map((s) => s.file)).toEqual(['sub/q.md']);
    expect(notes.warnings.join()).toMatch(/plain\.md: no headings/);
  });

  it('refuses a folder whose files have no questions at all', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'plain.md'), 'just text\n');
    await expect(loadNotes(dir)).rejects.toThrow(/No questions found/);
  });

  it('parses a 5 MB file without trouble and leaves it untouched', async () => {
    const dir = tempDir();
    const block = Array.from({ length: 2000 }, (_, i) => `## ${i + 1}. 问题${i}\n${'答案内容，包含 English terms。'.repeat(120)}\n`).join('');
    const file = path.join(dir, 'big.md');
    writeFileSync(file, block);
    expect(block.length * 2).toBeGreaterThan(5_000_000 / 2);
    const notes = await loadNotes(dir);
    expect(notes.sections).toHaveLength(2000);
    expect(readFileSync(file, 'utf8')).toBe(block);
  });
});
