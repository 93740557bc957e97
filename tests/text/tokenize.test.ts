import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../server/text/normalize.js';
import { tokenize } from '../../server/text/tokenize.js';

describe('normalizeText', () => {
  it('folds full-width characters, case and version spellings', () => {
    expect(normalizeText('ＹＯＬＯ v3 与 YOLO-V4')).toBe('yolov3 与 yolov4');
  });
});

describe('tokenize', () => {
  it('segments Chinese with jieba and drops function words', () => {
    const tokens = tokenize('卷积神经网络中空洞卷积的作用是什么');
    expect(tokens).toEqual(expect.arrayContaining(['卷积', '神经网络', '作用']));
    expect(tokens).not.toContain('的');
  });

  it('makes max pooling, max-pooling and maxpooling meet', () => {
    for (const q of ['max pooling', 'max-pooling', 'MaxPooling']) expect(tokenize(q)).toContain(tokenize('maxpooling')[0]);
  });

  it('makes pre-trained and pretrained, fine-tune and finetuning meet', () => {
    expect(tokenize('pre-trained')).toContain(tokenize('pretrained')[0]);
    expect(tokenize('fine-tune')).toContain(tokenize('finetuning')[0]);
  });

  it('folds English inflection: regularizing and regularization share a token', () => {
    expect(tokenize('regularizing')).toEqual(tokenize('regularization'));
    expect(tokenize('normalizes')).toEqual(tokenize('normalization'));
  });

  it('judges stopwords on the written word, so does and was are still dropped', () => {
    expect(tokenize('what does it do and what was it')).toEqual([]);
  });

  it('folds English plurals', () => {
    expect(tokenize('layers losses')).toEqual(expect.arrayContaining(['layer', 'loss']));
  });
});
