import { describe, expect, it } from 'vitest';
import { env } from '@huggingface/transformers';
import { TransformersEmbedder } from '../../server/retrieval/transformers-embedder.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('TransformersEmbedder with the bundled model', () => {
  const embedder = new TransformersEmbedder({ model: 'models/tutor-zh-static', allowRemote: false });

  it('loads through transformers.js from local disk with remote loading off', async () => {
    const [v] = await embedder.embedDocuments(['空洞卷积的作用']);
    expect(env.allowRemoteModels).toBe(false);
    expect(v!.length).toBe(embedder.dimensions);
    expect(dot(v!, v!)).toBeCloseTo(1, 4);
    expect(embedder.modelId).toMatch(/^tutor-zh-static@[0-9a-f]{12}$/);
  });

  it('puts synonyms and translations closer than unrelated terms', async () => {
    const [dilated, expanded, english, dropout] = await embedder.embedDocuments(['空洞卷积', '扩张卷积', 'dilated convolution', '随机失活']);
    expect(dot(dilated!, expanded!)).toBeGreaterThan(dot(dilated!, dropout!));
    expect(dot(dilated!, english!)).toBeGreaterThan(dot(dilated!, dropout!));
  });

  it('embeds text with characters it has never seen instead of failing', async () => {
    const [v] = await embedder.embedDocuments(['卷积 ☃ 𠀀 Ω']);
    expect(Number.isFinite(v![0]!)).toBe(true);
  });

  it('refuses a hub model id when downloads are off, saying how to allow them', async () => {
    const offline = new TransformersEmbedder({ model: 'Xenova/bge-small-zh-v1.5', allowRemote: false });
    await expect(offline.embedQuery('x')).rejects.toThrow(/ALLOW_REMOTE_MODELS=1/);
  });

  it('says how to build the model when its folder is missing', async () => {
    const missing = new TransformersEmbedder({ model: './models/does-not-exist', allowRemote: false });
    await expect(missing.embedQuery('x')).rejects.toThrow(/npm run build:model/);
  });
});
