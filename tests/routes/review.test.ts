import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DueResponse, SessionView } from '../../server/api/schemas.js';
import { FakeGrader, GOOD_ANSWER, OFF_TOPIC_ANSWER } from '../interview/fake-grader.js';
import { api, startApp, type RunningApp } from '../interview/http-fixture.js';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp(new FakeGrader());
});
afterAll(() => app.stop());

describe('GET /api/review/due', () => {
  it('lists nothing until a graded answer falls due, and says when the next one does', async () => {
    expect((await api<DueResponse>(app.url, 'GET', '/api/review/due')).body).toEqual({ now: expect.any(String), due: [], nextDue: null });
    const { body } = await api<{ session: SessionView }>(app.url, 'POST', '/api/sessions', { count: 2, strategy: 'sequential', followUps: false });
    await api(app.url, 'POST', `/api/sessions/${body.session.id}/answers`, { answer: OFF_TOPIC_ANSWER });
    await api(app.url, 'POST', `/api/sessions/${body.session.id}/answers`, { answer: GOOD_ANSWER });
    const due = (await api<DueResponse>(app.url, 'GET', '/api/review/due')).body;
    // Both were just answered: the failed one is due tomorrow, the good one later (moving time is tested without HTTP).
    expect(due.due).toEqual([]);
    const tomorrow = Date.parse(due.now) + 86_400_000;
    expect(Math.abs(Date.parse(due.nextDue!) - tomorrow)).toBeLessThan(60_000);
  });
});
