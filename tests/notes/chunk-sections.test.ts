import { describe, expect, it } from 'vitest';
import { chunkSection, chunkSections } from '../../server/notes/chunk-sections.js';
import { loadNotes } from '../../server/notes/load-notes.js';
import { splitSentences } from '../../server/notes/split-sentences.js';
import { parseMarkdown } from '../../server/notes/parse-notes.js';

describe('splitSentences', () => {
  it('splits on Chinese and English sentence ends but not inside numbers or abbreviations', () => {
    const units = splitSentences('学习率为0.01。然后继续；最后结束！Use e.g. Adam. It works? Yes');
    expect(units.map((u) => u.text)).toEqual(['学习率为0.01。', '然后继续；', '最后结束！', 'Use e.g. Adam.', 'It works?', 'Yes']);
  });

  it('marks list items', () => {
    const units = splitSentences('- 第一点\n2. 第二点\n普通句子');
    expect(units.map((u) => u.listItem)).toEqual([true, true, false]);
  });
});

describe('chunking', () => {
  it('keeps short sections whole with the heading as context', () => {
    const [section] = parseMarkdown('a.md', '## 1. 短问题\n短答案。\n').sections;
    const chunks = chunkSection(section!);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.indexText).toBe('短问题\n短答案。');
  });

  it('splits the longest bundled answer into several chunks on sentence or list boundaries', async () => {
    const { sections } = await loadNotes('corpus');
    const longest = [...sections].sort((a, b) => b.answer.length - a.answer.length)[0]!;
    expect(longest.answer.length).toBeGreaterThan(2500);
    const chunks = chunkSection(longest);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(700);
      expect(c.indexText.startsWith(longest.title)).toBe(true);
      // Every chunk ends where a sentence, clause or line ends: never inside a word.
      expect(longest.answer).toContain(c.text.split('\n').at(-1)!);
    }
  });

  it('overlaps consecutive chunks a little', async () => {
    const { sections } = await loadNotes('corpus');
    const chunks = chunkSections(sections);
    const bySection = new Map<string, typeof chunks>();
    for (const c of chunks) bySection.set(c.sectionId, [...(bySection.get(c.sectionId) ?? []), c]);
    const overlapping = [...bySection.values()].filter((cs) =>
      cs.some((c, i) => i > 0 && cs[i - 1]!.text.split('\n').some((line) => line.length > 5 && c.text.includes(line))),
    );
    expect(overlapping.length).toBeGreaterThan(0);
  });

  it('gives chunk line ranges inside their section', async () => {
    const { sections } = await loadNotes('corpus');
    const byId = new Map(sections.map((s) => [s.id, s]));
    for (const c of chunkSections(sections)) {
      const s = byId.get(c.sectionId)!;
      expect(c.startLine).toBeGreaterThanOrEqual(s.startLine);
      expect(c.endLine).toBeLessThanOrEqual(s.endLine);
      expect(c.startLine).toBeLessThanOrEqual(c.endLine);
    }
  });
});
