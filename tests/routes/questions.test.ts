import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionDetailResponse, QuestionsResponse } from '../../server/api/schemas.js';
import { FakeGrader } from '../interview/fake-grader.js';
import { api, startApp, type RunningApp } from '../interview/http-fixture.js';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp(new FakeGrader());
});
afterAll(() => app.stop());

describe('GET /api/questions', () => {
  it('lists every question of the notes with its topics and whether the notes answer it', async () => {
    const { status, body } = await api<QuestionsResponse>(app.url, 'GET', '/api/questions');
    expect(status).toBe(200);
    expect(body.questions).toHaveLength(67);
    expect(body.questions[0]).toEqual({ id: expect.stringMatching(/^q_/), number: 1, heading: '1. padding的作用', topics: ['cnn'], topicSource: 'override', hasReference: true });
    expect(body.questions.filter((q) => !q.hasReference).map((q) => q.number)).toEqual([31, 41, 43, 44, 45, 46, 63, 64, 65, 66, 67]);
    expect(body.topics.map((t) => t.id)).toEqual(['cnn', 'rnn', 'attention', 'optimization', 'regularization', 'detection', 'segmentation', 'nlp', 'basics']);
    expect(body.topics[0]!.label).toEqual({ zh: '卷积神经网络', en: 'CNN' });
  });
});

describe('GET /api/questions/:id', () => {
  it('returns one section in full with its source lines', async () => {
    const list = await api<QuestionsResponse>(app.url, 'GET', '/api/questions');
    const q11 = list.body.questions.find((q) => q.number === 11)!;
    const { status, body } = await api<QuestionDetailResponse>(app.url, 'GET', `/api/questions/${q11.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: q11.id, heading: '11. 卷积神经网络中空洞卷积的作用是什么', hasReference: true, topics: q11.topics });
    expect(body.answer).toMatch(/^空洞卷积也叫扩张卷积/);
    expect(body.source).toEqual({ file: 'deep-learning-interview-notes.md', startLine: 37, endLine: 38 });
  });

  it('answers a question without an answer with an empty one', async () => {
    const list = await api<QuestionsResponse>(app.url, 'GET', '/api/questions');
    const q31 = list.body.questions.find((q) => q.number === 31)!;
    const { body } = await api<QuestionDetailResponse>(app.url, 'GET', `/api/questions/${q31.id}`);
    expect(body).toMatchObject({ answer: '', hasReference: false });
  });

  it('answers 404 with a code for an unknown id', async () => {
    const { status, body } = await api<{ code: string }>(app.url, 'GET', '/api/questions/q_nope');
    expect(status).toBe(404);
    expect(body.code).toBe('not_found:question');
  });
});
