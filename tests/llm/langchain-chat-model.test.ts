import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel } from '../../server/llm/create-chat-model.js';
import { ChatTimeoutError, ChatUpstreamError } from '../../server/llm/errors.js';
import { LangChainChatModel } from '../../server/llm/langchain-chat-model.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server.js';
import { runChatModelContract } from './chat-model.contract.js';
import { FakeChatModel } from './fake-chat-model.js';

let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());

const modelFor = (timeoutMs = 5_000) => new LangChainChatModel({ baseUrl: server.baseUrl, apiKey: 'test-key', model: 'fake-model', timeoutMs });

runChatModelContract('LangChainChatModel', {
  replying: async (text) => {
    server.respond({ text, chunkChars: 5 });
    return modelFor();
  },
  slow: async (text, delayMs) => {
    server.respond({ text, delayMs });
    return modelFor();
  },
});

runChatModelContract('FakeChatModel', {
  replying: async (text) => new FakeChatModel([text]),
  slow: async (text, delayMs) => new FakeChatModel([{ text, delayMs }]),
});

describe('LangChainChatModel over HTTP', () => {
  it('sends the configured model, the key and the messages in order', async () => {
    server.respond('fine');
    const before = server.requests.length;
    await modelFor().complete([
      { role: 'system', content: 'rules' },
      { role: 'user', content: '问题' },
    ]);
    const request = server.requests[before]!;
    expect(request.model).toBe('fake-model');
    expect(request.headers.authorization).toBe('Bearer test-key');
    expect(request.messages).toEqual([
      { role: 'system', content: 'rules' },
      { role: 'user', content: '问题' },
    ]);
    expect(request.stream).toBe(false);
  });

  it('asks for a stream when streaming', async () => {
    server.respond('streamed reply');
    const before = server.requests.length;
    let text = '';
    for await (const part of modelFor().stream([{ role: 'user', content: 'x' }])) text += part;
    expect(text).toBe('streamed reply');
    expect(server.requests[before]!.stream).toBe(true);
  });

  it('reports a server error as an upstream error without retrying', async () => {
    server.respond({ status: 500 });
    const before = server.requests.length;
    await expect(modelFor().complete([{ role: 'user', content: 'x' }])).rejects.toBeInstanceOf(ChatUpstreamError);
    expect(server.requests.length - before).toBe(1);
  });

  it('reports a slow server as a timeout, using the per-call limit over the default', async () => {
    server.respond({ text: 'late', delayMs: 1_000 });
    await expect(modelFor(30_000).complete([{ role: 'user', content: 'x' }], { timeoutMs: 100 })).rejects.toBeInstanceOf(ChatTimeoutError);
  });

  it('reports a stream that stalls past the limit as a timeout', async () => {
    server.respond({ text: 'a long streamed reply', chunkChars: 2, chunkDelayMs: 80 });
    const consume = async () => {
      for await (const _ of modelFor().stream([{ role: 'user', content: 'x' }], { timeoutMs: 200 })) void _;
    };
    await expect(consume()).rejects.toBeInstanceOf(ChatTimeoutError);
  });

  it('is only created when an endpoint and model are configured', () => {
    expect(createChatModel({})).toBeNull();
    const model = createChatModel({ llm: { baseUrl: server.baseUrl, apiKey: 'k', model: 'm', timeoutMs: 1000 } });
    expect(model?.model).toBe('m');
  });
});
