import { beforeAll, describe, expect, it } from 'vitest';
import type { Glossary } from '../../server/glossary/glossary.js';
import { loadGlossary } from '../../server/glossary/load-glossary.js';
import { loadTopics, parseTopics, type TopicsFile } from '../../server/interview/load-topics.js';
import { QuestionCatalog } from '../../server/interview/question-catalog.js';
import { TopicTagger } from '../../server/interview/topic-tagger.js';
import { loadNotes } from '../../server/notes/load-notes.js';
import type { Section } from '../../server/notes/types.js';

let glossary: Glossary;
let file: TopicsFile;
let sections: Section[];

beforeAll(async () => {
  glossary = await loadGlossary('corpus/glossary.yaml');
  file = await loadTopics('corpus/topics.yaml');
  sections = (await loadNotes('corpus')).sections;
});

const own = (heading: string, answer = '') => ({ heading, title: heading, answer });

describe('TopicTagger', () => {
  it('uses the topics the overrides file pins for a heading', () => {
    const tagger = new TopicTagger(file, glossary);
    const padding = sections.find((s) => s.heading === '2. pooling层如何进行反向传播')!;
    expect(tagger.tag(padding)).toEqual({ topics: ['cnn', 'optimization'], source: 'override' });
  });

  it('tags every bundled question like its override without reading the overrides', () => {
    const automatic = new TopicTagger({ topics: file.topics, overrides: new Map() }, glossary);
    const agree = sections.filter((s) => file.overrides.get(s.heading)!.includes(automatic.tag(s).topics[0]!));
    // The overrides were written by hand; the keywords alone should find the same main topic for nearly all.
    expect(agree.length / sections.length).toBeGreaterThanOrEqual(0.95);
  });

  it("tags a user's own question through a glossary synonym that is not itself a keyword", () => {
    const tagger = new TopicTagger({ topics: file.topics, overrides: new Map() }, glossary);
    expect(file.topics.find((t) => t.id === 'regularization')!.keywords).not.toContain('暂退法');
    expect(tagger.tag(own('暂退法的原理是什么', '训练时以一定概率让神经元不工作。')).topics).toEqual(['regularization']);
  });

  it('weighs the heading over passing mentions in the answer', () => {
    const tagger = new TopicTagger({ topics: file.topics, overrides: new Map() }, glossary);
    const tag = tagger.tag(own('LSTM的遗忘门有什么用', '遗忘门决定丢弃多少细胞状态，和卷积无关，训练时也可以加dropout。'));
    expect(tag.topics[0]).toBe('rnn');
    expect(tag.topics).not.toContain('cnn');
  });

  it('matches English keywords as whole words but allows a version suffix', () => {
    const tagger = new TopicTagger({ topics: file.topics, overrides: new Map() }, glossary);
    expect(tagger.tag(own('YOLOv7 相比之前的改进')).topics).toEqual(['detection']);
    expect(tagger.tag(own('How to group users by age')).topics).toEqual(['other']);
  });

  it('tags a question that names no known concept as other', () => {
    const tagger = new TopicTagger({ topics: file.topics, overrides: new Map() }, glossary);
    expect(tagger.tag(own('你为什么想加入我们公司', '因为喜欢这里的团队。'))).toEqual({ topics: ['other'], source: 'fallback' });
  });
});

describe('parseTopics', () => {
  it('refuses overrides that name a topic the file does not define', () => {
    const yaml = 'topics:\n  cnn: { label: { zh: 卷积, en: CNN }, keywords: [卷积] }\noverrides:\n  "1. padding": [cnnn]\n';
    expect(() => parseTopics(yaml)).toThrow(/"1\. padding" → cnnn/);
  });

  it('says where a malformed entry is', () => {
    expect(() => parseTopics('topics:\n  cnn: { keywords: [卷积] }\n')).toThrow(/topics\.cnn\.label/);
  });

  it('treats a missing file as no topics, so every question is other', async () => {
    const empty = await loadTopics('corpus/no-such-topics.yaml');
    const catalog = new QuestionCatalog(sections.slice(0, 2), new TopicTagger(empty, glossary));
    expect(catalog.questions.map((q) => q.topics)).toEqual([['other'], ['other']]);
  });
});

describe('QuestionCatalog', () => {
  it('lists every bundled question with topics, in notes order, 11 of them without a reference answer', () => {
    const catalog = new QuestionCatalog(sections, new TopicTagger(file, glossary));
    expect(catalog.questions).toHaveLength(67);
    expect(catalog.questions.filter((q) => !q.hasReference)).toHaveLength(11);
    expect(catalog.questions.every((q) => q.topics.length > 0 && q.topicSource === 'override')).toBe(true);
    expect(catalog.questions.map((q) => q.order)).toEqual([...Array(67).keys()]);
  });
});
