import { describe, expect, it } from 'vitest';
import { expectAnswer, startInterview, transition, type InterviewState, type PlannedQuestion } from '../../server/interview/interview-machine.js';
import { FakeGrader, GOOD_ANSWER, OFF_TOPIC_ANSWER, WEAK_ANSWER } from './fake-grader.js';

const plan: PlannedQuestion[] = ['q_a', 'q_b', 'q_c'].map((id, i) => ({ questionId: id, number: i + 1, heading: `${i + 1}. 题目${i}`, title: `题目${i}`, topics: ['cnn'], hasReference: true }));
const grader = new FakeGrader();
const FOLLOW_UP = { text: '你提到了尺寸，那边界呢？', target: '保持信息边界，边缘像素也能被多次卷积' };
const at = (seconds: number) => new Date(Date.UTC(2025, 2, 1, 9, 0, seconds)).toISOString();

const start = (followUps = true) => startInterview(plan, { at: at(0), followUps }).state;
async function answer(state: InterviewState, text: string, seconds: number, followUp: typeof FOLLOW_UP | null = FOLLOW_UP, durationMs?: number) {
  const grade = await grader.grade({ questionId: state.current!.questionId, answer: text });
  return transition(state, { type: 'answer', at: at(seconds), answer: text, grade, followUp, ...(durationMs !== undefined ? { durationMs } : {}) });
}

describe('the interview state machine', () => {
  it('asks the first planned question when started', () => {
    const { state, effects } = startInterview(plan, { at: at(0), followUps: true });
    expect(state.status).toBe('active');
    expect(state.current).toEqual({ position: 0, kind: 'main', questionId: 'q_a', text: '题目0', askedAt: at(0) });
    expect(effects).toEqual([{ type: 'ask', prompt: state.current }]);
  });

  it('refuses to start with no questions', () => {
    expect(() => startInterview([], { at: at(0), followUps: true })).toThrow(expect.objectContaining({ code: 'unprocessable:session_empty' }));
  });

  it('records a main answer, reviews its card and asks the planned follow-up on the same question', async () => {
    const { state, effects } = await answer(start(), WEAK_ANSWER, 30);
    expect(effects.map((e) => e.type)).toEqual(['record_attempt', 'review_card', 'ask']);
    expect(effects[1]).toEqual({ type: 'review_card', questionId: 'q_a', score: 5 });
    expect(state.current).toMatchObject({ position: 0, kind: 'follow_up', questionId: 'q_a', text: FOLLOW_UP.text, target: FOLLOW_UP.target, askedAt: at(30) });
  });

  it('moves on after the follow-up without another follow-up or a second card review', async () => {
    const afterMain = (await answer(start(), WEAK_ANSWER, 30)).state;
    const { state, effects } = await answer(afterMain, '边界的像素也会被多算几次', 50);
    expect(effects.map((e) => e.type)).toEqual(['record_attempt', 'ask']);
    expect(effects[0]).toMatchObject({ type: 'record_attempt', attempt: { kind: 'follow_up', position: 0, target: FOLLOW_UP.target, durationMs: 20_000 } });
    expect(state.current).toMatchObject({ position: 1, kind: 'main', questionId: 'q_b' });
  });

  it('moves straight on when no follow-up is planned or follow-ups are turned off', async () => {
    expect((await answer(start(), GOOD_ANSWER, 10, null)).state.current).toMatchObject({ position: 1, kind: 'main' });
    expect((await answer(start(false), WEAK_ANSWER, 10)).state.current).toMatchObject({ position: 1, kind: 'main' });
  });

  it('does not review a card for an answer without a score', async () => {
    const noReference = new FakeGrader({ noReference: new Set(['q_a']) });
    const grade = await noReference.grade({ questionId: 'q_a', answer: GOOD_ANSWER });
    const { effects } = transition(start(), { type: 'answer', at: at(5), answer: GOOD_ANSWER, grade, followUp: null });
    expect(effects.map((e) => e.type)).toEqual(['record_attempt', 'ask']);
  });

  it('uses the client-measured time when sent, else the time since the prompt was put', async () => {
    const measured = await answer(start(), GOOD_ANSWER, 40, null, 12_345);
    expect(measured.effects[0]).toMatchObject({ attempt: { durationMs: 12_345 } });
    const server = await answer(start(), GOOD_ANSWER, 40, null);
    expect(server.effects[0]).toMatchObject({ attempt: { durationMs: 40_000, metrics: { durationMs: 40_000 } } });
  });

  it('records a skip without a grade and asks the next question', () => {
    const { state, effects } = transition(start(), { type: 'skip', at: at(3) });
    expect(effects[0]).toMatchObject({ type: 'record_attempt', attempt: { position: 0, kind: 'main', skipped: true, answer: null, grade: null } });
    expect(effects.some((e) => e.type === 'review_card')).toBe(false);
    expect(state.current).toMatchObject({ position: 1 });
  });

  it('skipping a follow-up moves to the next question', async () => {
    const afterMain = (await answer(start(), WEAK_ANSWER, 30)).state;
    const { state, effects } = transition(afterMain, { type: 'skip', at: at(35) });
    expect(effects[0]).toMatchObject({ attempt: { kind: 'follow_up', skipped: true } });
    expect(state.current).toMatchObject({ position: 1, kind: 'main' });
  });

  it('completes after the last question', async () => {
    let state = start();
    state = (await answer(state, GOOD_ANSWER, 10, null)).state;
    state = transition(state, { type: 'skip', at: at(20) }).state;
    const last = await answer(state, OFF_TOPIC_ANSWER, 30, null);
    expect(last.state).toMatchObject({ status: 'finished', current: null, endReason: 'completed' });
    expect(last.effects.at(-1)).toEqual({ type: 'complete', reason: 'completed' });
  });

  it('finishes early, then refuses answers, skips and a second finish with a conflict', () => {
    const { state, effects } = transition(start(), { type: 'finish', at: at(5) });
    expect(state).toMatchObject({ status: 'finished', current: null, endReason: 'finished_early' });
    expect(effects).toEqual([{ type: 'complete', reason: 'finished_early' }]);
    expect(() => expectAnswer(state)).toThrow(expect.objectContaining({ code: 'conflict:session_finished', status: 409 }));
    expect(() => transition(state, { type: 'skip', at: at(6) })).toThrow(expect.objectContaining({ code: 'conflict:session_finished' }));
    expect(() => transition(state, { type: 'finish', at: at(6) })).toThrow(expect.objectContaining({ code: 'conflict:session_finished' }));
  });

  it('refuses answers while paused and leaves the pause out of the answer time', async () => {
    const paused = transition(start(), { type: 'pause', at: at(10) }).state;
    expect(paused.status).toBe('paused');
    expect(() => expectAnswer(paused)).toThrow(expect.objectContaining({ code: 'conflict:session_paused' }));
    const resumed = transition(paused, { type: 'resume', at: at(50) }).state;
    expect(resumed).toMatchObject({ status: 'active', current: { askedAt: at(40) } });
    expect(resumed).not.toHaveProperty('pausedAt');
    const { effects } = await answer(resumed, GOOD_ANSWER, 55, null);
    // 10 s before the pause + 5 s after it.
    expect(effects[0]).toMatchObject({ attempt: { durationMs: 15_000 } });
  });

  it('treats pausing a paused session and resuming an active one as no change', () => {
    const active = start();
    expect(transition(active, { type: 'resume', at: at(1) }).state).toBe(active);
    const paused = transition(active, { type: 'pause', at: at(1) }).state;
    expect(transition(paused, { type: 'pause', at: at(2) }).state).toBe(paused);
  });

  it('can finish a paused session', () => {
    const paused = transition(start(), { type: 'pause', at: at(1) }).state;
    const { state } = transition(paused, { type: 'finish', at: at(2) });
    expect(state).toMatchObject({ status: 'finished', endReason: 'finished_early' });
    expect(state).not.toHaveProperty('pausedAt');
  });
});
