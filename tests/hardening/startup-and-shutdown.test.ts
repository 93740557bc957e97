// The real server process (server/main.ts): a missing index is built at start-up, a damaged one is detected and
// rebuilt with a message saying so, and SIGTERM lets in-flight requests finish and closes the database cleanly.

import { existsSync, mkdtempSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../scripts/bench/server-process.js';
import { loadConfig } from '../../server/config.js';
import { createEmbedder } from '../../server/retrieval/create-embedder.js';
import { loadIndex } from '../../server/retrieval/index-store.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server.js';

const running: ServerProcess[] = [];
let fake: FakeOpenAIServer | undefined;

afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
  await fake?.close();
  fake = undefined;
});

async function start(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess({ dataDir, env });
  running.push(server);
  return server;
}

async function stop(server: ServerProcess, signal?: NodeJS.Signals): Promise<number | null> {
  running.splice(running.indexOf(server), 1);
  return server.stop(signal);
}

const post = (server: ServerProcess, route: string, body: unknown) =>
  fetch(`${server.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function indexDirOf(dataDir: string): string {
  return loadConfig({ DATA_DIR: dataDir }).indexDir;
}

async function expectSearchWorks(server: ServerProcess): Promise<void> {
  const res = await post(server, '/api/search', { query: '空洞卷积的作用' });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { hits: unknown[] }).hits.length).toBeGreaterThan(0);
}

describe('the index at start-up', () => {
  it('builds a missing index, then rebuilds a truncated or corrupted one and says so', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tutor-startup-'));
    const first = await start(dataDir);
    expect(first.output()).toContain('no index yet');
    await expectSearchWorks(first);
    expect(await stop(first)).toBe(0);

    // A file cut short (a full disk, a copy interrupted): the manifest still looks current.
    const vectors = path.join(indexDirOf(dataDir), 'vectors.hnsw');
    truncateSync(vectors, Math.floor(statSync(vectors).size / 2));
    const second = await start(dataDir);
    expect(second.output()).toMatch(/vectors\.hnsw is missing, truncated or corrupted/);
    expect(second.output()).toContain('Rebuilding the index from the notes now (the same as `npm run ingest -- --rebuild`)');
    await expectSearchWorks(second);
    expect(await stop(second)).toBe(0);
    const modelId = createEmbedder(loadConfig({ DATA_DIR: dataDir })).modelId;
    await expect(loadIndex(indexDirOf(dataDir), modelId)).resolves.toBeDefined();

    // Same size, different bytes: only the hash can tell.
    const notes = path.join(indexDirOf(dataDir), 'notes.json');
    const size = statSync(notes).size;
    writeFileSync(notes, 'x'.repeat(size));
    const third = await start(dataDir);
    expect(third.output()).toMatch(/notes\.json is missing, truncated or corrupted/);
    await expectSearchWorks(third);
    expect(await stop(third)).toBe(0);

    // An unreadable manifest: the index is treated as stale and built again.
    writeFileSync(path.join(indexDirOf(dataDir), 'manifest.json'), '{"formatVersion": 1, "modelId"');
    const fourth = await start(dataDir);
    expect(fourth.output()).toMatch(/manifest.*unreadable/);
    await expectSearchWorks(fourth);
    expect(await stop(fourth)).toBe(0);
    // Staging and backup folders of the atomic swap do not pile up.
    expect(readdirSync(path.dirname(indexDirOf(dataDir))).filter((f) => /\.(new|old)-\d+$/.test(f))).toEqual([]);
  });
});

describe('shutdown on SIGTERM', () => {
  it('lets an in-flight request finish, refuses new connections, and closes the database cleanly', { timeout: 300_000 }, async () => {
    let received!: () => void;
    const llmCalled = new Promise<void>((resolve) => (received = resolve));
    // The grader asks the LLM too; only the ask request's call says that request is in flight.
    fake = await startFakeOpenAIServer((request) => {
      if (request.messages.some((m) => m.content.includes('空洞卷积有什么作用'))) received();
      return { text: '空洞卷积在不增加参数的情况下扩大感受野 [1]。', delayMs: 2_000 };
    });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tutor-shutdown-'));
    const server = await start(dataDir, { LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'fake-model', LLM_API_KEY: 'k' });

    const created = await post(server, '/api/sessions', { count: 2, strategy: 'sequential', followUps: false });
    const { session } = (await created.json()) as { session: { id: string } };
    expect((await post(server, `/api/sessions/${session.id}/answers`, { answer: '保持边界信息，让输入输出尺寸一致。' })).status).toBe(200);

    const inFlight = post(server, '/api/ask', { question: '空洞卷积有什么作用？' });
    await llmCalled;
    const stopped = stop(server);
    await new Promise((r) => setTimeout(r, 300));
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();

    const answer = await inFlight;
    const answeredAt = Date.now();
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { mode: string; answer: string }).answer).toContain('感受野');
    expect(await stopped).toBe(0);
    // Regression: the exit used to wait ~3 s more for the client to drop its idle keep-alive connection.
    expect(Date.now() - answeredAt).toBeLessThan(2_000);
    expect(server.output()).toContain('SIGTERM: finishing in-flight requests');

    // A clean close checkpoints the write-ahead log into the database file and removes it.
    const dbFile = path.join(dataDir, 'tutor.db');
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) AS n FROM attempts WHERE answer IS NOT NULL').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('stops the same way on SIGINT (Ctrl-C)', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tutor-sigint-'));
    const server = await start(dataDir);
    expect((await post(server, '/api/sessions', { count: 1 })).status).toBe(201);
    expect(await stop(server, 'SIGINT')).toBe(0);
    expect(server.output()).toContain('SIGINT: finishing in-flight requests');
    expect(existsSync(path.join(dataDir, 'tutor.db-wal'))).toBe(false);
  });
});
