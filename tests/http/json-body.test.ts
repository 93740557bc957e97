// Request bodies over a real HTTP server on 127.0.0.1 with a real SQLite file: an empty body with a JSON content
// type counts as {}, and every malformed body gets the same code.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView, StepResponse } from '../../server/api/schemas.js';
import { FakeGrader } from '../interview/fake-grader.js';
import { startApp, type RunningApp } from '../interview/http-fixture.js';

let app: RunningApp;

beforeAll(async () => {
  app = await startApp(new FakeGrader());
});

afterAll(() => app.stop());

/** POST with Content-Type: application/json and exactly this body text. */
async function post<T = { code: string; message: string }>(route: string, body: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, body: (await res.json()) as T };
}

const newSession = async () => (await post<{ session: SessionView }>('/api/sessions', JSON.stringify({ count: 2, strategy: 'sequential' }))).body.session;

describe('an empty JSON body', () => {
  // Bug: `content-type: application/json` with no body was 400 "Malformed JSON in request body" (code bad_request).
  it.each(['', '  \n'])('starts a session with the defaults when POST /api/sessions has the body %j', async (body) => {
    const res = await post<{ session: SessionView }>('/api/sessions', body);
    expect(res.status).toBe(201);
    expect(res.body.session).toMatchObject({ strategy: 'due', status: 'active' });
    expect(res.body.session.count).toBeGreaterThan(0);
  });

  it('skips the current prompt when POST /skip has an empty body', async () => {
    const session = await newSession();
    const res = await post<StepResponse>(`/api/sessions/${session.id}/skip`, '');
    expect(res.status).toBe(200);
    expect(res.body.attempt).toMatchObject({ position: 0, skipped: true });
  });

  it('is still a 400 naming the missing field where the schema requires one', async () => {
    const session = await newSession();
    for (const [route, field] of [[`/api/sessions/${session.id}/answers`, 'answer'], ['/api/search', 'query'], ['/api/ask', 'question'], ['/api/grade', 'answer']] as const) {
      const res = await post(route, '');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('bad_request:validation');
      expect(res.body.message.startsWith(`${field}: `)).toBe(true);
    }
  });
});

describe('a malformed JSON body', () => {
  it.each(['{', 'null,', '{"count": 2,}', "{'count': 2}"])('is 400 bad_request:json on every route, whether its body is optional or not (%j)', async (body) => {
    const session = await newSession();
    for (const route of ['/api/sessions', `/api/sessions/${session.id}/skip`, `/api/sessions/${session.id}/answers`, `/api/sessions/${session.id}/pause`, '/api/search']) {
      const res = await post(route, body);
      expect(res).toEqual({ status: 400, body: { code: 'bad_request:json', message: 'Request body is not valid JSON' } });
    }
  });
});
