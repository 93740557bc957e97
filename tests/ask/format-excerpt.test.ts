import { describe, expect, it } from 'vitest';
import { formatExcerpt } from '../../server/ask/format-excerpt.js';
import { sectionUnits } from '../../server/ask/section-units.js';
import type { Section } from '../../server/notes/types.js';

/** A section whose answer starts on the line after the heading at `startLine`. */
function section(answer: string, startLine = 10): Section {
  const lines = answer.split('\n').length;
  return {
    id: 'q_test',
    number: 1,
    heading: '1. 测试',
    title: '测试',
    level: 2,
    answer,
    file: 'notes.md',
    startLine,
    endLine: startLine + lines,
    hasReference: answer !== '',
    parents: [],
  };
}

const find = (units: ReturnType<typeof sectionUnits>, start: string) => units.units.find((u) => u.text.replace(/^[-\s]+/, '').startsWith(start))!;

describe('sectionUnits', () => {
  it('gives each unit its 1-based line in the file', () => {
    const units = sectionUnits(section('第一句。第二句。\n- 列表项', 10));
    expect(units.units.map((u) => [u.text, u.fileLine])).toEqual([
      ['第一句。', 11],
      ['第二句。', 11],
      ['- 列表项', 12],
    ]);
  });

  it('reads bold and colon lead-ins as labels, and shares a line label with the sentences after it', () => {
    const units = sectionUnits(section('- **dropout的缺点**: 成本函数无法定义。所以难以调试。\n作用: 增大感受野。'));
    expect(find(units, '**dropout').label).toBe('dropout的缺点');
    expect(find(units, '所以').lineLabel).toBe('dropout的缺点');
    expect(find(units, '作用').label).toBe('作用');
  });

  it('applies a label line to the items under it until a blank line', () => {
    const units = sectionUnits(section('**YOLOv1的缺点**:\n- 1. 网格少\n- 2. 小物体差\n\n- 其他'));
    expect(find(units, '**YOLOv1').labelLine).toBe(true);
    expect(find(units, '2.').contextLabel).toBe('yolov1的缺点');
    expect(find(units, '其他').contextLabel).toBeNull();
  });

  it('nests a list-item label under a paragraph label and ends it at the next sibling item', () => {
    const units = sectionUnits(section('**RCNN**\n- 步骤:\n    - 1. 选择模型\n- 流程: 图片'));
    expect(find(units, '1.').contextLabel).toBe('rcnn 步骤');
    expect(find(units, '流程').contextLabel).toBe('rcnn');
  });
});

describe('formatExcerpt', () => {
  it('keeps whole lines exactly as written, in the notes order', () => {
    const units = sectionUnits(section('- 第一项。\n- 第二项。\n- 第三项。'));
    expect(formatExcerpt(units, [2, 0]).markdown).toBe('- 第一项。\n- 第三项。');
  });

  it('marks what was cut from a line and keeps its list marker', () => {
    const units = sectionUnits(section('- 开头一句。关键的一句。结尾一句。'));
    expect(formatExcerpt(units, [1]).markdown).toBe('- …关键的一句。…');
    expect(formatExcerpt(units, [0, 2]).markdown).toBe('- 开头一句。…结尾一句。');
  });

  it('lifts nested items out of their indentation so they do not render as code', () => {
    const units = sectionUnits(section('- 不同点：\n    - CBOW是词袋模型\n    - fastText加入了N-gram'));
    expect(formatExcerpt(units, [1, 2]).markdown).toBe('- CBOW是词袋模型\n- fastText加入了N-gram');
  });

  it('drops bold markers left without their partner by a cut', () => {
    const units = sectionUnits(section('**总和保持不变。可以分为两种。**'));
    expect(formatExcerpt(units, [0]).markdown).toBe('总和保持不变。…');
  });

  it('clips a unit longer than the budget at a clause boundary', () => {
    const long = `${'很长的句子，'.repeat(30)}结束。`;
    const { markdown } = formatExcerpt(sectionUnits(section(long)), [0], 50);
    expect(markdown.length).toBeLessThanOrEqual(52);
    expect(markdown.endsWith('，…')).toBe(true);
  });
});
