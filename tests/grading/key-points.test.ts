import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractKeyPoints } from '../../server/grading/key-points.js';
import { loadNotes } from '../../server/notes/load-notes.js';
import { parseMarkdown } from '../../server/notes/parse-notes.js';

const notesDir = path.resolve('corpus');
const notes = await loadNotes(notesDir);
const byNumber = (n: number) => notes.sections.find((s) => s.number === n)!;

describe('extractKeyPoints', () => {
  it('quotes every key point exactly from the notes, on the line it cites', () => {
    for (const section of notes.sections) {
      const lines = readFileSync(path.join(notesDir, section.file), 'utf8').split(/\r?\n/);
      for (const kp of extractKeyPoints(section)) {
        expect(kp.source.startLine).toBeGreaterThan(section.startLine);
        expect(kp.source.endLine).toBeLessThanOrEqual(section.endLine);
        expect(lines[kp.source.startLine - 1]).toContain(kp.text);
      }
    }
  });

  it('gives each section weights that sum to 1', () => {
    for (const section of notes.sections.filter((s) => s.hasReference)) {
      const points = extractKeyPoints(section);
      expect(points.length).toBeGreaterThan(0);
      expect(points.reduce((a, p) => a + p.weight, 0)).toBeCloseTo(1, 6);
      for (const p of points) expect(p.weight).toBeGreaterThan(0);
    }
  });

  it('has no key points for a question the notes do not answer yet', () => {
    expect(byNumber(31).hasReference).toBe(false);
    expect(extractKeyPoints(byNumber(31))).toEqual([]);
  });

  it('takes list items as key points and keeps bolded terms', () => {
    const points = extractKeyPoints(byNumber(30));
    expect(points.map((p) => p.plain)).toContain('Epoch: 表示整个数据集迭代了一次');
    expect(points.find((p) => p.plain.startsWith('Epoch'))!.boldTerms).toEqual(['Epoch']);
    expect(points.every((p) => p.kind === 'list-item' || p.kind === 'sentence' || p.kind === 'bold')).toBe(true);
  });

  it('splits a sentence that states two ideas at the connective between them', () => {
    const texts = extractKeyPoints(byNumber(11)).map((p) => p.plain);
    expect(texts).toContain('空洞卷积也叫扩张卷积，在保持参数不变的情况下增大了卷积核的感受野');
    expect(texts).toContain('同时它可以保证输出的特征映射的大小保持不变。');
  });

  it('keeps every sub-topic of a long note when it has to cut to ten points', () => {
    const points = extractKeyPoints(byNumber(35));
    expect(points).toHaveLength(10);
    for (const topic of ['SGD', 'Adagrad', 'Adam']) expect(points.some((p) => p.plain.startsWith(topic))).toBe(true);
  });

  it('does not take bold titles or "步骤:" labels as key points', () => {
    const { sections } = parseMarkdown('t.md', '## 1. 三个算法\n**RCNN**\n- 步骤:\n    - 1. 先用选择性搜索生成候选框\n');
    expect(extractKeyPoints(sections[0]!).map((p) => p.plain)).toEqual(['先用选择性搜索生成候选框']);
  });
});
