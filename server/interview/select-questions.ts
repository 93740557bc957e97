// Picks the questions for a new session by strategy: due reviews, weakest first, random, or in notes order.

import type { QuestionInfo } from './question-catalog.js';
import type { QuestionMastery } from './mastery.js';
import type { StoredCard } from './review-scheduler.js';

export type Strategy = 'due' | 'weakest' | 'random' | 'sequential';

export interface SelectionInput {
  questions: readonly QuestionInfo[];
  strategy: Strategy;
  count: number;
  /** Only questions with at least one of these topics; empty or absent means all. */
  topics?: readonly string[];
  /** Questions with no reference answer are left out unless this is true. */
  includeUnanswered?: boolean;
  cards: ReadonlyMap<string, StoredCard>;
  mastery: ReadonlyMap<string, QuestionMastery>;
  now: Date;
  /** Uniform in [0, 1): injected so a random session can be replayed in tests. */
  random: () => number;
}

/**
 * Where a never-answered question ranks for the weakest strategy: unknown is treated as middling (5/10), so known
 * weak questions come first, then unseen ones, and questions already answered well come last.
 */
const UNSEEN_MASTERY = 5;

export function selectQuestions(input: SelectionInput): QuestionInfo[] {
  const wanted = new Set(input.topics ?? []);
  const pool = input.questions.filter((q) => (input.includeUnanswered || q.hasReference) && (wanted.size === 0 || q.topics.some((t) => wanted.has(t))));
  return order(pool, input).slice(0, input.count);
}

function order(pool: QuestionInfo[], input: SelectionInput): QuestionInfo[] {
  const byNotes = [...pool].sort((a, b) => a.order - b.order);
  switch (input.strategy) {
    case 'due': {
      // Due reviews (most overdue first), then questions never reviewed in notes order, then the rest by how soon
      // they fall due, so a session is still full when little is due.
      const now = input.now.toISOString();
      const due = (q: QuestionInfo) => input.cards.get(q.id)?.due;
      const overdue = byNotes.filter((q) => (due(q) ?? '\uffff') <= now).sort((a, b) => due(a)!.localeCompare(due(b)!));
      const unseen = byNotes.filter((q) => !input.cards.has(q.id));
      const later = byNotes.filter((q) => (due(q) ?? '') > now).sort((a, b) => due(a)!.localeCompare(due(b)!));
      return [...overdue, ...unseen, ...later];
    }
    case 'weakest': {
      const level = (q: QuestionInfo) => input.mastery.get(q.id)?.mastery ?? UNSEEN_MASTERY;
      return byNotes.sort((a, b) => level(a) - level(b) || a.order - b.order);
    }
    case 'random': {
      const shuffled = [...byNotes];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(input.random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      return shuffled;
    }
    case 'sequential': {
      // Continue from the first question never answered, wrapping round: a daily habit walks through the notes.
      const start = byNotes.findIndex((q) => !input.mastery.has(q.id));
      return start <= 0 ? byNotes : [...byNotes.slice(start), ...byNotes.slice(0, start)];
    }
  }
}
