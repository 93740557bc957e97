// The access token over a real HTTP server on 127.0.0.1: the Bearer scheme is matched case-insensitively.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHardenedApp, type HardenedApp } from '../hardening/hardened-app.js';

const TOKEN = 'correct-horse-battery-staple-42';
let server: HardenedApp;

beforeAll(async () => {
  server = await startHardenedApp({ token: TOKEN });
});

afterAll(() => server.stop());

const health = (authorization: string) => fetch(`${server.url}/api/health`, { headers: { authorization } });

describe('Authorization with TUTOR_TOKEN set', () => {
  // Bug: `bearer <token>` was refused with 401; RFC 9110 makes the scheme case-insensitive.
  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('accepts the token under the scheme spelled %s', async (scheme) => {
    expect((await health(`${scheme} ${TOKEN}`)).status).toBe(200);
  });

  it.each([
    ['the token in another case', `Bearer ${TOKEN.toUpperCase()}`],
    ['the token without a scheme', TOKEN],
    ['the scheme glued to the token', `Bearer${TOKEN}`],
    ['another scheme', `Basic ${TOKEN}`],
  ])('still refuses %s with 401', async (_name, authorization) => {
    const res = await health(authorization);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('unauthorized');
  });
});
