import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../server/text/normalize.js';
import { tokenize } from '../../server/text/tokenize.js';

describe('normalizeText', () => {
  // QA: "空\u200b洞\u200b卷\u200b积" was judged out of scope, and a query of only U+200B counted as non-empty.
  it('drops zero-width and other invisible characters so they never split a word', () => {
    expect(normalizeText('空\u200b洞\u200c卷\u200d积')).toBe('空洞卷积');
    expect(normalizeText('\ufeffdrop\u00adout 和 batch\u2060norm')).toBe('dropout 和 batchnorm');
    expect(tokenize('空\u200b洞\u200b卷\u200b积')).toEqual(tokenize('空洞卷积'));
  });

  it('reduces a text of only invisible characters and spaces to the empty string', () => {
    expect(normalizeText('\u200b\u200c\u200d\u2060\ufeff\u00ad \u200e')).toBe('');
  });

  // QA: "max pooling 的優點" ranked another section above "3. Max Pooling 的有点".
  it('makes traditional Chinese simplified', () => {
    expect(normalizeText('Max Pooling 的優點')).toBe('max pooling 的优点');
    expect(normalizeText('池化層有什麼缺點')).toBe('池化层有什么缺点');
  });

  it('leaves simplified Chinese unchanged, words a Taiwan or Hong Kong table would rewrite included', () => {
    const simplified = '向量 序列 显著性 为什么 头发 干燥 里面 范数 乾坤';
    expect(normalizeText(simplified)).toBe(simplified);
  });
});
