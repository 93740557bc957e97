// Kills a real server process (SIGKILL, no shutdown hook) in the middle of a session and restarts it on the same
// data folder: every answer that got a response must still be there, and the session must carry on.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DueResponse, ProgressResponse, SessionDetailResponse, SessionView, StepResponse } from '../../server/api/schemas.js';
import { api } from '../interview/http-fixture.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** Starts `server/main.ts` on a free port and waits until /api/health says the index is ready. */
async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--no-web-build'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, TUTOR_TOKEN: '', LLM_BASE_URL: '', LLM_MODEL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const health = await api<{ ready: boolean; status: string }>(url, 'GET', '/api/health');
    if (health.body.ready) break;
    if (health.body.status === 'error' || Date.now() > deadline) throw new Error(`server never became ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, output: () => output };
}

function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

// Answers taken from the notes, so the real grader scores them well; what matters here is that they are kept.
const PADDING = '保持边界信息，边缘像素也能被卷积多次；对尺寸不同的输入图片进行补齐；让卷积层的输入和输出维度保持一致。';
const POOLING = '反向传播时要保证传下去的梯度总和不变。max pooling 只把梯度传给前向时取最大值的位置，average pooling 把梯度平均分给窗口里的每个位置。';

describe('a real server process killed mid-session', () => {
  it('loses nothing that was answered and carries on after a restart on the same data folder', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tutor-kill-'));
    const first = await startServer(dataDir);
    const created = await api<{ session: SessionView }>(first.url, 'POST', '/api/sessions', { count: 3, strategy: 'sequential', followUps: false });
    expect(created.status).toBe(201);
    const id = created.body.session.id;
    const a1 = await api<StepResponse>(first.url, 'POST', `/api/sessions/${id}/answers`, { answer: PADDING, durationMs: 30_000 });
    expect(a1.status, JSON.stringify(a1.body)).toBe(200);
    const a2 = await api<StepResponse>(first.url, 'POST', `/api/sessions/${id}/answers`, { answer: POOLING, durationMs: 45_000 });
    expect(a2.status).toBe(200);
    const before = (await api<SessionDetailResponse>(first.url, 'GET', `/api/sessions/${id}`)).body;
    const dueBefore = (await api<DueResponse>(first.url, 'GET', '/api/review/due')).body;

    await kill(first);
    // The answers were committed to the write-ahead log and never checkpointed: recovery must replay them.
    expect(existsSync(path.join(dataDir, 'tutor.db-wal'))).toBe(true);

    const second = await startServer(dataDir);
    const after = await api<SessionDetailResponse>(second.url, 'GET', `/api/sessions/${id}`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);
    expect(after.body.attempts.map((a) => a.answer)).toEqual([PADDING, POOLING]);
    expect(after.body.session).toMatchObject({ status: 'active', current: { id: '2:main' }, progress: { answered: 2 } });
    expect((await api<DueResponse>(second.url, 'GET', '/api/review/due')).body.nextDue).toBe(dueBefore.nextDue);

    const last = await api<StepResponse>(second.url, 'POST', `/api/sessions/${id}/answers`, { answer: '池化可以增大感受野、带来平移不变性，缺点是丢失信息。' });
    expect(last.status).toBe(200);
    expect(last.body.next.type).toBe('done');
    const progress = (await api<ProgressResponse>(second.url, 'GET', '/api/progress')).body;
    expect(progress.sessions).toEqual([expect.objectContaining({ id, status: 'finished', answered: 3 })]);
    const report = await fetch(`${second.url}/api/sessions/${id}/report.md`).then((r) => r.text());
    expect(report).toContain('### 1. padding的作用');
    await kill(second);
  });
});
