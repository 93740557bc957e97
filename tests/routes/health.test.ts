// GET /api/health over a real HTTP server on 127.0.0.1, with services opened the way `npm start` opens them
// (openIndex + createServices over real notes folders): readiness and what in the notes was skipped.

import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../server/api/schemas.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createServices } from '../../server/deps.js';
import { openIndex } from '../../server/ingest/ensure-index.js';
import { ServiceHolder } from '../../server/services.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** Serves the tutor for `notesDir` (the bundled notes when absent) on a free port; returns its URL. */
async function serveNotes(notesDir?: string): Promise<string> {
  const data = mkdtempSync(path.join(tmpdir(), 'health-data-'));
  const config = loadConfig({ DATA_DIR: data, ...(notesDir ? { NOTES_DIR: notesDir } : {}) });
  const { opened: services } = await openIndex(config, createServices, { log: () => {} });
  const app = createApp({ services: ServiceHolder.ready(services), llmModel: null });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server));
  });
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          services.store.close();
          resolve();
        });
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function health(url: string): Promise<HealthResponse> {
  const res = await fetch(`${url}/api/health`);
  expect(res.status).toBe(200);
  return (await res.json()) as HealthResponse;
}

function notesFolder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'health-notes-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('GET /api/health', () => {
  // Regression (QA): skipped notes were logged on the server console only, so web users never learnt why questions were missing.
  it('reports the warnings of a notes folder with a non-UTF-8 file', async () => {
    const notes = notesFolder({
      'good.md': '## 1. What is dropout?\n\nDropout zeroes random activations while training.\n',
      'gbk.md': Buffer.from('## 1. \xc4\xe3\xba\xc3\n', 'latin1'),
      '#no-space.md': '##2. Not a heading\n\n## 3. What is overfitting?\n\nFitting noise.\n',
    });
    const body = await health(await serveNotes(notes));
    expect(body).toMatchObject({ ready: true, status: 'ready', sections: 2 });
    expect(body.warnings).toEqual(
      expect.arrayContaining(['gbk.md: not valid UTF-8 text, skipped; save it as UTF-8 to include it.', '#no-space.md:1: "##2. Not a heading" is not read as a heading: put a space after the #s.']),
    );
    expect(body.warnings).toHaveLength(2);
    expect(body.warningsTotal).toBe(2);
  });

  it('lists the first 20 warnings and counts them all', async () => {
    const files: Record<string, string> = { 'good.md': '## 1. What is dropout?\n\nDropout zeroes random activations.\n' };
    for (let i = 0; i < 25; i++) files[`todo-${String(i).padStart(2, '0')}.txt`] = '## Not read\n';
    const body = await health(await serveNotes(notesFolder(files)));
    expect(body.warnings).toHaveLength(20);
    expect(body.warnings![0]).toBe('todo-00.txt: not a markdown file, skipped; rename it to .md to include it.');
    expect(body.warningsTotal).toBe(25);
  });

  it('reports no warnings for the bundled notes', async () => {
    const body = await health(await serveNotes());
    expect(body).toMatchObject({ ready: true, status: 'ready', warnings: [], warningsTotal: 0 });
  });

  it('reports no warnings while the index is still being built', async () => {
    const app = createApp({ services: new ServiceHolder(), llmModel: null });
    const body = (await (await app.request('/api/health')).json()) as HealthResponse;
    expect(body).toMatchObject({ ready: false, status: 'indexing', warnings: [], warningsTotal: 0 });
  });
});
