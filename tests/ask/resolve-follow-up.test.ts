import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFollowUp } from '../../server/ask/resolve-follow-up.js';
import type { Glossary } from '../../server/glossary/glossary.js';
import { loadGlossary } from '../../server/glossary/load-glossary.js';
import { addWords } from '../../server/text/tokenize.js';

let glossary: Glossary;

beforeAll(async () => {
  glossary = await loadGlossary('corpus/glossary.yaml');
  // As the server does: glossary terms stay whole words for jieba.
  addWords(glossary.sets.flatMap((s) => s.terms));
});

const turns = (...questions: string[]) => questions.map((question) => ({ question }));

describe('resolveFollowUp', () => {
  it('leaves a question unchanged when there is no history', () => {
    expect(resolveFollowUp('那它和普通卷积比呢？', [], glossary)).toEqual({ query: '那它和普通卷积比呢？', followUp: false, topic: null });
  });

  it('leaves a standalone question with its own topic unchanged', () => {
    const resolved = resolveFollowUp('dropout的缺点是什么', turns('1*1卷积的作用'), glossary);
    expect(resolved.followUp).toBe(false);
    expect(resolved.query).toBe('dropout的缺点是什么');
  });

  it('puts the previous topic in place of 它', () => {
    const resolved = resolveFollowUp('那它和普通卷积比呢？', turns('1*1卷积的作用'), glossary);
    expect(resolved.followUp).toBe(true);
    expect(resolved.topic).toBe('1*1卷积');
    expect(resolved.query).toBe('那1*1卷积和普通卷积比呢？');
  });

  it('keeps the topic through a chain of follow-ups', () => {
    const resolved = resolveFollowUp('它有什么缺点？', turns('1*1卷积的作用', '那它和普通卷积比呢？'), glossary);
    expect(resolved.query).toBe('1*1卷积有什么缺点？');
  });

  it('prefixes the topic to a short question that has none of its own', () => {
    const resolved = resolveFollowUp('缺点呢？', turns('介绍一下dropout'), glossary);
    expect(resolved.followUp).toBe(true);
    expect(resolved.query).toBe('dropout 缺点呢？');
  });

  it('resolves an English follow-up from an English thread', () => {
    const resolved = resolveFollowUp('what about its drawbacks?', turns('what is batch normalization'), glossary);
    expect(resolved.followUp).toBe(true);
    expect(resolved.query).toContain('batch normalization');
  });

  it('carries the earlier intent to an elliptical question about a new topic', () => {
    const resolved = resolveFollowUp('那空洞卷积呢？', turns('1*1卷积的作用'), glossary);
    expect(resolved.followUp).toBe(true);
    expect(resolved.query).toContain('空洞卷积');
    expect(resolved.query).toContain('作用');
    expect(resolved.query).not.toContain('1*1');
  });

  it('does not read 其他 as a pronoun pointing back', () => {
    const resolved = resolveFollowUp('池化层还有其他作用吗', turns('1*1卷积的作用'), glossary);
    expect(resolved.followUp).toBe(false);
  });
});
