import { describe, expect, it } from 'vitest';
import { MIN_SPECIFICITY, wordSpecificity } from '../../server/text/word-specificity.js';

describe('wordSpecificity', () => {
  it('rates everyday Chinese words low and field terms or unknown words fully', () => {
    expect(wordSpecificity('理解')).toBe(MIN_SPECIFICITY);
    expect(wordSpecificity('卷积')).toBe(1);
    expect(wordSpecificity('感受野')).toBe(1);
    expect(wordSpecificity('一步步')).toBeGreaterThan(wordSpecificity('理解'));
    expect(wordSpecificity('一步步')).toBeLessThan(1);
  });

  it('rates common English words by frequency tier and jargon fully', () => {
    expect(wordSpecificity('work')).toBe(MIN_SPECIFICITY);
    expect(wordSpecificity('kubernetes')).toBe(1);
    expect(wordSpecificity('softmax')).toBe(1);
    expect(wordSpecificity('pooling')).toBeGreaterThan(MIN_SPECIFICITY);
  });
});
