import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionsResponse } from '../../server/api/schemas.js';
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
