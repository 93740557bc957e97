// The real app (bundled notes, real grader, a private SQLite file) on 127.0.0.1 for the hardening tests, plus
// a raw HTTP client that sends exactly the bytes and headers given (fetch would normalise paths and bodies).

import { mkdtempSync } from 'node:fs';
import { request, type Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp, type AppDeps } from '../../server/app.js';
import { openInterview } from '../../server/interview/open-interview.js';
import { ServiceHolder } from '../../server/services.js';
import { realServices } from '../support/real-services.js';

export interface HardenedApp {
  url: string;
  port: number;
  dbFile: string;
  app: ReturnType<typeof createApp>;
  stop(): Promise<void>;
}

export async function startHardenedApp(options: Partial<Pick<AppDeps, 'token' | 'webRoot'>> = {}): Promise<HardenedApp> {
  const { services } = await realServices();
  const dbFile = path.join(mkdtempSync(path.join(tmpdir(), 'tutor-hardening-')), 'tutor.db');
  const parts = await openInterview({ dbFile, topicsFile: 'corpus/topics.yaml' }, { sections: services.sections, glossary: services.glossary, grader: services.grader });
  const app = createApp({ services: ServiceHolder.ready({ ...services, ...parts }), llmModel: null, ...options });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dbFile,
    app,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          parts.store.close();
          resolve();
        });
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP/1.1 request with the path, headers and body exactly as given. `chunks` sends the body with
 * Transfer-Encoding: chunked (no Content-Length), one write per chunk.
 */
export function rawRequest(port: number, method: string, rawPath: string, options: { headers?: Record<string, string>; body?: string | Buffer; chunks?: (string | Buffer)[]; agent?: Agent } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: rawPath, headers: options.headers ?? {}, ...(options.agent ? { agent: options.agent } : {}) }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer (413) and close before the whole body is sent; that is not a client failure.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else req.end(options.body);
  });
}

/** The error body every failure must have. */
export function parseError(body: string): { code: string; message: string } {
  const json = JSON.parse(body) as { code?: unknown; message?: unknown };
  if (typeof json.code !== 'string' || typeof json.message !== 'string' || json.message.length === 0) {
    throw new Error(`not a {code, message} error body: ${body.slice(0, 200)}`);
  }
  return { code: json.code, message: json.message };
}
