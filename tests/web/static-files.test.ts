// Serving the built web app: files, the SPA fallback, security headers, and no way out of the web root.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { isSafeAssetPath } from '../../server/http/static-files.js';
import { ServiceHolder } from '../../server/services.js';

let app: ReturnType<typeof createApp>;
let parent: string;

beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'tutor-web-'));
  const root = path.join(parent, 'dist');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(path.join(parent, 'secret.txt'), 'SECRET');
  app = createApp({ services: new ServiceHolder(), llmModel: null, webRoot: root });
});

const get = (rawPath: string) => app.fetch(new Request(`http://127.0.0.1${rawPath}`));

describe('web app files', () => {
  it('serves index.html at / with a content security policy', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves hashed assets as immutable', async () => {
    const res = await get('/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('answers screens of the app (/interview/abc) with index.html', async () => {
    const res = await get('/interview/abc/report');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
  });

  it('answers a missing file with 404 rather than the app', async () => {
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('leaves /api paths to the API (JSON 404 for an unknown endpoint)', async () => {
    const res = await get('/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('not_found:route');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/%252e%252e/%252e%252e/secret.txt',
    '/..%00/secret.txt',
    '//secret.txt',
  ])('never serves a file outside the web root for %s', async (rawPath) => {
    const res = await get(rawPath);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('says how to build the app when web/dist has no index.html', async () => {
    const bare = createApp({ services: new ServiceHolder(), llmModel: null, webRoot: path.join(parent, 'nothing-here') });
    const res = await bare.fetch(new Request('http://127.0.0.1/'));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:web');
  });
});

describe('isSafeAssetPath', () => {
  it.each(['/', '/index.html', '/assets/app.js', '/interview/3f2a'])('accepts %s', (p) => expect(isSafeAssetPath(p)).toBe(true));
  it.each(['/../x', '/a/%2e%2e/x', '/a%5cb', '/%00', '//x', '/%E0%A4%A'])('refuses %s', (p) => expect(isSafeAssetPath(p)).toBe(false));
});
