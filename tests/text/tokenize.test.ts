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
    for (const q of ['max pooling', 'max-pooling', 'MaxPooling']) expect(tokenize(q)).toContain('maxpooling');
  });

  it('folds English plurals', () => {
    expect(tokenize('layers losses')).toEqual(expect.arrayContaining(['layer', 'loss']));
  });
});
