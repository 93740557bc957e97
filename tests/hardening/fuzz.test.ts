// Property-based fuzzing of every route over real HTTP: random JSON, control characters, lone surrogates,
// 100,000-character fields, deep nesting, broken bodies and odd path parameters. The server must never answer
// 5xx, every failure must be {code, message}, the process must keep serving, and the database must stay consistent.

import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseError, rawRequest, startHardenedApp, type HardenedApp, type RawResponse } from './hardened-app.js';

let server: HardenedApp;
const sessionIds: string[] = [];
/** How often each status came back: the fuzz is only worth something if it reaches past validation too. */
const statuses = new Map<string, number>();

beforeAll(async () => {
  server = await startHardenedApp();
  for (const count of [2, 5, 50]) {
    const res = await rawRequest(server.port, 'POST', '/api/sessions', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count, strategy: 'random' }) });
    expect(res.status).toBe(201);
    sessionIds.push((JSON.parse(res.body) as { session: { id: string } }).session.id);
  }
});

afterAll(() => server.stop());

// ------------------------------------------------------------------ inputs

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const notesWord = fc.constantFrom('池化', '卷积', 'dropout', 'BN', '空洞卷积的作用', 'what is padding', '梯度消失', '<script>alert(1)</script>', '[1]', '\u202e');

/** Strings users (or attackers) might send: every code point, control characters, lone surrogates, huge. */
const weirdString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.oneof({ weight: 4, arbitrary: notesWord }, { weight: 2, arbitrary: controlChar }, { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }), maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: notesWord, maxLength: 5 }), loneSurrogate, fc.string({ maxLength: 5 })).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u0000', '\ud800', '\udfff\ud800', '卷'.repeat(100_000), 'a '.repeat(50_000), '\n'.repeat(100_000)) },
);

/** Any JSON value, sometimes with the weird strings inside. */
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), weirdString, fc.array(weirdString, { maxLength: 5 }));
const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 1.5));
const fieldValue = fc.oneof({ weight: 3, arbitrary: weirdString }, { weight: 1, arbitrary: anyNumber }, { weight: 1, arbitrary: anyJson });

/** Bodies shaped like each route's request, with fields of any type (often the right one). */
const shapedBody = fc.oneof(
  fc.record({ query: fieldValue, k: fc.oneof(anyNumber, anyJson) }, { requiredKeys: [] }),
  fc.record({ question: fieldValue, history: fc.oneof(fc.array(fc.record({ question: fieldValue, answer: fieldValue }, { requiredKeys: [] }), { maxLength: 60 }), anyJson) }, { requiredKeys: [] }),
  fc.record({ questionId: fc.oneof(fieldValue, fc.constantFrom('1', 'deep-learning-interview-notes.md#11')), question: fieldValue, answer: fieldValue }, { requiredKeys: [] }),
  fc.record(
    {
      count: fc.oneof(anyNumber, anyJson),
      strategy: fc.oneof(fc.constantFrom('due', 'weakest', 'random', 'sequential'), fieldValue),
      topics: fc.oneof(fc.array(fieldValue, { maxLength: 30 }), anyJson),
      includeUnanswered: fc.oneof(fc.boolean(), anyJson),
      followUps: fc.oneof(fc.boolean(), anyJson),
    },
    { requiredKeys: [] },
  ),
  fc.record({ answer: fieldValue, durationMs: fc.oneof(anyNumber, anyJson), promptId: fieldValue }, { requiredKeys: [] }),
);

const nested = fc.integer({ min: 1, max: 200_000 }).chain((depth) =>
  fc.constantFrom('['.repeat(depth) + ']'.repeat(depth), '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), `{"query":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`),
);

/** The raw request body: JSON of any shape, deep nesting, broken JSON, invalid UTF-8, or nothing. */
const body: fc.Arbitrary<Buffer | undefined> = fc.oneof(
  { weight: 6, arbitrary: shapedBody.map((b) => Buffer.from(JSON.stringify(b))) },
  { weight: 2, arbitrary: anyJson.map((b) => Buffer.from(JSON.stringify(b) ?? 'null')) },
  { weight: 1, arbitrary: nested.map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: weirdString.map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** A session id: a real one, or something odd, percent-encoded the way a client might (or might not). */
const sessionId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...[0, 1, 2].map((i) => () => sessionIds[i]!)).map((f) => f()) },
  { weight: 2, arbitrary: weirdString.filter((s) => s.isWellFormed() && s.length < 300).map((s) => encodeURIComponent(s)) },
  { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%ED%A0%80', '%00', '%', '..%2F..', 'x'.repeat(5000), '%E0%A4%A') },
);

const route = fc.oneof(
  fc.constantFrom('/api/health', '/api/search', '/api/ask', '/api/ask/stream', '/api/grade', '/api/sessions', '/api/questions', '/api/review/due', '/api/progress'),
  sessionId.chain((id) => fc.constantFrom(`/api/sessions/${id}`, `/api/sessions/${id}/answers`, `/api/sessions/${id}/skip`, `/api/sessions/${id}/pause`, `/api/sessions/${id}/resume`, `/api/sessions/${id}/finish`, `/api/sessions/${id}/report.md`)),
);

/** Mostly the right field types with odd contents, so that requests get past validation into the services. */
const text = fc.oneof({ weight: 4, arbitrary: weirdString.filter((v) => v.length <= 2000) }, { weight: 1, arbitrary: fieldValue });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const json = (method: string, path: string) => (b: unknown) => ({ method, route: path, contentType: 'application/json', body: Buffer.from(JSON.stringify(b)) as Buffer | undefined });
const targeted = fc.oneof(
  fc.record({ query: text, k: maybe(fc.integer({ min: -2, max: 60 })) }).map(json('POST', '/api/search')),
  fc.record({ question: text, history: maybe(fc.array(fc.record({ question: text, answer: maybe(text) }), { maxLength: 8 })) }).chain((b) => fc.constantFrom('/api/ask', '/api/ask/stream').map((p) => json('POST', p)(b))),
  fc.record({ questionId: maybe(fc.oneof(text, fc.constantFrom('1', 'deep-learning-interview-notes.md#1'))), question: maybe(text), answer: text }).map(json('POST', '/api/grade')),
  fc.record({ count: maybe(fc.integer({ min: -1, max: 60 })), strategy: maybe(fc.constantFrom('due', 'weakest', 'random', 'sequential', 'x')), topics: maybe(fc.array(text, { maxLength: 4 })) }).map(json('POST', '/api/sessions')),
  fc.tuple(sessionId, fc.record({ answer: text, durationMs: maybe(fc.oneof(fc.integer({ min: -1, max: 90_000_000 }), fc.double())), promptId: maybe(text) })).map(([id, b]) => json('POST', `/api/sessions/${id}/answers`)(b)),
  fc.tuple(sessionId, fc.constantFrom('skip', 'pause', 'resume', 'finish'), fc.record({ promptId: maybe(text) })).map(([id, action, b]) => json('POST', `/api/sessions/${id}/${action}`)(b)),
);

const anyRequest = fc.record({
  method: fc.oneof({ weight: 5, arbitrary: fc.constant('POST') }, { weight: 2, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') }),
  route,
  contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '') }),
  body,
});

const request = fc.oneof({ weight: 3, arbitrary: targeted }, { weight: 2, arbitrary: anyRequest });

// ------------------------------------------------------------------ the property

function checkResponse(res: RawResponse, method: string, what: string): void {
  expect(res.status, `${what} → ${res.status} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  // HEAD answers carry no body by definition.
  if (res.status >= 400 && method !== 'HEAD') expect(() => parseError(res.body), `${what} → ${res.body.slice(0, 300)}`).not.toThrow();
}

describe('fuzzing every route', () => {
  it('never answers 5xx and always explains a failure as {code, message}', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ method, route: path, contentType, body: payload }) => {
        const sendsBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
        const res = await rawRequest(server.port, method, path, {
          headers: sendsBody ? { 'content-type': contentType, 'content-length': String(payload.length) } : {},
          ...(sendsBody ? { body: payload } : {}),
        });
        statuses.set(`${res.status}`, (statuses.get(`${res.status}`) ?? 0) + 1);
        checkResponse(res, method, `${method} ${path.slice(0, 120)} ${payload?.subarray(0, 80).toString() ?? ''}`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1000), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
  });

  it('got past validation often enough to exercise the services', () => {
    if (process.env.FUZZ_VERBOSE) console.log(Object.fromEntries([...statuses].sort()));
    expect((statuses.get('200') ?? 0) + (statuses.get('201') ?? 0)).toBeGreaterThan(Number(process.env.FUZZ_RUNS ?? 1000) / 20);
  });

  it('keeps serving afterwards, and the database is consistent and fully readable', async () => {
    const health = await rawRequest(server.port, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ready: true });

    const db = new Database(server.dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    const list = await rawRequest(server.port, 'GET', '/api/sessions');
    const sessions = (JSON.parse(list.body) as { sessions: { id: string }[] }).sessions;
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    for (const { id } of sessions) {
      expect((await rawRequest(server.port, 'GET', `/api/sessions/${encodeURIComponent(id)}`)).status).toBe(200);
      expect((await rawRequest(server.port, 'GET', `/api/sessions/${encodeURIComponent(id)}/report.md`)).status).toBe(200);
    }
    for (const path of ['/api/progress', '/api/review/due', '/api/questions']) expect((await rawRequest(server.port, 'GET', path)).status).toBe(200);
  });
});
