// Every route answers failures with {code, message} and the fitting status: 400 broken JSON, 404 unknown path,
// 405 wrong method, 413 body over 1 MB (with or without Content-Length), 415 not JSON, 400 invalid fields;
// and no CORS headers are sent.

import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../server/http/guards.js';
import { parseError, rawRequest, startHardenedApp, type HardenedApp } from './hardened-app.js';

let server: HardenedApp;

beforeAll(async () => {
  server = await startHardenedApp();
});

afterAll(() => server.stop());

const JSON_TYPE = { 'content-type': 'application/json' };
const send = (method: string, path: string, options: Parameters<typeof rawRequest>[3] = {}) => rawRequest(server.port, method, path, options);

/** Every POST route of the API, with a body it accepts. */
const POST_ROUTES: [string, unknown][] = [
  ['/api/search', { query: '池化' }],
  ['/api/ask', { question: '池化的作用' }],
  ['/api/ask/stream', { question: '池化的作用' }],
  ['/api/grade', { question: '池化的作用', answer: '降维' }],
  ['/api/sessions', { count: 1 }],
  ['/api/sessions/abc/answers', { answer: '降维' }],
  ['/api/sessions/abc/skip', {}],
  ['/api/sessions/abc/pause', {}],
  ['/api/sessions/abc/resume', {}],
  ['/api/sessions/abc/finish', {}],
];

describe('request guards on every POST route', () => {
  it.each(POST_ROUTES)('%s: malformed JSON → 400 bad_request:json', async (route) => {
    const res = await send('POST', route, { headers: JSON_TYPE, body: '{"query": "池化",' });
    expect(res.status).toBe(400);
    expect(parseError(res.body).code).toBe('bad_request:json');
  });

  it.each(POST_ROUTES)('%s: another content type → 415', async (route, body) => {
    const res = await send('POST', route, { headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) });
    expect(res.status).toBe(415);
    expect(parseError(res.body).code).toBe('unsupported_media_type');
  });

  it.each(POST_ROUTES)('%s: a body over 1 MB with Content-Length → 413', async (route) => {
    const body = JSON.stringify({ query: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await send('POST', route, { headers: { ...JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) }, body });
    expect(res.status).toBe(413);
    expect(parseError(res.body).code).toBe('payload_too_large');
  });

  it.each(POST_ROUTES)('%s: a chunked body over 1 MB without Content-Length → 413', async (route) => {
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = ['{"query":"', ...Array.from({ length: 17 }, () => chunk), '"}'];
    const res = await send('POST', route, { headers: { ...JSON_TYPE, 'transfer-encoding': 'chunked' }, chunks });
    expect(res.status).toBe(413);
    expect(parseError(res.body).code).toBe('payload_too_large');
  });

  // Regression: after an answer that left a large body unread (413, 415), the next request on the same
  // keep-alive connection hung, because it was sent into the unread rest of the body.
  it.each([
    ['413', { 'content-type': 'application/json' }, 'x'.repeat(MAX_BODY_BYTES + 1), 413],
    ['415', { 'content-type': 'text/plain' }, 'x'.repeat(MAX_BODY_BYTES - 10), 415],
  ] as const)('closes the connection after a %s so that the next request on a keep-alive agent is answered', async (_name, headers, body, status) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        const refused = await send('POST', '/api/search', { agent, headers: { ...headers, 'content-length': String(body.length) }, body });
        expect(refused.status).toBe(status);
        expect(refused.headers.connection).toBe('close');
        const next = await send('POST', '/api/search', { agent, headers: JSON_TYPE, body: '{"query":"池化的作用"}' });
        expect(next.status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it('accepts a chunked body under the limit', async () => {
    const res = await send('POST', '/api/search', { headers: { ...JSON_TYPE, 'transfer-encoding': 'chunked' }, chunks: ['{"query":', '"池化的作用"}'] });
    expect(res.status).toBe(200);
  });

  it.each(POST_ROUTES.filter(([r]) => !r.includes('/abc/')))('%s: a body of the wrong shape → 400 bad_request:validation', async (route) => {
    const res = await send('POST', route, { headers: JSON_TYPE, body: JSON.stringify({ count: 'many', query: 1, question: [], answer: {} }) });
    expect(res.status).toBe(400);
    expect(parseError(res.body).code).toBe('bad_request:validation');
  });
});

describe('unknown paths and wrong methods', () => {
  it('answers an unknown API path with 404 not_found:route', async () => {
    const res = await send('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(parseError(res.body).code).toBe('not_found:route');
  });

  it('answers an unknown session with 404', async () => {
    const res = await send('GET', '/api/sessions/no-such-session');
    expect(res.status).toBe(404);
    expect(parseError(res.body).code).toMatch(/^not_found/);
  });

  // Regression: a wrong method on an existing path used to answer 404 "No such endpoint", as if the path did not exist.
  it.each([
    ['GET', '/api/search', 'POST'],
    ['PUT', '/api/grade', 'POST'],
    ['DELETE', '/api/sessions/abc', 'GET, HEAD'],
    ['POST', '/api/health', 'GET, HEAD'],
    ['PATCH', '/api/progress', 'GET, HEAD'],
    ['GET', '/api/sessions/abc/answers', 'POST'],
    ['OPTIONS', '/api/search', 'POST'],
  ])('%s %s → 405 with Allow: %s', async (method, route, allow) => {
    const res = await send(method, route, method === 'GET' || method === 'OPTIONS' || method === 'DELETE' ? {} : { headers: JSON_TYPE, body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(parseError(res.body).code).toBe('method_not_allowed');
  });
});

describe('CORS', () => {
  it('sends no CORS headers, even to a cross-origin request or preflight', async () => {
    const origin = { origin: 'https://evil.example', 'access-control-request-method': 'POST' };
    for (const res of [
      await send('OPTIONS', '/api/search', { headers: origin }),
      await send('POST', '/api/search', { headers: { ...origin, ...JSON_TYPE }, body: '{"query":"池化"}' }),
      await send('GET', '/api/health', { headers: origin }),
    ]) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });
});
