import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('parseMarkdown on what QA found in other notes folders', () => {
  const titles = (markdown: string) => parseMarkdown('q.md', markdown).sections.map((s) => s.title);

  it('reads numbered ##### and ###### headings as questions and leaves unnumbered ones in the answer as labels', () => {
    const { sections } = parseMarkdown('n.md', '## 1. Sharding?\nA\n#### 2. Replication?\nB\n##### 3. What is a quorum?\nC\n##### 优点\nD\n###### 4) Last?\nE\n');
    expect(sections.map((s) => [s.number, s.level, s.title])).toEqual([
      [1, 2, 'Sharding?'],
      [2, 4, 'Replication?'],
      [3, 5, 'What is a quorum?'],
      [4, 6, 'Last?'],
    ]);
    expect(sections[2]!.answer).toBe('C\n##### 优点\nD');
  });

  it('does not let an unclosed code fence swallow the questions after it, and reports the line it opens on', () => {
    const { sections, warnings } = parseMarkdown('u.md', '## 1. Generator?\n\n```python\ndef gen():\n    yield 1\n\n## 2. Context manager?\nwith\n\n## 3. GIL?\nlock\n');
    expect(sections.map((s) => s.title)).toEqual(['Generator?', 'Context manager?', 'GIL?']);
    expect(warnings).toEqual(['u.md:3: this code fence (```) is never closed, so the lines after it are read as notes, not code. Close it with a line of ```.']);
  });

  it('closes a fence only with the same marker at least as long, so ```` can show ``` inside', () => {
    const { sections } = parseMarkdown('f.md', '## 1. Fences?\n````markdown\n```python\nx\n```\n# Title inside the example\n````\n## 2. Decorator?\nwraps\n');
    expect(sections.map((s) => s.title)).toEqual(['Fences?', 'Decorator?']);
    expect(sections[0]!.answer).toContain('# Title inside the example');
  });

  it('skips YAML front matter, its # comments included', () => {
    const { sections, warnings } = parseMarkdown('fm.md', '---\ntitle: Stats\n# author comment inside YAML\ndate: 2024-01-01\n---\n\n## 1. What is a p-value?\nP.\n');
    expect(sections.map((s) => [s.title, s.startLine])).toEqual([['What is a p-value?', 7]]);
    expect(warnings).toEqual([]);
  });

  it('reads a file that merely starts with a thematic break as notes, not as front matter', () => {
    expect(titles('---\n## 1. First?\nA\n\n---\n## 2. Second?\nB\n')).toEqual(['First?', 'Second?']);
  });

  it('skips HTML comments, headings inside them included, and keeps their text out of answers', () => {
    const { sections } = parseMarkdown('c.md', '## 1. Closure?\nCaptures variables. <!-- note to self -->\n\n<!--\n## 2. Draft question not ready\nTODO\n-->\n');
    expect(sections.map((s) => s.title)).toEqual(['Closure?']);
    expect(sections[0]).toMatchObject({ answer: 'Captures variables. ', endLine: 2 });
  });

  it('reports an HTML comment that is never closed and still reads the questions after it', () => {
    const { sections, warnings } = parseMarkdown('c.md', '## 1. A?\nx <!-- oops\n## 2. B?\ny\n');
    expect(sections.map((s) => s.title)).toEqual(['A?', 'B?']);
    expect(warnings).toEqual(['c.md:2: this HTML comment (<!--) is never closed, so the text after it is read as notes. Close it with -->.']);
  });

  it('reads setext headings (underlined with === or ---) as questions, and --- after a blank line as a break', () => {
    const { sections, warnings } = parseMarkdown('s.md', 'What is a load balancer?\n========================\n\nSpreads requests.\n\n---\n\nWhat is caching?\n----------------\n\nKeeps results close.\n- a list item\n---\n');
    expect(sections.map((s) => [s.title, s.level, s.startLine])).toEqual([
      ['What is a load balancer?', 1, 1],
      ['What is caching?', 2, 8],
    ]);
    expect(sections[0]!.answer).toBe('Spreads requests.\n\n---');
    expect(sections[1]!.answer).toBe('Keeps results close.\n- a list item\n---');
    expect(warnings).toEqual([]);
  });

  // Regression (QA): "## **7. What is memoization?**" lost its number.
  it('keeps the number of a heading wrapped in emphasis, and drops the emphasis from its title', () => {
    const { sections } = parseMarkdown('b.md', '## **7. What is memoization?**\nA\n## **8.** What is recursion?\nB\n## __9、什么是池化__\nC\n## **Bold only**\nD\n');
    expect(sections.map((s) => [s.number, s.title, s.heading])).toEqual([
      [7, 'What is memoization?', '**7. What is memoization?**'],
      [8, 'What is recursion?', '**8.** What is recursion?'],
      [9, '什么是池化', '__9、什么是池化__'],
      [null, 'Bold only', '**Bold only**'],
    ]);
  });

  it('keeps a # that ends the heading text (C#), dropping only a closing sequence after a space', () => {
    expect(titles('## What is C#\nA\n## What is F# ##\nB\n')).toEqual(['What is C#', 'What is F#']);
  });

  it('reports, with file and line, a heading without a space after the #s and an empty heading', () => {
    const { sections, warnings } = parseMarkdown('w.md', '## 1. Real?\nA\n##2. Looks like a heading\n##\n');
    expect(sections).toHaveLength(1);
    expect(warnings).toEqual(['w.md:3: "##2. Looks like a heading" is not read as a heading: put a space after the #s.', 'w.md:4: an empty heading is ignored.']);
  });

  it('names every kind of heading it reads when a file has none', () => {
    expect(parseMarkdown('p.md', 'just text\n').warnings).toEqual([
      'p.md: no headings found, so no questions were taken from it (questions are headings: # to ####, numbered ##### or ######, or a line underlined with === or ---).',
    ]);
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

  it('reads notes reached through symbolic links to a file or a folder, and skips a link back into the folder', async () => {
    const elsewhere = tempDir();
    writeFileSync(path.join(elsewhere, 'linked-file.md'), '## 1. Linked file?\nyes\n');
    mkdirSync(path.join(elsewhere, 'sub'));
    writeFileSync(path.join(elsewhere, 'sub', 'q.md'), '## 1. Linked folder?\nyes\n');
    const dir = tempDir();
    writeFileSync(path.join(dir, 'own.md'), '## 1. Own?\nyes\n');
    symlinkSync(path.join(elsewhere, 'linked-file.md'), path.join(dir, 'linked-file.md'));
    symlinkSync(path.join(elsewhere, 'sub'), path.join(dir, 'linked-dir'));
    symlinkSync(dir, path.join(dir, 'loop'));
    symlinkSync(path.join(elsewhere, 'missing.md'), path.join(dir, 'broken.md'));
    const notes = await loadNotes(dir);
    expect(notes.sections.map((s) => [s.file, s.title])).toEqual([
      ['linked-dir/q.md', 'Linked folder?'],
      ['linked-file.md', 'Linked file?'],
      ['own.md', 'Own?'],
    ]);
    expect(notes.skipped).toEqual([
      { file: 'broken.md', reason: 'a link to a file that does not exist, skipped' },
      { file: 'loop', reason: 'a link to a folder that is already read, skipped' },
    ]);
  });

  it('reports a plain-text notes file it does not read, and passes over other files silently', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'q.md'), '## Q\nA\n');
    writeFileSync(path.join(dir, 'notes.txt'), '## Not read\n');
    writeFileSync(path.join(dir, 'glossary.yaml'), 'sets: []\n');
    const notes = await loadNotes(dir);
    expect(notes.skipped).toEqual([{ file: 'notes.txt', reason: 'not a markdown file, skipped; rename it to .md to include it' }]);
    expect(notes.warnings).toEqual(['notes.txt: not a markdown file, skipped; rename it to .md to include it.']);
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
