// The app on a real HTTP server (127.0.0.1, a free port) over a real SQLite file, with a grader the test chooses.

import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app.js';
import type { Grader } from '../../server/grading/types.js';
import { openInterview } from '../../server/interview/open-interview.js';
import { ServiceHolder } from '../../server/services.js';
import { realServices } from '../support/real-services.js';

export interface RunningApp {
  url: string;
  dbFile: string;
  /** Stops the server and closes the database, as a shutdown does. */
  stop(): Promise<void>;
}

export const tempDbFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'tutor-http-')), 'tutor.db');

/** `grader` 'real' uses the composition's grader (the rubric grader over the bundled notes). */
export async function startApp(grader: Grader | 'real', dbFile = tempDbFile()): Promise<RunningApp> {
  const { services } = await realServices();
  if (grader === 'real') grader = services.grader;
  const parts = await openInterview({ dbFile, topicsFile: 'corpus/topics.yaml' }, { sections: services.sections, glossary: services.glossary, grader });
  const app = createApp({ services: ServiceHolder.ready({ ...services, ...parts }), llmModel: null });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dbFile,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          parts.store.close();
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

/** fetch + JSON for the API: returns the status and the parsed body. */
export async function api<T = Record<string, unknown>>(base: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${route}`, {
    method,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.includes('json') ? await res.json() : await res.text()) as T };
}
