// Binding and access: loopback by default; any other address needs TUTOR_TOKEN, which every API request must
// then carry (compared in constant time, so any length of guess is simply refused).

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { parseError, rawRequest, startHardenedApp, type HardenedApp } from './hardened-app.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'correct-horse-battery-staple-42';

describe('where the server listens', () => {
  it('binds 127.0.0.1 by default', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
  });

  it.each(['0.0.0.0', '192.168.1.20', '::'])('refuses HOST=%s without TUTOR_TOKEN, naming the fix', (host) => {
    expect(() => loadConfig({ HOST: host })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: host })).toThrow(/TUTOR_TOKEN/);
    expect(loadConfig({ HOST: host, TUTOR_TOKEN: TOKEN }).token).toBe(TOKEN);
  });

  it('refuses a token too short to resist guessing', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0', TUTOR_TOKEN: 'short' })).toThrow(/16 characters/);
  });

  it('npm start exits with a message instead of listening on 0.0.0.0 without a token', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', '--no-web-build'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '0.0.0.0', PORT: '0', TUTOR_TOKEN: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('TUTOR_TOKEN');
    expect(run.stdout).not.toContain('listening');
  });
});

describe('with TUTOR_TOKEN set', () => {
  let server: HardenedApp;

  beforeAll(async () => {
    server = await startHardenedApp({ token: TOKEN });
  });

  afterAll(() => server.stop());

  const ROUTES: [string, string][] = [
    ['GET', '/api/health'],
    ['POST', '/api/search'],
    ['POST', '/api/ask'],
    ['POST', '/api/ask/stream'],
    ['POST', '/api/grade'],
    ['POST', '/api/sessions'],
    ['GET', '/api/sessions'],
    ['GET', '/api/sessions/x'],
    ['POST', '/api/sessions/x/answers'],
    ['GET', '/api/sessions/x/report.md'],
    ['GET', '/api/questions'],
    ['GET', '/api/review/due'],
    ['GET', '/api/progress'],
    ['GET', '/api/no-such-route'],
  ];

  it.each(ROUTES)('%s %s without a token → 401', async (method, route) => {
    const res = await rawRequest(server.port, method, route, method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{"query":"池化"}' } : {});
    expect(res.status).toBe(401);
    expect(parseError(res.body).code).toBe('unauthorized');
  });

  it.each([
    ['a wrong token', `Bearer ${TOKEN.slice(0, -1)}x`],
    ['the right token with another scheme', `Basic ${TOKEN}`],
    ['the token without its last character', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token with a character more', `Bearer ${TOKEN}x`],
    ['an empty header', ''],
    ['a 10,000-character token', `Bearer ${'a'.repeat(10_000)}`],
  ])('refuses %s with 401 (never a 500)', async (_name, authorization) => {
    const res = await rawRequest(server.port, 'GET', '/api/health', { headers: { authorization } });
    expect(res.status).toBe(401);
  });

  it('refuses a header too large for Node (100,000 characters) before it reaches the app', async () => {
    const res = await rawRequest(server.port, 'GET', '/api/health', { headers: { authorization: `Bearer ${'a'.repeat(100_000)}` } });
    expect(res.status).toBe(431);
  });

  it('answers every API request that carries the token', async () => {
    const authorization = `Bearer ${TOKEN}`;
    expect((await rawRequest(server.port, 'GET', '/api/health', { headers: { authorization } })).status).toBe(200);
    const search = await rawRequest(server.port, 'POST', '/api/search', { headers: { authorization, 'content-type': 'application/json' }, body: '{"query":"池化的作用"}' });
    expect(search.status).toBe(200);
  });
});
