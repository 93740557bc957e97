import { describe, expect, it } from 'vitest';
import { boundWordLength, MAX_RUN } from '../../server/text/bounded-words.js';

const runs = (text: string) => text.split(/\s+/).filter(Boolean);

describe('boundWordLength', () => {
  it('leaves text whose runs are short enough untouched', () => {
    const text = '空洞卷积的作用是什么, dilated convolution 扩大感受野';
    expect(boundWordLength(text)).toBe(text);
  });

  it('cuts a long Chinese clause at word boundaries into runs no longer than the cap, losing nothing', () => {
    const clause = '空洞卷积在参数不变的情况下扩大感受野同时输出特征图的大小保持不变'.repeat(10);
    const bounded = boundWordLength(clause);
    expect(runs(bounded).every((r) => r.length <= MAX_RUN)).toBe(true);
    expect(bounded.replace(/\s+/g, '')).toBe(clause);
    // Word boundaries: no cut inside 感受野 or 特征图.
    expect(bounded).not.toMatch(/感\s|感受\s|特征\s/);
  });

  it('cuts a long run without spaces or Chinese by length', () => {
    const bounded = boundWordLength('x'.repeat(300));
    expect(runs(bounded).map((r) => r.length)).toEqual([64, 64, 64, 64, 44]);
  });
});
