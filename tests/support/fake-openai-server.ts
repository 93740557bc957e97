// A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions API (plain and SSE streaming),
// with scripted replies, delays and failures, recording every request. Shared by all LLM-path tests.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedMessage {
  role: string;
  content: string;
}

/** What the client sent, as parsed from the request body. */
export interface RecordedRequest {
  model: string;
  messages: RecordedMessage[];
  stream: boolean;
  /** The whole JSON body, for assertions on other parameters. */
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

export interface FakeReply {
  /** The assistant's reply text. */
  text?: string;
  /** Wait this long before sending anything (to exercise client time limits). */
  delayMs?: number;
  /** Answer with this HTTP status and an OpenAI-style error body instead of a reply. */
  status?: number;
  /** Send this raw body (with status 200) instead of a well-formed completion, e.g. broken JSON. */
  rawBody?: string;
  /** Streaming only: characters per SSE chunk (default 4) and the pause between chunks. */
  chunkChars?: number;
  chunkDelayMs?: number;
}

/** A fixed reply text, a reply description, or a function of the request that returns either. */
export type FakeResponder = string | FakeReply | ((request: RecordedRequest, index: number) => string | FakeReply | Promise<string | FakeReply>);

export interface FakeOpenAIServer {
  /** Base URL including `/v1`, as an OpenAI client's `baseURL` expects. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Replaces how the server replies from now on. */
  respond(responder: FakeResponder): void;
  close(): Promise<void>;
}

export async function startFakeOpenAIServer(responder: FakeResponder = 'ok'): Promise<FakeOpenAIServer> {
  let current = responder;
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, (error as Error).message);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/v1/models') {
      sendJson(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'tests' }] });
      return;
    }
    if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') {
      sendError(res, 404, `No route ${req.method} ${url.pathname}`);
      return;
    }
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const recorded: RecordedRequest = {
      model: String(body.model ?? ''),
      messages: ((body.messages as { role: string; content: unknown }[]) ?? []).map((m) => ({ role: m.role, content: contentText(m.content) })),
      stream: body.stream === true,
      body,
      headers: req.headers,
    };
    const index = requests.push(recorded) - 1;
    const raw = typeof current === 'function' ? await current(recorded, index) : current;
    const reply: FakeReply = typeof raw === 'string' ? { text: raw } : raw;

    if (reply.delayMs) {
      const aborted = await sleepUnlessClosed(reply.delayMs, res);
      if (aborted) return;
    }
    if (reply.status && reply.status !== 200) {
      sendError(res, reply.status, `scripted failure ${reply.status}`);
      return;
    }
    if (reply.rawBody !== undefined) {
      res.writeHead(200, { 'content-type': recorded.stream ? 'text/event-stream' : 'application/json' });
      res.end(reply.rawBody);
      return;
    }
    const text = reply.text ?? '';
    if (recorded.stream) await streamReply(res, recorded.model, text, reply);
    else sendJson(res, 200, completion(recorded.model, text));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    respond(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(model: string, text: string) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

async function streamReply(res: ServerResponse, model: string, text: string, reply: FakeReply): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const id = `chatcmpl-fake-${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, string>, finish: string | null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(chunk({ role: 'assistant', content: '' }, null));
  const size = Math.max(1, reply.chunkChars ?? 4);
  const chars = [...text];
  for (let i = 0; i < chars.length; i += size) {
    if (reply.chunkDelayMs && (await sleepUnlessClosed(reply.chunkDelayMs, res))) return;
    res.write(chunk({ content: chars.slice(i, i + size).join('') }, null));
  }
  res.write(chunk({}, 'stop'));
  res.end('data: [DONE]\n\n');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** Resolves true when the client went away during the wait (nothing more should be written). */
function sleepUnlessClosed(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(false);
    }, ms);
    res.once('close', onClose);
  });
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: { text?: string }) => p.text ?? '').join('');
  return '';
}
