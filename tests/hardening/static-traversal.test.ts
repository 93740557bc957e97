// Static files over real HTTP (raw request paths, which fetch would have normalised): nothing outside the web
// build folder is ever served, whatever the encoding of `..`.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startHardenedApp, type HardenedApp } from './hardened-app.js';

let server: HardenedApp;

beforeAll(async () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'tutor-traversal-'));
  const root = path.join(parent, 'site', 'dist');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(parent, 'site', 'secret.txt'), 'SECRET-ONE-UP');
  writeFileSync(path.join(parent, 'secret.txt'), 'SECRET-TWO-UP');
  server = await startHardenedApp({ webRoot: root });
});

afterAll(() => server.stop());

const ATTACKS = [
  '/../../etc/passwd',
  '/../../../../../../../../etc/passwd',
  '/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/%2E%2E%2F%2E%2E%2Fsecret.txt',
  '/%252e%252e/%252e%252e/secret.txt',
  '/..%252f..%252fsecret.txt',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.txt',
  '/..\\..\\secret.txt',
  '/..%5c..%5csecret.txt',
  '/assets/../../secret.txt',
  '/assets/..%2f..%2f..%2fsecret.txt',
  '/assets/%2e%2e/%2e%2e/%2e%2e/secret.txt',
  '/.%2e/.%2e/secret.txt',
  '/....//....//secret.txt',
  '/..%00/secret.txt',
  '/%00../../secret.txt',
  '//etc/passwd',
  '/./../secret.txt',
];

describe('static file serving', () => {
  it('serves the app and its assets', async () => {
    expect((await rawRequest(server.port, 'GET', '/')).body).toContain('<title>app</title>');
    expect((await rawRequest(server.port, 'GET', '/assets/app.js')).body).toBe('console.log(1)');
  });

  it.each(ATTACKS)('never leaves the web build folder for %s', async (attack) => {
    for (const method of ['GET', 'HEAD']) {
      const res = await rawRequest(server.port, method, attack);
      expect(res.status).toBeLessThan(500);
      expect(res.body).not.toMatch(/SECRET|root:/);
    }
  });
});
