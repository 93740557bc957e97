import { describe, expect, it } from 'vitest';
import type { Section } from '../../server/notes/types.js';
import { questionNumber, resolveQuestion } from '../../server/grading/resolve-question.js';

const section = (number: number | null, title: string, file = 'notes.md'): Section => {
  const heading = number === null ? title : `${number}. ${title}`;
  return { id: `q_${String(number ?? 0).padStart(12, '0')}`, number, heading, title, level: 2, answer: '答案', file, startLine: 1, endLine: 2, hasReference: true, parents: [] };
};
const sections = [section(1, 'padding的作用'), section(11, '卷积神经网络中空洞卷积的作用是什么'), section(null, '什么是过拟合')];
const resolved = (ref: string) => {
  const r = resolveQuestion(sections, ref);
  return 'section' in r ? r.section.number : r;
};

describe('resolveQuestion', () => {
  it.each(['1', '1.', '1、', '1)', '1）', '1 .', '１．', 'Q1', 'q1', 'Q 1', 'Q.1', '第1题', '第 1 题', '第1问', ' 1. '])('takes "%s" as question 1', (ref) => {
    expect(resolved(ref)).toBe(1);
  });

  it('still finds a question by its id, its exact heading and its title without the number', () => {
    expect(resolved('q_000000000011')).toBe(11);
    expect(resolved('11. 卷积神经网络中空洞卷积的作用是什么')).toBe(11);
    expect(resolved('卷积神经网络中空洞卷积的作用是什么')).toBe(11);
    expect(resolved('什么是过拟合')).toBeNull();
  });

  it.each(['0', '99', 'Q99', '第99题', '99.', '-1', '+1', '1e1', '1.5', '0x1', '123456'])('says "%s" names no question, so callers refuse it instead of searching', (ref) => {
    expect(resolved(ref)).toEqual({ error: expect.any(String), named: true });
  });

  it('names the number it looked for in the error', () => {
    expect(resolveQuestion(sections, 'Q99')).toEqual({ error: 'no question is numbered 99', named: true });
    expect(resolveQuestion(sections, '-1')).toMatchObject({ error: expect.stringContaining('"-1" is not a question number') });
  });

  it.each(['如何做红烧肉', 'padding的作用是什么', '1x1卷积的作用', 'Q1 和 Q2 的区别', '第一题', 'YOLOv5'])('leaves "%s" to be treated as a question in words', (ref) => {
    expect(resolved(ref)).toEqual({ error: expect.any(String), named: false });
  });

  it('says a number heading two sections is ambiguous rather than picking one', () => {
    const twice = [...sections, section(1, '另一份笔记的第一题', 'other.md')];
    expect(resolveQuestion(twice, '1.')).toMatchObject({ error: expect.stringMatching(/ambiguous.*notes\.md, other\.md/), named: true });
  });
});

describe('questionNumber', () => {
  it('reads only the documented forms', () => {
    expect(['11', '11.', '11、', 'Q11', '第11题', '１１'].map(questionNumber)).toEqual([11, 11, 11, 11, 11, 11]);
    expect(['11..', '1.1', 'Q', '第题', '11 题', 'No.11', '#11'].map(questionNumber)).toEqual([null, null, null, null, null, null, null]);
  });
});
