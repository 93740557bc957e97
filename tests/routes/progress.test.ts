import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressResponse, SessionView } from '../../server/api/schemas.js';
import { FakeGrader, GOOD_ANSWER, WEAK_ANSWER } from '../interview/fake-grader.js';
import { api, startApp, type RunningApp } from '../interview/http-fixture.js';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp(new FakeGrader());
});
afterAll(() => app.stop());

describe('GET /api/progress', () => {
  it('starts empty, then shows mastery per topic, today in the streak and the session in the history', async () => {
    const empty = (await api<ProgressResponse>(app.url, 'GET', '/api/progress')).body;
    expect(empty.streak).toEqual({ current: 0, longest: 0, practisedToday: false, lastPractised: null });
    expect(empty.sessions).toEqual([]);
    expect(empty.topics.find((t) => t.id === 'cnn')).toMatchObject({ mastery: null, attempts: 0, attempted: 0, due: 0 });

    const { body } = await api<{ session: SessionView }>(app.url, 'POST', '/api/sessions', { count: 2, strategy: 'sequential', topics: ['rnn'], followUps: false });
    await api(app.url, 'POST', `/api/sessions/${body.session.id}/answers`, { answer: GOOD_ANSWER });
    await api(app.url, 'POST', `/api/sessions/${body.session.id}/answers`, { answer: WEAK_ANSWER });

    const progress = (await api<ProgressResponse>(app.url, 'GET', '/api/progress')).body;
    expect(progress.topics.find((t) => t.id === 'rnn')).toMatchObject({ mastery: 7.5, recentScores: [10, 5], attempts: 2, attempted: 2 });
    expect(progress.streak).toMatchObject({ current: 1, longest: 1, practisedToday: true });
    expect(progress.sessions).toEqual([expect.objectContaining({ id: body.session.id, status: 'finished', answered: 2, score: 7.5 })]);
    expect(progress.totals).toMatchObject({ sessions: 1, answers: 2, questionsAttempted: 2 });
  });
});
