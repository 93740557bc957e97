import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { ServiceHolder } from '../../server/services.js';
import { realServices } from '../support/real-services.js';

let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const { services } = await realServices();
  app = createApp({ services: ServiceHolder.ready(services), llmModel: null });
});

const post = (body: unknown) =>
  app.request('/api/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/search', () => {
  it('finds the Chinese section for an English question', async () => {
    const res = await post({ query: 'what is dilated convolution used for', k: 3 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { inScope: boolean; hits: { heading: string }[] };
    expect(body.hits.map((h) => h.heading)).toContain('11. 卷积神经网络中空洞卷积的作用是什么');
  });

  it.each([
    ['an empty query', { query: '   ' }],
    ['a non-string query', { query: 42 }],
    ['a query over 2,000 characters', { query: '卷'.repeat(2001) }],
    ['a missing query', {}],
  ])('answers 400 with a code and message for %s', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { code: string; message: string };
    expect(json.code).toMatch(/^bad_request/);
    expect(json.message.length).toBeGreaterThan(0);
  });

  // Bug: zero-width characters counted as a query and the search returned arbitrary hits.
  it.each(['\u200b\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', ' \u200b\n\u00ad '])('refuses a query of invisible characters only (%j) as empty', async (query) => {
    const res = await post({ query });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'bad_request:validation', message: 'query: query is empty' });
  });

  it('searches a query that has real words between zero-width characters', async () => {
    const res = await post({ query: '\u200b池化\u200b的作用' });
    expect(res.status).toBe(200);
  });

  it('answers 503 while the index is still being built', async () => {
    const building = createApp({ services: new ServiceHolder(), llmModel: null });
    const res = await building.request('/api/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"pooling"}' });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe('not_ready:index');
  });
});
