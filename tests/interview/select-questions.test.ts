import { describe, expect, it } from 'vitest';
import type { QuestionMastery } from '../../server/interview/mastery.js';
import type { QuestionInfo } from '../../server/interview/question-catalog.js';
import type { StoredCard } from '../../server/interview/review-scheduler.js';
import { selectQuestions, type SelectionInput } from '../../server/interview/select-questions.js';

const NOW = new Date('2025-03-10T09:00:00.000Z');
const q = (id: string, order: number, topics = ['cnn'], hasReference = true): QuestionInfo => ({ id, number: order + 1, heading: id, title: id, topics, topicSource: 'override', hasReference, order });
const questions = [q('a', 0), q('b', 1, ['rnn']), q('c', 2), q('d', 3, ['rnn']), q('e', 4, ['cnn'], false), q('f', 5)];
const card = (id: string, due: string): [string, StoredCard] => [id, { questionId: id, due, stability: 1, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 'review', lastReview: null }];
const seen = (id: string, mastery: number): [string, QuestionMastery] => [id, { mastery, attempts: 1, recentScores: [mastery], lastAnsweredAt: '2025-03-01T00:00:00.000Z' }];
const input = (over: Partial<SelectionInput>): SelectionInput => ({ questions, strategy: 'sequential', count: 10, cards: new Map(), mastery: new Map(), now: NOW, random: Math.random, ...over });
const ids = (over: Partial<SelectionInput>) => selectQuestions(input(over)).map((x) => x.id);

describe('selectQuestions', () => {
  it('puts due reviews first (most overdue first), then unseen questions, then the rest by due date', () => {
    const cards = new Map([card('c', '2025-03-09T00:00:00.000Z'), card('f', '2025-03-01T00:00:00.000Z'), card('a', '2025-03-20T00:00:00.000Z'), card('b', '2025-03-12T00:00:00.000Z')]);
    expect(ids({ strategy: 'due', cards })).toEqual(['f', 'c', 'd', 'b', 'a']);
    expect(ids({ strategy: 'due', cards, count: 2 })).toEqual(['f', 'c']);
  });

  it('orders the weakest first, with unseen questions between weak and strong ones', () => {
    const mastery = new Map([seen('a', 9), seen('c', 2), seen('f', 6)]);
    expect(ids({ strategy: 'weakest', mastery })).toEqual(['c', 'b', 'd', 'f', 'a']);
  });

  it('shuffles reproducibly with the injected random source', () => {
    const seeded = () => {
      let s = 42;
      return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
    };
    const first = ids({ strategy: 'random', random: seeded() });
    expect(ids({ strategy: 'random', random: seeded() })).toEqual(first);
    expect([...first].sort()).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  it('walks the notes in order from the first question never answered, wrapping round', () => {
    expect(ids({ strategy: 'sequential', mastery: new Map([seen('a', 5), seen('b', 5)]) })).toEqual(['c', 'd', 'f', 'a', 'b']);
  });

  it('keeps only the asked-for topics', () => {
    expect(ids({ topics: ['rnn'] })).toEqual(['b', 'd']);
  });

  it('skips questions without a reference answer unless asked for them', () => {
    expect(ids({})).not.toContain('e');
    expect(ids({ includeUnanswered: true })).toContain('e');
  });
});
