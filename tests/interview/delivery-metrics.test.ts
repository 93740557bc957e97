import { describe, expect, it } from 'vitest';
import type { KeyPointResult } from '../../server/grading/types.js';
import { deliveryMetrics, MIN_RATE_DURATION_MS } from '../../server/interview/delivery-metrics.js';

const source = { questionId: 'q', heading: 'h', file: 'f.md', startLine: 1, endLine: 1 };
const covered = (evidence: string): KeyPointResult => ({ text: 'p', status: 'covered', weight: 0.5, evidence, source });

describe('deliveryMetrics', () => {
  it('counts Chinese filler words and English ones as whole words only', () => {
    const m = deliveryMetrics('嗯，那个，就是说池化，然后嗯。Um, like, it is likely fine', null, null);
    expect(m.fillers).toEqual({ 嗯: 2, 那个: 1, 就是: 1, 然后: 1, um: 1, like: 1 });
    expect(m.fillerCount).toBe(7);
  });

  it('measures length without whitespace and speed from the duration', () => {
    const m = deliveryMetrics('卷积 核\n共享', null, 30_000);
    expect(m.length).toBe(5);
    expect(m.charsPerMinute).toBe(10);
    expect(m.fillerRate).toBe(0);
  });

  // Bug: an answer sent milliseconds after the prompt reported 380000 字/分.
  it('gives no speaking rate for a duration under 3 seconds, which timed a click rather than an answer', () => {
    expect(MIN_RATE_DURATION_MS).toBe(3_000);
    for (const durationMs of [0, 4, 2_999]) expect(deliveryMetrics('卷积核共享参数，减少计算量', null, durationMs)).toMatchObject({ durationMs, charsPerMinute: null });
    expect(deliveryMetrics('卷积核共享参数', null, 3_000).charsPerMinute).toBe(140);
  });

  it('estimates the time to the first key point from where its evidence starts', () => {
    const answer = '嗯嗯嗯嗯嗯嗯嗯嗯嗯嗯感受野变大，参数不变';
    const m = deliveryMetrics(answer, { keyPoints: [covered('参数不变'), covered('感受野变大')] }, 20_000);
    expect(m.firstKeyPointOffset).toBe(10);
    expect(m.timeToFirstKeyPointMs).toBe(Math.round((20_000 * 10) / answer.length));
  });

  it('finds evidence the grader quoted in normalised form', () => {
    const m = deliveryMetrics('用 Max Pooling 降维', { keyPoints: [covered('max pooling')] }, 1000);
    expect(m.firstKeyPointOffset).toBe(2);
  });

  it('has no time to the first key point without a covered point or a duration', () => {
    expect(deliveryMetrics('只说了废话', { keyPoints: [{ ...covered('x'), status: 'missed' }] }, 5000).timeToFirstKeyPointMs).toBeNull();
    expect(deliveryMetrics('感受野', { keyPoints: [covered('感受野')] }, null)).toMatchObject({ firstKeyPointOffset: 0, timeToFirstKeyPointMs: null, charsPerMinute: null });
  });
});

describe('time to the first key point with clause-level evidence', () => {
  it('starts the key point after the filler words that open its clause', () => {
    const answer = '嗯，就是，padding 可以保持边界信息。';
    const m = deliveryMetrics(answer, { keyPoints: [covered('嗯，就是，padding 可以保持边界信息。')] }, 10_000);
    expect(m.firstKeyPointOffset).toBe(answer.indexOf('padding'));
  });
});
