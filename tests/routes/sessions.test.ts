import { afterEach, describe, expect, it } from 'vitest';
import { sessionReportResponse, type DueResponse, type SessionDetailResponse, type SessionListResponse, type SessionReportResponse, type SessionView, type StepResponse } from '../../server/api/schemas.js';
import { FakeGrader, GOOD_ANSWER, OFF_TOPIC_ANSWER, PADDING_POINTS, WEAK_ANSWER } from '../interview/fake-grader.js';
import { api, startApp, type RunningApp } from '../interview/http-fixture.js';

const running: RunningApp[] = [];
async function start(...args: Parameters<typeof startApp>) {
  const app = await startApp(...args);
  running.push(app);
  return app;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
});

const startSession = async (url: string, body: unknown) => {
  const res = await api<{ session: SessionView }>(url, 'POST', '/api/sessions', body);
  expect(res.status).toBe(201);
  return res.body.session;
};

describe('interview sessions over HTTP', () => {
  it('runs a whole session against a SQLite file and finds all of it again after a restart', async () => {
    const first = await start(new FakeGrader());
    const session = await startSession(first.url, { count: 5, strategy: 'sequential', topics: ['cnn'] });
    expect(session).toMatchObject({ status: 'active', strategy: 'sequential', progress: { total: 5, answered: 0 }, current: { id: '0:main', heading: '1. padding的作用' } });

    const good = await api<StepResponse>(first.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: GOOD_ANSWER, durationMs: 42_000, promptId: '0:main' });
    expect(good.status).toBe(200);
    expect(good.body.attempt).toMatchObject({ kind: 'main', durationMs: 42_000, grade: { score: 10, verdict: 'excellent' }, metrics: { fillers: { 嗯: 1 } } });
    expect(good.body.next).toMatchObject({ type: 'question', prompt: { id: '1:main' } });

    const weak = await api<StepResponse>(first.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: WEAK_ANSWER, durationMs: 20_000 });
    expect(weak.body.attempt.grade!.score).toBe(5);
    expect(weak.body.next).toMatchObject({ type: 'follow_up', prompt: { id: '1:follow_up', kind: 'follow_up' } });

    const followUp = await api<StepResponse>(first.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: '还有边界信息，边缘像素会被多次卷积', durationMs: 15_000 });
    expect(followUp.body.attempt).toMatchObject({ kind: 'follow_up', parentId: weak.body.attempt.id });
    expect(followUp.body.next).toMatchObject({ type: 'question', prompt: { id: '2:main' } });

    const offTopic = await api<StepResponse>(first.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: OFF_TOPIC_ANSWER, durationMs: 9_000 });
    expect(offTopic.body.attempt.grade).toMatchObject({ score: 0, verdict: 'off_topic' });
    expect(offTopic.body.next.type).toBe('question');

    const skip = await api<StepResponse>(first.url, 'POST', `/api/sessions/${session.id}/skip`, { promptId: '3:main' });
    expect(skip.status).toBe(200);
    expect(skip.body.attempt).toMatchObject({ position: 3, skipped: true, grade: null });
    expect(skip.body.next).toMatchObject({ type: 'question', prompt: { id: '4:main' } });

    const finish = await api<{ session: SessionView }>(first.url, 'POST', `/api/sessions/${session.id}/finish`);
    expect(finish.status).toBe(200);
    expect(finish.body.session).toMatchObject({ status: 'finished', endReason: 'finished_early', current: null, progress: { total: 5, answered: 3, skipped: 1 } });
    const finishAgain = await api(first.url, 'POST', `/api/sessions/${session.id}/finish`);
    expect(finishAgain.status).toBe(409);
    const late = await api(first.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: GOOD_ANSWER });
    expect(late).toEqual({ status: 409, body: { code: 'conflict:session_finished', message: expect.any(String) } });

    const report = await fetch(`${first.url}/api/sessions/${session.id}/report.md`);
    expect(report.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const markdown = await report.text();
    expect(markdown).toContain('总分：**3.8 / 10**');
    expect(markdown).toContain('### 4. pooling的作用和缺点 — 跳过');
    expect(markdown).toContain('### 5. 卷积层和全连接层的区别 — 未作答（提前结束）');
    expect(markdown).toContain('状态：提前结束');
    const before = (await api<SessionDetailResponse>(first.url, 'GET', `/api/sessions/${session.id}`)).body;
    const dueBefore = (await api<DueResponse>(first.url, 'GET', '/api/review/due')).body;
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start(new FakeGrader(), first.dbFile);
    const after = await api<SessionDetailResponse>(second.url, 'GET', `/api/sessions/${session.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);
    expect(after.body.attempts.map((a) => [a.position, a.kind, a.skipped, a.grade?.score ?? null])).toEqual([
      [0, 'main', false, 10],
      [1, 'main', false, 5],
      [1, 'follow_up', false, 3],
      [2, 'main', false, 0],
      [3, 'main', true, null],
    ]);
    expect((await fetch(`${second.url}/api/sessions/${session.id}/report.md`).then((r) => r.text()))).toBe(markdown);
    expect((await api<DueResponse>(second.url, 'GET', '/api/review/due')).body.nextDue).toBe(dueBefore.nextDue);
    const list = await api<SessionListResponse>(second.url, 'GET', '/api/sessions');
    expect(list.body.sessions).toEqual([expect.objectContaining({ id: session.id, status: 'finished', answered: 3, skipped: 1, score: 3.8 })]);
  });

  it('serves the report as JSON: overall and per-topic scores, each question with its points and time, the weakest points', async () => {
    const app = await start(new FakeGrader());
    const session = await startSession(app.url, { count: 3, strategy: 'sequential', topics: ['cnn'] });
    const post = (route: string, body: unknown) => api<StepResponse>(app.url, 'POST', `/api/sessions/${session.id}${route}`, body);
    await post('/answers', { answer: GOOD_ANSWER, durationMs: 42_000 });
    await post('/answers', { answer: WEAK_ANSWER, durationMs: 20_000 });
    expect((await post('/answers', { answer: '还有边界信息，边缘像素会被多次卷积', durationMs: 15_000 })).body.attempt.kind).toBe('follow_up');
    expect((await post('/skip', {})).body.next.type).toBe('done');

    const res = await api<SessionReportResponse>(app.url, 'GET', `/api/sessions/${session.id}/report`);
    expect(res.status).toBe(200);
    // Parsing strips keys the schema does not know: equal afterwards means the body has exactly the schema's shape.
    expect(sessionReportResponse.parse(res.body)).toEqual(res.body);
    const report = res.body;
    expect(report).toMatchObject({ sessionId: session.id, status: 'finished', endReason: 'completed', strategy: 'sequential' });
    expect(report.overall).toEqual({ score: 5, asked: 3, answered: 2, skipped: 1, followUps: 1, totalTimeMs: 77_000 });
    expect(report.topics.find((t) => t.id === 'cnn')).toEqual({ id: 'cnn', label: { zh: '卷积神经网络', en: expect.any(String) }, score: 5, questions: 3 });
    const [padding, second, skipped] = report.questions;
    expect(padding).toMatchObject({ position: 0, outcome: 'answered', score: 10, covered: PADDING_POINTS.map((p) => p.text), partial: [], missed: [], durationMs: 42_000 });
    expect(second).toMatchObject({
      outcome: 'answered',
      score: 5,
      covered: [PADDING_POINTS[0]!.text],
      missed: [PADDING_POINTS[1]!.text, PADDING_POINTS[2]!.text],
      durationMs: 20_000,
      followUp: { target: PADDING_POINTS[1]!.text, targetStatus: 'covered', skipped: false, durationMs: 15_000 },
    });
    expect(skipped).toMatchObject({ outcome: 'skipped', score: null, covered: [], missed: [] });
    // The skipped question loses everything; the point supplied in the follow-up is no longer weak.
    expect(report.weakest).toEqual([
      { point: skipped!.heading, questionId: skipped!.questionId, heading: skipped!.heading, reason: 'skipped', loss: 1 },
      { point: PADDING_POINTS[2]!.text, questionId: second!.questionId, heading: second!.heading, reason: 'missed', loss: 0.2 },
    ]);
    const markdown = await fetch(`${app.url}/api/sessions/${session.id}/report.md`).then((r) => r.text());
    expect(markdown).toContain('总分：**5.0 / 10**');
  });

  it('answers 404 for an unknown session and 400 for a bad request, with a code and a message', async () => {
    const app = await start(new FakeGrader());
    expect(await api(app.url, 'POST', '/api/sessions/no-such-id/answers', { answer: GOOD_ANSWER })).toEqual({ status: 404, body: { code: 'not_found:session', message: 'No session with id no-such-id' } });
    expect((await api(app.url, 'GET', '/api/sessions/no-such-id/report.md')).status).toBe(404);
    expect(await api(app.url, 'GET', '/api/sessions/no-such-id/report')).toEqual({ status: 404, body: { code: 'not_found:session', message: 'No session with id no-such-id' } });
    const session = await startSession(app.url, { count: 1, strategy: 'random' });
    for (const body of [{ answer: '   ' }, { answer: 42 }, {}, { answer: 'ok', durationMs: -1 }]) {
      const res = await api<{ code: string }>(app.url, 'POST', `/api/sessions/${session.id}/answers`, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toMatch(/^bad_request/);
    }
    expect((await api(app.url, 'POST', '/api/sessions', { count: 0 })).status).toBe(400);
    expect((await api(app.url, 'POST', '/api/sessions', { strategy: 'hardest' })).status).toBe(400);
    expect((await api<{ code: string }>(app.url, 'POST', '/api/sessions', { topics: ['astrology'] })).body.code).toBe('bad_request:topic');
  });

  it('stores one of two identical answers posted at the same time and refuses the other with 409', async () => {
    const app = await start(new FakeGrader({ delayMs: 50 }));
    const session = await startSession(app.url, { count: 3, strategy: 'sequential' });
    const post = () => api(app.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: GOOD_ANSWER });
    const statuses = (await Promise.all([post(), post()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const detail = (await api<SessionDetailResponse>(app.url, 'GET', `/api/sessions/${session.id}`)).body;
    expect(detail.attempts).toHaveLength(1);
    expect(detail.session).toMatchObject({ current: { id: '1:main' }, progress: { answered: 1 } });
    expect((await api<DueResponse>(app.url, 'GET', '/api/review/due')).body.nextDue).not.toBeNull();
  });

  it('keeps concurrent answers to two sessions apart', async () => {
    const app = await start(new FakeGrader({ delayMs: 20 }));
    const [a, b] = await Promise.all([startSession(app.url, { count: 3, strategy: 'sequential', followUps: false }), startSession(app.url, { count: 3, strategy: 'sequential', followUps: false })]);
    for (let i = 0; i < 3; i++) {
      const [ra, rb] = await Promise.all([
        api<StepResponse>(app.url, 'POST', `/api/sessions/${a!.id}/answers`, { answer: GOOD_ANSWER, promptId: `${i}:main` }),
        api<StepResponse>(app.url, 'POST', `/api/sessions/${b!.id}/answers`, { answer: OFF_TOPIC_ANSWER, promptId: `${i}:main` }),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
    }
    const [da, db] = await Promise.all([a!, b!].map((s) => api<SessionDetailResponse>(app.url, 'GET', `/api/sessions/${s.id}`).then((r) => r.body)));
    expect(da!.attempts.map((x) => x.grade!.score)).toEqual([10, 10, 10]);
    expect(db!.attempts.map((x) => x.grade!.score)).toEqual([0, 0, 0]);
    expect(da!.attempts.every((x) => x.sessionId === a!.id) && db!.attempts.every((x) => x.sessionId === b!.id)).toBe(true);
    expect([da!.session.status, db!.session.status]).toEqual(['finished', 'finished']);
  });

  it('pauses and resumes a session, refusing answers while it is paused', async () => {
    const app = await start(new FakeGrader());
    const session = await startSession(app.url, { count: 2, strategy: 'sequential' });
    expect((await api<{ session: SessionView }>(app.url, 'POST', `/api/sessions/${session.id}/pause`)).body.session.status).toBe('paused');
    expect((await api<{ code: string }>(app.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: GOOD_ANSWER })).body.code).toBe('conflict:session_paused');
    expect((await api<{ session: SessionView }>(app.url, 'POST', `/api/sessions/${session.id}/resume`)).body.session).toMatchObject({ status: 'active', current: { id: '0:main' } });
    expect((await api(app.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: GOOD_ANSWER })).status).toBe(200);
    const finished = await api<{ session: SessionView }>(app.url, 'POST', `/api/sessions/${session.id}/finish`);
    expect(finished.body.session).toMatchObject({ status: 'finished', endReason: 'finished_early' });
  });

  it('grades with the real grader from the composition: a note-based answer beats a weak one, and both are kept', async () => {
    const app = await start('real');
    const session = await startSession(app.url, { count: 3, strategy: 'sequential', followUps: false });
    const strong = await api<StepResponse>(app.url, 'POST', `/api/sessions/${session.id}/answers`, {
      answer: '保持边界信息，边缘像素也能被卷积多次；对尺寸不同的输入图片进行补齐；让卷积层的输入和输出维度保持一致。',
    });
    const weak = await api<StepResponse>(app.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: OFF_TOPIC_ANSWER });
    expect([strong.status, weak.status]).toEqual([200, 200]);
    expect(strong.body.attempt.grade!.score!).toBeGreaterThan(weak.body.attempt.grade!.score!);
    expect(strong.body.attempt.grade!.keyPoints.length).toBeGreaterThan(0);
    const detail = (await api<SessionDetailResponse>(app.url, 'GET', `/api/sessions/${session.id}`)).body;
    expect(detail.attempts.map((a) => a.grade!.grader)).toEqual([strong.body.attempt.grade!.grader, weak.body.attempt.grade!.grader]);
  });
});

describe('interview sessions over HTTP: requests QA found mishandled', () => {
  // Bug: an answer of zero-width characters was stored as answered, graded 0, and rated the review card "again".
  it('refuses an answer of invisible characters only as empty, storing nothing and rating no card', async () => {
    const grader = new FakeGrader();
    const app = await start(grader);
    const session = await startSession(app.url, { count: 2, strategy: 'sequential' });
    const res = await api(app.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: '\u200b\u200b', promptId: '0:main' });
    expect(res).toEqual({ status: 400, body: { code: 'bad_request:validation', message: 'answer: answer is empty' } });
    expect(grader.calls).toHaveLength(0);
    const detail = (await api<SessionDetailResponse>(app.url, 'GET', `/api/sessions/${session.id}`)).body;
    expect(detail.attempts).toEqual([]);
    expect(detail.session).toMatchObject({ current: { id: '0:main' }, progress: { answered: 0, skipped: 0 } });
    expect((await api<DueResponse>(app.url, 'GET', '/api/review/due')).body).toMatchObject({ due: [], nextDue: null });
  });

  // Bug: "99:main" or "garbage" got 409 "Prompt … was already answered or skipped", which it never was.
  it('says a prompt id the session never had is not its current prompt, and keeps already_answered for a repeated one', async () => {
    const app = await start(new FakeGrader());
    const session = await startSession(app.url, { count: 3, strategy: 'sequential', followUps: false });
    for (const promptId of ['99:main', 'garbage', '1:main', '0:follow_up']) {
      for (const [route, body] of [['answers', { answer: GOOD_ANSWER, promptId }], ['skip', { promptId }]] as const) {
        const res = await api<{ code: string; message: string }>(app.url, 'POST', `/api/sessions/${session.id}/${route}`, body);
        expect(res.status).toBe(409);
        expect(res.body).toEqual({ code: 'conflict:not_current_prompt', message: `Prompt ${promptId} is not this session's current prompt (it never was one of its prompts); the session is at 0:main` });
      }
    }
    expect((await api(app.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: GOOD_ANSWER, promptId: '0:main' })).status).toBe(200);
    for (const [route, body] of [['answers', { answer: GOOD_ANSWER, promptId: '0:main' }], ['skip', { promptId: '0:main' }]] as const) {
      const again = await api<{ code: string; message: string }>(app.url, 'POST', `/api/sessions/${session.id}/${route}`, body);
      expect(again).toEqual({ status: 409, body: { code: 'conflict:already_answered', message: 'Prompt 0:main was already answered or skipped; the session is now at 1:main' } });
    }
    expect((await api<SessionDetailResponse>(app.url, 'GET', `/api/sessions/${session.id}`)).body.attempts).toHaveLength(1);
  });

  // Bug: {"topics":["cnn","cnn"]} was stored with the duplicate, and count said 50 when 4 questions matched.
  it('stores a topic named twice once, and counts the questions the session will really ask', async () => {
    const first = await start(new FakeGrader());
    const session = await startSession(first.url, { count: 50, strategy: 'sequential', topics: ['regularization', 'regularization'] });
    expect(session).toMatchObject({ topics: ['regularization'], count: 4, progress: { total: 4 } });
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start(new FakeGrader(), first.dbFile);
    const stored = (await api<SessionDetailResponse>(second.url, 'GET', `/api/sessions/${session.id}`)).body.session;
    expect(stored).toMatchObject({ topics: ['regularization'], count: 4 });
    const listed = (await api<SessionListResponse>(second.url, 'GET', '/api/sessions')).body.sessions;
    expect(listed).toEqual([expect.objectContaining({ id: session.id, topics: ['regularization'], questions: 4 })]);
  });

  // Bug: report.md was all Chinese (headings, verdicts, units) even for a reader of the English interface.
  it('serves report.md in English for lang=en and unchanged in Chinese by default or for lang=zh, and refuses another lang with 400', async () => {
    const app = await start(new FakeGrader());
    const session = await startSession(app.url, { count: 2, strategy: 'sequential', topics: ['cnn'], followUps: false });
    await api(app.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: GOOD_ANSWER, durationMs: 42_000 });
    await api(app.url, 'POST', `/api/sessions/${session.id}/skip`, {});
    const get = (query: string) => fetch(`${app.url}/api/sessions/${session.id}/report.md${query}`);

    const chinese = await get('');
    expect(chinese.headers.get('content-language')).toBe('zh-CN');
    const markdown = await chinese.text();
    expect(markdown).toContain('# 模拟面试报告');
    expect(markdown).toContain('| 卷积神经网络 |');
    expect(await get('?lang=zh').then((r) => r.text())).toBe(markdown);

    const english = await get('?lang=en');
    expect(english.status).toBe(200);
    expect(english.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(english.headers.get('content-language')).toBe('en');
    const text = await english.text();
    expect(text).toContain('# Mock interview report');
    expect(text).toContain('- Question order: In notes order · Status: Completed');
    expect(text).toContain('| Topic | Score | Questions |\n| --- | ---: | ---: |\n| CNN |');
    expect(text).toContain('### 1. padding的作用 — 10.0 / 10 (excellent)');
    expect(text).toContain('### 2. pooling层如何进行反向传播 — skipped');
    expect(text).toContain('Time: 42 s');

    for (const query of ['?lang=fr', '?lang=', '?lang=EN']) {
      expect(await api(app.url, 'GET', `/api/sessions/${session.id}/report.md${query}`)).toEqual({ status: 400, body: { code: 'bad_request:validation', message: 'lang: lang must be zh or en' } });
    }
    expect((await api<{ code: string }>(app.url, 'GET', '/api/sessions/no-such-id/report.md?lang=en')).body.code).toBe('not_found:session');
  });

  // Bug: an answer sent milliseconds after the prompt showed 语速 "380000 字/分" in report.md.
  it('gives no speaking rate for an answer sent within milliseconds, and gives one for a timed answer', async () => {
    const app = await start(new FakeGrader());
    const session = await startSession(app.url, { count: 2, strategy: 'sequential', followUps: false });
    const instant = await api<StepResponse>(app.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: GOOD_ANSWER });
    expect(instant.body.attempt.durationMs!).toBeLessThan(3_000);
    expect(instant.body.attempt.metrics).toMatchObject({ charsPerMinute: null });
    const timed = await api<StepResponse>(app.url, 'POST', `/api/sessions/${session.id}/answers`, { answer: GOOD_ANSWER, durationMs: 60_000 });
    const length = timed.body.attempt.metrics!.length;
    expect(timed.body.attempt.metrics).toMatchObject({ charsPerMinute: length });

    const markdown = await fetch(`${app.url}/api/sessions/${session.id}/report.md`).then((r) => r.text());
    const rows = markdown.split('\n').filter((l) => l.startsWith('| 1. ') || l.startsWith('| 2. '));
    const rateColumn = rows.map((row) => row.split('|')[4]!.trim());
    expect(rateColumn).toEqual(['—', String(length)]);
  });
});
