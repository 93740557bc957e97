import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Glossary } from '../../server/glossary/glossary.js';
import { buildStaticModel, DEFAULT_MODEL_OPTIONS } from '../../server/model/build-static-model.js';
import { parseMarkdown } from '../../server/notes/parse-notes.js';
import { TransformersEmbedder } from '../../server/retrieval/transformers-embedder.js';

const notes = parseMarkdown(
  'n.md',
  [
    '## 1. 空洞卷积的作用',
    '空洞卷积在不增加参数的情况下增大感受野，特征图大小不变。',
    '## 2. dropout的原理',
    '训练时随机丢弃神经元，防止过拟合，是一种正则化方法。',
    '## 3. 批量归一化的原理',
    '对每个批次做归一化，减去均值除以标准差，再缩放平移，加快训练。',
    '## 4. 池化的作用',
    '池化降低特征图尺寸，减少参数，带来平移不变性，增大感受野。',
  ].join('\n'),
).sections;
const glossary = new Glossary({
  terms: [
    ['空洞卷积', 'dilated convolution'],
    ['随机失活', 'dropout'],
    ['批量归一化', 'batch normalization'],
    ['过拟合', 'overfitting'],
  ],
  intents: {},
});
const options = { ...DEFAULT_MODEL_OPTIONS, dims: 8 };
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('building the static embedding model', () => {
  it('writes a transformers.js model folder that loads offline and retrieves the right note', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'model-')), 'tiny');
    const built = await buildStaticModel(notes, glossary, dir, options);
    expect(built.dims).toBe(8);
    const embedder = new TransformersEmbedder({ model: dir, allowRemote: false });
    const docs = await embedder.embedDocuments(notes.map((s) => `${s.title}\n${s.answer}`));
    const best = async (q: string) => {
      const v = await embedder.embedQuery(q);
      return notes[docs.map((d) => dot(v, d)).reduce((bi, s, i, all) => (s > all[bi]! ? i : bi), 0)]!.number;
    };
    expect(await best('空洞卷积')).toBe(1);
    // English words that occur only in the glossary land near their Chinese equivalents.
    expect(await best('what is batch normalization')).toBe(3);
    expect(await best('dilated convolution')).toBe(1);
  });

  it('is deterministic: the same inputs give byte-identical weights', async () => {
    const a = await buildStaticModel(notes, glossary, path.join(mkdtempSync(path.join(tmpdir(), 'model-')), 'a'), options);
    const b = await buildStaticModel(notes, glossary, path.join(mkdtempSync(path.join(tmpdir(), 'model-')), 'b'), options);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(readFileSync(path.join(a.dir, 'tokenizer.json')).equals(readFileSync(path.join(b.dir, 'tokenizer.json')))).toBe(true);
  });
});
