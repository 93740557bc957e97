import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteSessionStore } from '../../server/store/sqlite-session-store.js';
import { FakeGrader, GOOD_ANSWER, OFF_TOPIC_ANSWER, WEAK_ANSWER } from './fake-grader.js';
import { DAY, FakeClock, interviewFixture } from './interview-fixture.js';

const open: SqliteSessionStore[] = [];
async function fixture(...args: Parameters<typeof interviewFixture>) {
  const f = await interviewFixture(...args);
  open.push(f.store);
  return f;
}
afterEach(() => open.splice(0).forEach((s) => s.close()));

describe('InterviewService', () => {
  it('runs a scripted session: good, weak with a follow-up, off-topic, skip, and reports it', async () => {
    const { service, clock } = await fixture(new FakeGrader());
    const session = service.start({ count: 4, strategy: 'sequential', topics: ['cnn'] });
    expect(session.current).toMatchObject({ id: '0:main', heading: '1. padding的作用', text: 'padding的作用', topics: ['cnn'] });

    clock.advance(40_000);
    const good = await service.answer(session.id, { answer: GOOD_ANSWER });
    expect(good.attempt).toMatchObject({ kind: 'main', durationMs: 40_000, grade: { score: 10 } });
    expect(good.next).toMatchObject({ type: 'question', prompt: { id: '1:main', heading: '2. pooling层如何进行反向传播' } });

    clock.advance(30_000);
    const weak = await service.answer(session.id, { answer: WEAK_ANSWER, durationMs: 25_000, promptId: '1:main' });
    expect(weak.attempt.grade!.score).toBe(5);
    expect(weak.next).toMatchObject({ type: 'follow_up', prompt: { id: '1:follow_up', kind: 'follow_up' } });
    const followUp = weak.next.type === 'follow_up' ? weak.next.prompt.text : '';
    expect(followUp).toMatch(/^你提到了.+，那.+呢？/);

    clock.advance(20_000);
    const recovered = await service.answer(session.id, { answer: '边界像素只会被卷积一次，加了padding以后边界信息保留得更好。' });
    expect(recovered.attempt).toMatchObject({ kind: 'follow_up', parentId: weak.attempt.id, target: '保持信息边界，边缘像素也能被多次卷积' });
    expect(recovered.next).toMatchObject({ type: 'question', prompt: { id: '2:main' } });

    clock.advance(15_000);
    const offTopic = await service.answer(session.id, { answer: OFF_TOPIC_ANSWER });
    expect(offTopic.attempt.grade).toMatchObject({ score: 0, verdict: 'off_topic' });
    expect(offTopic.next).toMatchObject({ type: 'question', prompt: { id: '3:main' } });

    const skipped = service.skip(session.id);
    expect(skipped.next).toEqual({ type: 'done', reportUrl: `/api/sessions/${session.id}/report.md` });
    expect(skipped.session).toMatchObject({ status: 'finished', endReason: 'completed', progress: { total: 4, answered: 3, skipped: 1 } });

    const report = service.report(session.id);
    expect(report.overall).toMatchObject({ score: 3.8, asked: 4, answered: 3, skipped: 1, followUps: 1, totalTimeMs: 40_000 + 25_000 + 20_000 + 15_000 });
    expect(report.topics).toEqual([
      { id: 'cnn', label: { zh: '卷积神经网络', en: 'CNN' }, score: 3.8, questions: 4 },
      { id: 'optimization', label: { zh: '优化与训练', en: 'Optimisation & training' }, score: 5, questions: 1 },
    ]);
    expect(report.questions[1]).toMatchObject({ score: 5, covered: ['卷积层加入padding可以使输入维度和输出维度保持一致'], followUp: { targetStatus: 'covered', score: 3 } });
    // The weak answer's recovered point is not among the weakest; the skipped question is.
    expect(report.weakest.map((w) => w.reason)).toEqual(['skipped', 'missed', 'missed']);
    expect(report.weakest.filter((w) => w.questionId === weak.attempt.questionId)).toEqual([]);
    expect(report.delivery.fillers).toMatchObject({ 嗯: 2, 就是: 1, 然后: 1 });

    const markdown = service.reportMarkdown(session.id);
    expect(markdown).toContain('# 模拟面试报告');
    expect(markdown).toContain('| 卷积神经网络 | 3.8 | 4 |');
    expect(markdown).toContain('### 1. padding的作用 — 10.0 / 10（优秀）');
    expect(markdown).toContain('### 4. pooling的作用和缺点 — 跳过');
    expect(markdown).toMatch(/- 追问：“你提到了.+” → 3\.0 \/ 10，补上了追问的要点（用时 20 秒）/);
    expect(markdown).toContain('## 优先复习的三个要点');
  });

  it('refuses an answer to a finished session and to an unknown session', async () => {
    const { service } = await fixture(new FakeGrader());
    const session = service.start({ count: 2, strategy: 'sequential' });
    service.finish(session.id);
    await expect(service.answer(session.id, { answer: GOOD_ANSWER })).rejects.toMatchObject({ code: 'conflict:session_finished' });
    await expect(service.answer('nope', { answer: GOOD_ANSWER })).rejects.toMatchObject({ code: 'not_found:session' });
    expect(service.get(session.id).attempts).toEqual([]);
  });

  it('refuses an answer naming a prompt that was already answered', async () => {
    const { service } = await fixture(new FakeGrader());
    const session = service.start({ count: 3, strategy: 'sequential', followUps: false });
    await service.answer(session.id, { answer: GOOD_ANSWER, promptId: '0:main' });
    await expect(service.answer(session.id, { answer: GOOD_ANSWER, promptId: '0:main' })).rejects.toMatchObject({ code: 'conflict:already_answered' });
    expect(service.get(session.id).attempts).toHaveLength(1);
  });

  it('stores only one of two answers sent at the same moment for the same question', async () => {
    const { service } = await fixture(new FakeGrader({ delayMs: 30 }));
    const session = service.start({ count: 3, strategy: 'sequential' });
    const results = await Promise.allSettled([service.answer(session.id, { answer: GOOD_ANSWER }), service.answer(session.id, { answer: WEAK_ANSWER })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    const { attempts, session: view } = service.get(session.id);
    expect(attempts).toHaveLength(1);
    expect(view.current!.position).toBe(1);
  });

  it('resumes a paused session where it stopped, from a new service on the same file', async () => {
    const clock = new FakeClock(Date.parse('2025-03-03T09:00:00.000Z'));
    const first = await fixture(new FakeGrader(), { clock });
    const session = first.service.start({ count: 3, strategy: 'sequential', followUps: false });
    await first.service.answer(session.id, { answer: GOOD_ANSWER });
    first.service.pause(session.id);
    await expect(first.service.answer(session.id, { answer: GOOD_ANSWER })).rejects.toMatchObject({ code: 'conflict:session_paused' });
    first.store.close();

    clock.advance(3_600_000);
    const second = await fixture(new FakeGrader(), { clock, file: first.file });
    expect(second.service.get(session.id).session).toMatchObject({ status: 'paused', current: { id: '1:main' } });
    second.service.resume(session.id);
    clock.advance(10_000);
    const step = await second.service.answer(session.id, { answer: WEAK_ANSWER });
    expect(step.attempt.durationMs).toBe(10_000);
    expect(second.service.list()[0]).toMatchObject({ id: session.id, answered: 2, status: 'active' });
  });

  it('moves review due dates as grades say and draws the next due session from them', async () => {
    const clock = new FakeClock(Date.parse('2025-03-03T09:00:00.000Z'));
    const { service, catalog } = await fixture(new FakeGrader(), { clock });
    const session = service.start({ count: 2, strategy: 'sequential', followUps: false });
    await service.answer(session.id, { answer: GOOD_ANSWER }); // 10 → easy
    await service.answer(session.id, { answer: OFF_TOPIC_ANSWER }); // 0 → again
    expect(service.due().due).toEqual([]);

    clock.advance(DAY);
    const due = service.due();
    expect(due.due.map((d) => d.heading)).toEqual(['2. pooling层如何进行反向传播']);
    expect(Date.parse(due.nextDue!)).toBeGreaterThan(clock.now().getTime() + 5 * DAY);

    const review = service.start({ count: 3, strategy: 'due', followUps: false });
    const asked = service.get(review.id).session.current!;
    expect(asked.heading).toBe('2. pooling层如何进行反向传播');
    await service.answer(review.id, { answer: GOOD_ANSWER });
    expect(service.due().due).toEqual([]);
    expect(Date.parse(service.due().nextDue!)).toBeGreaterThan(clock.now().getTime());
    expect(catalog.get(asked.questionId)!.number).toBe(2);
  });

  it('reports progress: per-topic mastery and due counts, a streak of days, and the session history', async () => {
    const clock = new FakeClock(Date.parse('2025-03-03T09:00:00.000Z'));
    const { service } = await fixture(new FakeGrader(), { clock });
    for (const answer of [WEAK_ANSWER, GOOD_ANSWER, GOOD_ANSWER]) {
      const s = service.start({ count: 1, strategy: 'sequential', topics: ['attention'], followUps: false });
      await service.answer(s.id, { answer });
      clock.advance(DAY);
    }
    const progress = service.progress();
    expect(progress.streak).toEqual({ current: 3, longest: 3, practisedToday: false, lastPractised: '2025-03-05' });
    const attention = progress.topics.find((t) => t.id === 'attention')!;
    expect(attention).toMatchObject({ attempts: 3, attempted: 3, recentScores: [5, 10, 10] });
    expect(attention.mastery).toBeCloseTo((5 + 10 + 10) / 3, 1);
    expect(progress.sessions).toHaveLength(3);
    expect(progress.sessions[0]).toMatchObject({ answered: 1, score: 10, status: 'finished' });
    expect(progress.totals).toMatchObject({ sessions: 3, answers: 3, questionsAttempted: 3 });

    clock.advance(2 * DAY);
    expect(service.progress().streak).toMatchObject({ current: 0, longest: 3 });
  });

  it('asks the weakest questions first once there is a history', async () => {
    const { service } = await fixture(new FakeGrader());
    const first = service.start({ count: 3, strategy: 'sequential', followUps: false });
    await service.answer(first.id, { answer: GOOD_ANSWER });
    await service.answer(first.id, { answer: OFF_TOPIC_ANSWER });
    await service.answer(first.id, { answer: WEAK_ANSWER });
    const weakest = service.start({ count: 1, strategy: 'weakest' });
    expect(weakest.current!.heading).toBe('2. pooling层如何进行反向传播');
  });

  it('refuses unknown topics and topics with nothing to ask', async () => {
    const { service } = await fixture(new FakeGrader());
    expect(() => service.start({ count: 2, strategy: 'due', topics: ['astrology'] })).toThrow(expect.objectContaining({ code: 'bad_request:topic' }));
    expect(() => service.start({ count: 2, strategy: 'due', topics: ['other'] })).toThrow(expect.objectContaining({ code: 'unprocessable:session_empty' }));
  });

  it('asks questions without a reference answer only when asked, and leaves them out of score and review', async () => {
    const { catalog } = await fixture(new FakeGrader());
    const unanswered = new Set(catalog.questions.filter((q) => !q.hasReference).map((q) => q.id));
    const { service } = await fixture(new FakeGrader({ noReference: unanswered }));
    expect(service.start({ count: 10, strategy: 'sequential', topics: ['regularization'] }).progress.total).toBe(4);

    // Regularisation: 14, 16, 33, 34 have answers in the notes, 41 has none.
    const session = service.start({ count: 10, strategy: 'sequential', topics: ['regularization'], includeUnanswered: true, followUps: false });
    expect(session.progress.total).toBe(5);
    let last;
    for (let i = 0; i < 5; i++) last = await service.answer(session.id, { answer: GOOD_ANSWER });
    expect(last!.attempt.grade).toMatchObject({ score: null, verdict: 'no_reference' });
    expect(service.report(session.id).overall).toMatchObject({ score: 10, answered: 5 });
    expect(service.progress().totals.questionsAttempted).toBe(4);
  });
});
