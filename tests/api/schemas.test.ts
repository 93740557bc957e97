import { describe, expect, it } from 'vitest';
import { answerRequest, askRequest, gradeRequest, isBlank, nonEmptyText, searchRequest } from '../../server/api/schemas.js';

describe('the one emptiness rule of the API', () => {
  it.each([
    ['nothing', ''],
    ['whitespace', ' \t\n\u3000'],
    ['zero-width spaces', '\u200b\u200b'],
    ['a zero-width non-joiner and joiner', '\u200c\u200d'],
    ['a word joiner', '\u2060'],
    ['a byte-order mark', '\ufeff'],
    ['a soft hyphen', '\u00ad'],
    ['all of them between spaces', ' \u200b \u200c\u200d\u2060\ufeff\u00ad\n'],
  ])('counts %s as blank', (_name, text) => {
    expect(isBlank(text)).toBe(true);
    expect(nonEmptyText(100, 'answer').safeParse(text).error?.issues[0]?.message).toBe('answer is empty');
  });

  it('keeps text that has a visible character among invisible ones, unchanged', () => {
    expect(isBlank('\u200b池化\u200b')).toBe(false);
    expect(nonEmptyText(100, 'query').parse('\u200b池化\u200b')).toBe('\u200b池化\u200b');
  });

  // Bug: zero-width-only text passed the schemas and reached search, ask and the interview.
  it('is what the search, ask, answer and grade schemas apply', () => {
    const zw = '\u200b\u200b';
    expect(searchRequest.safeParse({ query: zw }).success).toBe(false);
    expect(askRequest.safeParse({ question: zw }).success).toBe(false);
    expect(answerRequest.safeParse({ answer: zw }).success).toBe(false);
    expect(gradeRequest.safeParse({ question: zw, answer: '降维' }).success).toBe(false);
    // A grade answer may be empty on purpose: it is graded as such (verdict "empty").
    expect(gradeRequest.safeParse({ questionId: 'q_1', answer: zw }).success).toBe(true);
  });
});
