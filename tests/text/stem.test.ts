import { describe, expect, it } from 'vitest';
import { stemmedVariants, stemText, stemWord } from '../../server/text/stem.js';

describe('stemWord', () => {
  it('folds inflections of one word to one stem', () => {
    for (const w of ['regularizing', 'regularization', 'regularized']) expect(stemWord(w)).toBe(stemWord('regular'));
    expect(stemWord('pretrained')).toBe(stemWord('pretraining'));
    expect(stemWord('layers')).toBe('layer');
  });

  it('leaves words with digits, short words and everyday words that only look inflected alone', () => {
    for (const w of ['yolov3', 'l1', 'is', 'bias', 'this', 'was']) expect(stemWord(w)).toBe(w);
  });

  it('drops the plural s of acronyms without vowels', () => {
    expect(stemWord('cnns')).toBe('cnn');
    expect(stemWord('llms')).toBe('llm');
  });
});

describe('stemText', () => {
  it('stems English words, makes hyphens spaces and leaves Chinese alone', () => {
    expect(stemText('pre-trained models 和 池化层')).toBe('pre train model 和 池化层');
  });
});

describe('stemmedVariants', () => {
  it('also offers a multi-word phrase written as one word', () => {
    expect(stemmedVariants('pre-trained')).toEqual(['pre train', 'pretrain']);
    expect(stemmedVariants('dropout')).toEqual(['dropout']);
  });
});
