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
  ],
  intents: { advantage: ['优点', 'advantage', 'pros'], disadvantage: ['缺点', 'drawback', 'disadvantage'] },
});

describe('Glossary', () => {
  it('finds Chinese and English terms, longest first', () => {
    const found = small.find('Dilated Convolution 和 扩张卷积 的缺点');
    expect(found.map((m) => m.set.terms[0])).toEqual(['空洞卷积', '空洞卷积', '缺点']);
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

  it('treats a missing file as an empty glossary', async () => {
    expect((await loadGlossary('/nonexistent/glossary.yaml')).sets).toHaveLength(0);
  });

  it('names the problem in a malformed file', () => {
    expect(() => parseGlossary('terms: [[a, b]\n', 'g.yaml')).toThrow(/g\.yaml is not valid YAML/);
    expect(() => parseGlossary('terms: {a: 1}\n', 'g.yaml')).toThrow(/terms/);
  });
});
