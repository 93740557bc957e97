import { describe, expect, it } from 'vitest';
import { Glossary } from '../../server/glossary/glossary.js';
import type { Grade, KeyPointResult } from '../../server/grading/types.js';
import { planFollowUp } from '../../server/interview/follow-up.js';

const glossary = new Glossary({ terms: [['感受野', 'receptive field'], ['参数量', 'number of parameters'], ['空洞卷积', 'dilated convolution']], intents: {} });
const source = { questionId: 'q', heading: 'h', file: 'f.md', startLine: 1, endLine: 1 };
const point = (text: string, status: KeyPointResult['status'], weight: number, evidence?: string): KeyPointResult => ({ text, status, weight, source, ...(evidence ? { evidence } : {}) });
const grade = (score: number | null, keyPoints: KeyPointResult[], extra: Partial<Grade> = {}): Grade => ({
  score,
  maxScore: 10,
  verdict: 'partial',
  keyPoints,
  feedback: '',
  citations: [],
  grader: 'rubric',
  ...extra,
});

describe('planFollowUp', () => {
  it('asks about the heaviest missed point, starting from a term the candidate used', () => {
    const g = grade(5, [
      point('空洞卷积增大了卷积核的感受野', 'covered', 0.4, '空洞卷积可以增大感受野'),
      point('输出特征图大小不变', 'missed', 0.2),
      point('参数量保持不变', 'missed', 0.4),
    ]);
    expect(planFollowUp(g, glossary)).toEqual({ text: '你提到了空洞卷积，那参数量呢？能具体说说吗？', target: '参数量保持不变' });
  });

  it('quotes the first clause of the missed point when it has no glossary term', () => {
    const g = grade(5, [point('感受野变大', 'covered', 0.5, '感受野'), point('1. **同时保证输出尺寸不变**，便于分割', 'missed', 0.5)]);
    expect(planFollowUp(g, glossary)!.text).toBe('你提到了感受野，那“同时保证输出尺寸不变”这一点呢？能展开讲讲吗？');
  });

  it('falls back to a partly covered point when nothing was missed outright', () => {
    const g = grade(6, [point('感受野变大', 'covered', 0.5, '感受野'), point('参数量不变', 'partial', 0.5, '参数')]);
    expect(planFollowUp(g, glossary)!.target).toBe('参数量不变');
  });

  it("uses the grader's own follow-up question when it has one", () => {
    const g = grade(5, [point('感受野变大', 'covered', 0.5, '感受野'), point('参数量不变', 'missed', 0.5)], { followUp: '那参数量会变吗？' });
    expect(planFollowUp(g, glossary)).toEqual({ text: '那参数量会变吗？', target: '参数量不变' });
  });

  it('records the point a follow-up from the grader quotes, even when it is not the heaviest one', () => {
    const g = grade(4, [point('感受野变大', 'covered', 0.3, '感受野'), point('参数量保持不变', 'missed', 0.4), point('输出特征图的大小保持不变', 'missed', 0.3)], {
      followUp: '笔记里还提到「输出特征图的大小保持不变」，这一点你能解释一下吗？',
    });
    expect(planFollowUp(g, glossary)!.target).toBe('输出特征图的大小保持不变');
  });

  it.each([
    ['an off-topic answer', grade(0, [point('a', 'missed', 1)], { verdict: 'off_topic' })],
    ['an empty answer', grade(0, [point('a', 'missed', 1)], { verdict: 'empty' })],
    ['a question without a reference answer', grade(null, [], { verdict: 'no_reference' })],
    ['an answer good enough to schedule as Easy', grade(9, [point('a', 'covered', 0.9, 'a'), point('b', 'missed', 0.1)], { verdict: 'excellent' })],
    ['an answer that covered nothing', grade(1, [point('a', 'missed', 0.5), point('b', 'missed', 0.5)], { verdict: 'weak' })],
    ['an answer that missed nothing', grade(8, [point('a', 'covered', 1, 'a')], { verdict: 'good' })],
  ])('asks nothing after %s', (_name, g) => {
    expect(planFollowUp(g, glossary)).toBeNull();
  });
});
