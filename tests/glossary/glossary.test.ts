import { describe, expect, it } from 'vitest';
import { Glossary } from '../../server/glossary/glossary.js';
import { loadGlossary, parseGlossary } from '../../server/glossary/load-glossary.js';

const small = new Glossary({
  terms: [
    ['空洞卷积', '扩张卷积', 'dilated convolution', 'atrous convolution'],
    ['批量归一化', 'BN', 'batch normalization'],
    ['卷积神经网络', 'CNN'],
    ['梯度爆炸', 'exploding gradient'],
    ['dropout', '随机失活'],
    ['选择性搜索', 'selective search', 'SS'],
    ['批次', 'batch'],
    ['池化', 'pooling'],
    ['控制门', 'control gate'],
    ['时间步长', 'time step'],
  ],
  intents: { advantage: ['优点', 'advantage', 'pros'], disadvantage: ['缺点', 'drawback', 'disadvantage'] },
});

describe('Glossary', () => {
  it('finds Chinese and English terms, longest first', () => {
    const found = small.find('Dilated Convolution 和 扩张卷积 的缺点');
    expect(found.map((m) => m.set.terms[0])).toEqual(['空洞卷积', '空洞卷积', '缺点']);
  });

  it('matches the plural of an English term, but not of a one- or two-letter abbreviation', () => {
    expect(small.find('dilated convolutions help').map((m) => m.set.terms[0])).toEqual(['空洞卷积']);
    expect(small.find('cnns')).toHaveLength(1);
    expect(small.find('bns')).toHaveLength(0);
  });

  it('matches English abbreviations only as whole words', () => {
    expect(small.find('CNN 里的 BN')).toHaveLength(2);
    expect(small.find('abnormal')).toHaveLength(0);
  });

  it('tells intents apart, including "disadvantage" which contains "advantage"', () => {
    expect([...small.intents('the disadvantage of BN')]).toEqual(['disadvantage']);
    expect([...small.intents('advantages? pros of BN')]).toEqual(['advantage']);
  });

  it('corrects a one-character Chinese typo and a small English one', () => {
    expect(small.correct('梯度爆诈怎么判断')).toBe('梯度爆炸怎么判断');
    expect(small.correct('dropuot 原理')).toBe('dropout 原理');
    expect(small.correct('批量归一化原理')).toBe('批量归一化原理');
  });

  it('corrects slips inside a multi-word English term, word by word', () => {
    expect(small.correct('selctive serch 算法步骤')).toBe('selective search 算法步骤');
    expect(small.correct('dilated convolutoin')).toBe('dilated convolution');
    expect(small.correct('poling 层')).toBe('pooling 层');
  });

  // QA: "dialted convolution" was not corrected: the correctly spelt "convolution", an exact term on its own,
  // kept the phrase from being read as a slip of "dilated convolution".
  it('corrects a slip in any word of a multi-word term, even beside a correctly spelt term', () => {
    const glossary = new Glossary({ terms: [['空洞卷积', 'dilated convolution'], ['卷积', 'convolution', 'conv'], ['转置卷积', 'transposed conv']], intents: {} });
    expect(glossary.correct('dialted convolution 的作用')).toBe('dilated convolution 的作用');
    expect(glossary.correct('dilted convolution')).toBe('dilated convolution');
    expect(glossary.correct('dilatd convolution')).toBe('dilated convolution');
    expect(glossary.correct('dialted convolutions')).toBe('dilated convolution');
    expect(glossary.correct('trasnposed conv')).toBe('transposed conv');
    expect(glossary.findWithTypos('dialted convolution').map((m) => [m.set.terms[0], m.fuzzy])).toEqual([['空洞卷积', true]]);
  });

  it('never changes a correctly spelt term to make a phrase of it', () => {
    const glossary = new Glossary({ terms: [['ReLU'], ['GELU'], ['GELU 层', 'gelu layer']], intents: {} });
    expect(glossary.correct('relu layer')).toBe('relu layer');
  });

  it('counts a swapped pair of letters as one edit', () => {
    expect(small.correct('bacth 太大')).toBe('batch 太大');
  });

  it('leaves real English words alone even when they are one edit from a term', () => {
    expect(small.correct('patch embedding')).toBe('patch embedding');
  });

  it('does not read a Chinese window that cuts through everyday words as a typo', () => {
    // 控制什 (of 控制什么) is one character from 控制门; 时候步长 (时候 + 步长) one from 时间步长.
    expect(small.correct('更新门分别控制什么')).toBe('更新门分别控制什么');
    expect(small.correct('的时候步长取多少')).toBe('的时候步长取多少');
  });

  it('lists synonyms of a term, or the term itself when unknown', () => {
    expect(small.synonyms('扩张卷积')).toContain('空洞卷积');
    expect(small.synonyms('transformer')).toEqual(['transformer']);
  });
});

describe('loading the glossary file', () => {
  it('loads the bundled glossary with a few hundred bilingual sets and the intent groups', async () => {
    const glossary = await loadGlossary('corpus/glossary.yaml');
    expect(glossary.sets.filter((s) => !s.intent).length).toBeGreaterThan(300);
    expect(glossary.synonyms('扩张卷积')).toEqual(expect.arrayContaining(['空洞卷积', 'dilated convolution']));
    expect([...glossary.intents('max pooling 有什么缺点')]).toContain('disadvantage');
  });

  // QA: "池化层的作用" ranked "2. pooling层如何进行反向传播" first, over "4. pooling的作用和缺点".
  it('reads a pooling layer as pooling itself, while max and average pooling stay apart', async () => {
    const glossary = await loadGlossary('corpus/glossary.yaml');
    expect(glossary.synonyms('池化层')).toEqual(expect.arrayContaining(['池化', 'pooling', 'pooling layer']));
    expect(glossary.synonyms('最大池化')).not.toContain('池化');
    expect(glossary.synonyms('最大池化')).not.toContain('平均池化');
  });

  it('treats a missing file as an empty glossary', async () => {
    expect((await loadGlossary('/nonexistent/glossary.yaml')).sets).toHaveLength(0);
  });

  it('names the problem in a malformed file', () => {
    expect(() => parseGlossary('terms: [[a, b]\n', 'g.yaml')).toThrow(/g\.yaml is not valid YAML/);
    expect(() => parseGlossary('terms: {a: 1}\n', 'g.yaml')).toThrow(/terms/);
  });
});
