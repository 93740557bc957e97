import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askResponse, askStreamEvent, type AskResponse, type AskStreamEvent } from '../../server/api/schemas.js';
import { createApp } from '../../server/app.js';
import { ExcerptSelector } from '../../server/ask/excerpt-selector.js';
import { NotesAsker } from '../../server/ask/notes-asker.js';
import { createServices } from '../../server/deps.js';
import { LangChainChatModel } from '../../server/llm/langchain-chat-model.js';
import type { ChatMessage, ChatModel, ChatOptions } from '../../server/llm/types.js';
import { ServiceHolder, type Services } from '../../server/services.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server.js';
import { realServices } from '../support/real-services.js';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Parses a text/event-stream body into its events, checking each against the documented protocol. */
function parseEvents(body: string): AskStreamEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      const parsed = askStreamEvent.parse(JSON.parse(data));
      expect(parsed.type).toBe(event);
      return parsed;
    });
}

const tokens = (events: AskStreamEvent[]) => events.flatMap((e) => (e.type === 'token' ? [e.text] : [])).join('');
const final = (events: AskStreamEvent[]) => (events.at(-1) as Extract<AskStreamEvent, { type: 'done' }>).result;

describe('POST /api/ask (in process, no LLM)', () => {
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const { services } = await realServices();
    app = createApp({ services: ServiceHolder.ready(services), llmModel: null });
  });

  it('answers with cited excerpts in the documented shape', async () => {
    const res = await app.request('/api/ask', json({ question: '1*1卷积的作用' }));
    expect(res.status).toBe(200);
    const body = askResponse.parse(await res.json());
    expect(body).toMatchObject({ inScope: true, coverage: 'answered', mode: 'extractive' });
    expect(body.answer).toContain('特征降维');
    expect(body.citations[0]).toMatchObject({ n: 1, heading: '57. 1*1的卷积有何作用', source: { file: 'deep-learning-interview-notes.md' } });
  });

  it('resolves a follow-up from the history it is sent', async () => {
    const res = await app.request('/api/ask', json({ question: '它有什么缺点', history: [{ question: '1*1卷积的作用' }] }));
    const body = askResponse.parse(await res.json());
    expect(body.resolvedQuestion).toBe('1*1卷积有什么缺点');
    expect(body.citations[0]!.heading).toBe('57. 1*1的卷积有何作用');
  });

  it.each([
    ['an empty question', { question: '  ' }],
    ['a question over 2,000 characters', { question: '卷'.repeat(2001) }],
    ['a missing question', {}],
    ['a history that is not a list of turns', { question: '什么是dropout', history: ['什么是BN'] }],
  ])('answers 400 for %s', async (_name, body) => {
    for (const path of ['/api/ask', '/api/ask/stream']) {
      const res = await app.request(path, json(body));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toMatch(/^bad_request/);
    }
  });

  // Bug: a question of zero-width characters only was answered (200) with whatever the search returned.
  it('refuses a question of invisible characters only as empty, on both endpoints', async () => {
    for (const path of ['/api/ask', '/api/ask/stream']) {
      const res = await app.request(path, json({ question: '\u200b\u200c\u200d\u2060\ufeff\u00ad ' }));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code: 'bad_request:validation', message: 'question: question is empty' });
    }
  });

  it('accepts a question of exactly 2,000 characters', async () => {
    const res = await app.request('/api/ask', json({ question: `1*1卷积的作用${'。'.repeat(2000 - 8)}` }));
    expect(res.status).toBe(200);
  });

  it('answers 503 on both endpoints while the index is still being built', async () => {
    const building = createApp({ services: new ServiceHolder(), llmModel: null });
    for (const path of ['/api/ask', '/api/ask/stream']) {
      const res = await building.request(path, json({ question: 'pooling' }));
      expect(res.status).toBe(503);
      expect(((await res.json()) as { code: string }).code).toBe('not_ready:index');
    }
  });

  it('streams the extractive answer as meta, token and done events', async () => {
    const res = await app.request('/api/ask/stream', json({ question: '1*1卷积的作用' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseEvents(await res.text());
    expect(events.map((e) => e.type)).toEqual(['meta', 'token', 'done']);
    expect(tokens(events)).toBe(final(events).answer);
  });
});

/** A ChatModel that remembers the abort signal of each call, around a real one. */
class SignalSpy implements ChatModel {
  readonly signals: AbortSignal[] = [];
  constructor(private readonly inner: ChatModel) {}
  get model() {
    return this.inner.model;
  }
  complete(messages: ChatMessage[], options: ChatOptions = {}) {
    if (options.signal) this.signals.push(options.signal);
    return this.inner.complete(messages, options);
  }
  stream(messages: ChatMessage[], options: ChatOptions = {}) {
    if (options.signal) this.signals.push(options.signal);
    return this.inner.stream(messages, options);
  }
}

describe('Ask with an LLM, over HTTP end to end', () => {
  const TIMEOUT_MS = 600;
  let fake: FakeOpenAIServer;
  let server: ServerType;
  let base: string;
  let services: Services;
  let spy: SignalSpy;
  let spyServer: ServerType;
  let spyBase: string;

  const listen = async (s: Services): Promise<{ server: ServerType; base: string }> => {
    const app = createApp({ services: ServiceHolder.ready(s), llmModel: 'fake-model' });
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => (started.listening ? resolve() : started.once('listening', () => resolve())));
    return { server: started, base: `http://127.0.0.1:${(started.address() as AddressInfo).port}` };
  };

  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
    const { config } = await realServices();
    // The composition root itself, configured with an LLM: this is what `npm start` builds with LLM_BASE_URL set.
    services = await createServices({ ...config, llm: { baseUrl: fake.baseUrl, apiKey: 'test-key', model: 'fake-model', timeoutMs: TIMEOUT_MS } });
    ({ server, base } = await listen(services));
    spy = new SignalSpy(new LangChainChatModel({ baseUrl: fake.baseUrl, apiKey: 'test-key', model: 'fake-model', timeoutMs: 30_000 }));
    const excerpts = new ExcerptSelector({ sections: services.sections, glossary: services.glossary, embedder: services.embedder });
    const asker = new NotesAsker({ retriever: services.retriever, excerpts, glossary: services.glossary, sections: services.sections, chat: spy }, { llmTimeoutMs: 10_000 });
    ({ server: spyServer, base: spyBase } = await listen({ ...services, asker }));
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await new Promise((resolve) => spyServer?.close(resolve));
    await fake?.close();
  });

  it('streams the model tokens as they are generated, grounded in the excerpts', async () => {
    const reply = '1*1卷积可以增加网络的非线性 [1]，还可以做特征降维，减少参数和计算量 [1]。';
    fake.respond({ text: reply, chunkChars: 3, chunkDelayMs: 5 });
    const res = await fetch(`${base}/api/ask/stream`, json({ question: '1*1卷积的作用' }));
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseEvents(await res.text());
    expect(events[0]).toMatchObject({ type: 'meta', mode: 'llm', coverage: 'answered' });
    expect(events.filter((e) => e.type === 'token').length).toBeGreaterThan(5);
    expect(tokens(events)).toBe(reply);
    expect(final(events)).toMatchObject({ mode: 'llm', answer: reply });
    const request = fake.requests.at(-1)!;
    expect(request.stream).toBe(true);
    expect(request.messages[0]!.content).toMatch(/ONLY the numbered excerpts/);
    expect(request.messages[1]!.content).toContain('[1] 57. 1*1的卷积有何作用');
  });

  it('answers POST /api/ask with the model answer in one piece', async () => {
    fake.respond('1*1卷积可以特征降维 [1]。');
    const res = await fetch(`${base}/api/ask`, json({ question: '1*1卷积的作用' }));
    const body: AskResponse = askResponse.parse(await res.json());
    expect(body).toMatchObject({ mode: 'llm', answer: '1*1卷积可以特征降维 [1]。' });
    expect(fake.requests.at(-1)!.stream).toBe(false);
  });

  it('falls back to the extractive answer with a notice when the model times out', async () => {
    fake.respond({ text: '太晚了', delayMs: 5_000 });
    const started = performance.now();
    const res = await fetch(`${base}/api/ask/stream`, json({ question: '1*1卷积的作用' }));
    const events = parseEvents(await res.text());
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(events.map((e) => e.type)).toEqual(['meta', 'notice', 'reset', 'meta', 'token', 'done']);
    expect(final(events)).toMatchObject({ mode: 'extractive', coverage: 'answered' });
    expect(final(events).answer).toContain('特征降维');
    expect(final(events).notice).toContain('没有回应');

    const plain = askResponse.parse(await (await fetch(`${base}/api/ask`, json({ question: '1*1卷积的作用' }))).json());
    expect(plain.mode).toBe('extractive');
    expect(plain.notice).toContain('没有回应');
  });

  it('falls back when the model endpoint fails', async () => {
    fake.respond({ status: 500 });
    const body = askResponse.parse(await (await fetch(`${base}/api/ask`, json({ question: '1*1卷积的作用' }))).json());
    expect(body.mode).toBe('extractive');
    expect(body.notice).toMatch(/LLM 调用失败/);
  });

  it('stops the upstream model call when the client closes the stream', async () => {
    fake.respond({ text: '很长的回答。'.repeat(200), chunkChars: 2, chunkDelayMs: 50 });
    const controller = new AbortController();
    const res = await fetch(`${spyBase}/api/ask/stream`, { ...json({ question: '1*1卷积的作用' }), signal: controller.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    while (!received.includes('event: token')) received += (await reader.read()).value ?? '';
    const upstream = spy.signals.at(-1)!;
    expect(upstream.aborted).toBe(false);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const deadline = Date.now() + 3_000;
    while (!upstream.aborted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(upstream.aborted).toBe(true);
  });

  it('stops the upstream model call when the client abandons POST /api/ask', async () => {
    fake.respond({ text: '迟到的回答', delayMs: 5_000 });
    const controller = new AbortController();
    const before = spy.signals.length;
    const request = fetch(`${spyBase}/api/ask`, { ...json({ question: '1*1卷积的作用' }), signal: controller.signal });
    const deadline = Date.now() + 3_000;
    while (spy.signals.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const upstream = spy.signals.at(-1)!;
    controller.abort();
    await expect(request).rejects.toThrow();
    while (!upstream.aborted && Date.now() < deadline + 3_000) await new Promise((r) => setTimeout(r, 20));
    expect(upstream.aborted).toBe(true);
  });
});
