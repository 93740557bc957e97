import { describe, expect, it } from 'vitest';
import { FsrsReviewScheduler, scoreToRating, type StoredCard } from '../../server/interview/review-scheduler.js';

const DAY = 86_400_000;
const T0 = new Date('2025-03-01T09:00:00.000Z');
const scheduler = new FsrsReviewScheduler();
const daysUntil = (card: StoredCard, from: Date) => Math.round((Date.parse(card.due) - from.getTime()) / DAY);

describe('scoreToRating', () => {
  it.each([
    [0, 'again'],
    [3.9, 'again'],
    [4, 'hard'],
    [5.9, 'hard'],
    [6, 'good'],
    [8.4, 'good'],
    [8.5, 'easy'],
    [10, 'easy'],
  ] as const)('maps %s to %s', (score, rating) => {
    expect(scoreToRating(score)).toBe(rating);
  });
});

describe('FsrsReviewScheduler', () => {
  it('schedules a first answer further out the better it was graded', () => {
    const wait = [1, 5, 7, 10].map((score) => Date.parse(scheduler.review('q', null, score, T0).card.due) - T0.getTime());
    expect(wait[0]).toBe(DAY);
    expect(wait).toEqual([...wait].sort((a, b) => a - b));
    expect(new Set(wait).size).toBe(4);
  });

  it('pushes the due date further out after each good answer given on time', () => {
    let card: StoredCard | null = null;
    let at = T0;
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      card = scheduler.review('q', card, 7, at).card;
      intervals.push(daysUntil(card, at));
      at = new Date(card.due);
    }
    expect(intervals).toEqual([...intervals].sort((a, b) => a - b));
    expect(intervals.at(-1)!).toBeGreaterThan(intervals[0]! * 4);
    expect(card).toMatchObject({ reps: 4, lapses: 0, state: 'review' });
  });

  it('brings a forgotten question back the next day and counts the lapse', () => {
    const learned = scheduler.review('q', scheduler.review('q', null, 9, T0).card, 9, new Date(T0.getTime() + 8 * DAY)).card;
    const reviewAt = new Date(learned.due);
    const { card, rating } = scheduler.review('q', learned, 2, reviewAt);
    expect(rating).toBe('again');
    expect(card.lapses).toBe(1);
    expect(daysUntil(card, reviewAt)).toBeLessThanOrEqual(1);
    expect(Date.parse(card.due)).toBeLessThan(Date.parse(learned.due) + 30 * DAY);
  });

  it('keeps the stored card self-contained: dates round-trip through JSON', () => {
    const { card } = scheduler.review('q', null, 7, T0);
    const again = scheduler.review('q', JSON.parse(JSON.stringify(card)) as StoredCard, 7, new Date(card.due));
    expect(again.card.reps).toBe(2);
    expect(again.card.lastReview).toBe(card.due);
  });
});
