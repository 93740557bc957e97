import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { startInterview, transition, type PlannedQuestion } from '../../server/interview/interview-machine.js';
import { FsrsReviewScheduler } from '../../server/interview/review-scheduler.js';
import type { SessionRecord } from '../../server/store/session-store.js';
import { SqliteSessionStore } from '../../server/store/sqlite-session-store.js';
import { FakeGrader, GOOD_ANSWER, WEAK_ANSWER } from '../interview/fake-grader.js';

const T0 = '2025-03-01T09:00:00.000Z';
const T1 = '2025-03-01T09:01:00.000Z';
const plan: PlannedQuestion[] = ['q_a', 'q_b'].map((id, i) => ({ questionId: id, number: i + 1, heading: `${i + 1}. 问题${i}`, title: `问题${i}`, topics: ['cnn'], hasReference: true }));
const grader = new FakeGrader();
const scheduler = new FsrsReviewScheduler();

const stores: SqliteSessionStore[] = [];
function openStore(file = path.join(mkdtempSync(path.join(tmpdir(), 'tutor-store-')), 'tutor.db')) {
  const store = SqliteSessionStore.open(file);
  stores.push(store);
  return { store, file };
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function newSession(store: SqliteSessionStore, id = 's1'): SessionRecord {
  const { state } = startInterview(plan, { at: T0, followUps: true });
  const session: SessionRecord = { id, createdAt: T0, updatedAt: T0, finishedAt: null, status: 'active', strategy: 'sequential', count: 2, topics: [], includeUnanswered: false, state, version: 1 };
  store.createSession(session);
  return session;
}

async function answerStep(session: SessionRecord, answer: string) {
  const grade = await grader.grade({ questionId: session.state.current!.questionId, answer });
  return transition(session.state, { type: 'answer', at: T1, answer, grade, followUp: { text: '那边界呢？', target: '保持信息边界，边缘像素也能被多次卷积' } });
}

describe('SqliteSessionStore', () => {
  it('keeps a session, its answers and its review card after the file is closed and reopened', async () => {
    const { store, file } = openStore();
    const session = newSession(store);
    const next = await answerStep(session, GOOD_ANSWER);
    const attempt = next.effects.find((e) => e.type === 'record_attempt')!.attempt;
    store.commit({ sessionId: 's1', expectedVersion: 1, state: next.state, at: T1, attempt, review: { questionId: 'q_a', score: 10, schedule: (card) => scheduler.review('q_a', card, 10, new Date(T1)) } });
    store.close();

    const { store: reopened } = openStore(file);
    const saved = reopened.getSession('s1')!;
    expect(saved.version).toBe(2);
    expect(saved.state).toEqual(next.state);
    const [stored] = reopened.listAttempts('s1');
    expect(stored).toMatchObject({ sessionId: 's1', position: 0, kind: 'main', answer: GOOD_ANSWER, skipped: false, parentId: null });
    expect(stored!.grade!.score).toBe(10);
    expect(reopened.getCard('q_a')).toMatchObject({ questionId: 'q_a', reps: 1, state: 'review' });
    expect(reopened.listReviewLogs('q_a')).toEqual([expect.objectContaining({ attemptId: stored!.id, score: 10, rating: 'easy' })]);
  });

  it('refuses a second answer for the same question slot and leaves the stored history unchanged', async () => {
    const { store } = openStore();
    const session = newSession(store);
    const first = await answerStep(session, WEAK_ANSWER);
    const attempt = first.effects.find((e) => e.type === 'record_attempt')!.attempt;
    store.commit({ sessionId: 's1', expectedVersion: 1, state: first.state, at: T1, attempt });

    // The version is current, so only the UNIQUE (session, position, kind) constraint can stop this one.
    const error = (() => {
      try {
        store.commit({ sessionId: 's1', expectedVersion: 2, state: { ...first.state, status: 'finished' }, at: T1, attempt: { ...attempt, answer: 'again' } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict:already_answered');
    expect(store.listAttempts('s1').map((a) => a.answer)).toEqual([WEAK_ANSWER]);
    expect(store.getSession('s1')!).toMatchObject({ version: 2, status: 'active' });
  });

  it('refuses a change computed from a version that is no longer current', async () => {
    const { store } = openStore();
    const session = newSession(store);
    const step = await answerStep(session, WEAK_ANSWER);
    const attempt = step.effects.find((e) => e.type === 'record_attempt')!.attempt;
    store.commit({ sessionId: 's1', expectedVersion: 1, state: step.state, at: T1, attempt });
    expect(() => store.commit({ sessionId: 's1', expectedVersion: 1, state: step.state, at: T1, attempt: { ...attempt, position: 1 } })).toThrow(
      expect.objectContaining({ code: 'conflict:session_changed' }),
    );
    expect(store.listAttempts('s1')).toHaveLength(1);
  });

  it('says not found when committing to a session that does not exist', () => {
    const { store } = openStore();
    const { state } = startInterview(plan, { at: T0, followUps: true });
    expect(() => store.commit({ sessionId: 'nope', expectedVersion: 1, state, at: T1 })).toThrow(expect.objectContaining({ code: 'not_found:session' }));
  });

  it('links a follow-up answer to the main answer it follows', async () => {
    const { store } = openStore();
    const session = newSession(store);
    const main = await answerStep(session, WEAK_ANSWER);
    store.commit({ sessionId: 's1', expectedVersion: 1, state: main.state, at: T1, attempt: main.effects.find((e) => e.type === 'record_attempt')!.attempt });
    expect(main.state.current!.kind).toBe('follow_up');
    const grade = await grader.grade({ questionId: 'q_a', answer: '边界像素会被多次计算' });
    const follow = transition(main.state, { type: 'answer', at: T1, answer: '边界像素会被多次计算', grade });
    store.commit({ sessionId: 's1', expectedVersion: 2, state: follow.state, at: T1, attempt: follow.effects.find((e) => e.type === 'record_attempt')!.attempt });
    const [parent, child] = store.listAttempts('s1');
    expect(child).toMatchObject({ kind: 'follow_up', parentId: parent!.id, target: '保持信息边界，边缘像素也能被多次卷积' });
  });

  it('writes nothing when scheduling the review fails inside the transaction', async () => {
    const { store } = openStore();
    const session = newSession(store);
    const step = await answerStep(session, GOOD_ANSWER);
    const attempt = step.effects.find((e) => e.type === 'record_attempt')!.attempt;
    const failing = () => {
      throw new Error('scheduler broke');
    };
    expect(() => store.commit({ sessionId: 's1', expectedVersion: 1, state: step.state, at: T1, attempt, review: { questionId: 'q_a', score: 10, schedule: failing } })).toThrow('scheduler broke');
    expect(store.listAttempts('s1')).toEqual([]);
    expect(store.getSession('s1')!.version).toBe(1);
    expect(store.getCard('q_a')).toBeNull();
  });

  it('reschedules a card from its stored value, so two sessions reviewing one question both count', async () => {
    const { store } = openStore();
    for (const id of ['s1', 's2']) {
      const session = newSession(store, id);
      const step = await answerStep(session, GOOD_ANSWER);
      const attempt = step.effects.find((e) => e.type === 'record_attempt')!.attempt;
      store.commit({ sessionId: id, expectedVersion: 1, state: step.state, at: T1, attempt, review: { questionId: 'q_a', score: 10, schedule: (card) => scheduler.review('q_a', card, 10, new Date(T1)) } });
    }
    expect(store.getCard('q_a')!.reps).toBe(2);
    expect(store.listReviewLogs('q_a')).toHaveLength(2);
    expect(store.listSessions().map((s) => s.id)).toEqual(['s2', 's1']);
  });
});
