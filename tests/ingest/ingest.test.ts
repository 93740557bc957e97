import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIndex, ingest } from '../../server/ingest/ingest.js';
import { loadIndex, readManifest } from '../../server/retrieval/index-store.js';
import type { Embedder } from '../../server/retrieval/types.js';
import { createEmbedder } from '../../server/retrieval/create-embedder.js';
import { testConfig } from '../support/test-config.js';

/** Counts what it embeds, so tests can see what ingest re-embeds. Vectors come from the real bundled model. */
class CountingEmbedder implements Embedder {
  embedded: string[] = [];
  constructor(private readonly inner: Embedder) {}
  get modelId() {
    return this.inner.modelId;
  }
  get dimensions() {
    return this.inner.dimensions;
  }
  async embedDocuments(texts: string[]) {
    this.embedded.push(...texts);
    return this.inner.embedDocuments(texts);
  }
  embedQuery(text: string) {
    return this.inner.embedQuery(text);
  }
}

function workspace() {
  const root = mkdtempSync(path.join(tmpdir(), 'ingest-'));
  const notesDir = path.join(root, 'notes');
  cpSync('corpus', notesDir, { recursive: true });
  return { notesDir, indexDir: path.join(root, 'index'), glossaryFile: path.join(notesDir, 'glossary.yaml') };
}

const model = createEmbedder(testConfig());

describe('ingest', () => {
  it('builds the index, then re-embeds nothing when nothing changed, then only the edited section', async () => {
    const ws = workspace();
    const first = new CountingEmbedder(model);
    const summary = await ingest({ ...ws, embedder: first });
    expect(summary).toMatchObject({ sections: 67, emptyAnswers: 11, reused: 0 });
    // Every chunk, plus each of the 56 answered questions on its own.
    expect(first.embedded).toHaveLength(summary.chunks + 56);
    expect(summary.embedded).toBe(first.embedded.length);

    const second = new CountingEmbedder(model);
    const again = await ingest({ ...ws, embedder: second });
    expect(second.embedded).toHaveLength(0);
    expect(again.reused).toBe(summary.embedded);
    expect((await checkIndex({ ...ws, modelId: model.modelId })).reason).toBeNull();

    const file = path.join(ws.notesDir, 'deep-learning-interview-notes.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('空洞卷积也叫扩张卷积', '空洞卷积又名扩张卷积'));
    expect((await checkIndex({ ...ws, modelId: model.modelId })).reason).toMatch(/notes changed/);
    const third = new CountingEmbedder(model);
    const edited = await ingest({ ...ws, embedder: third });
    expect(third.embedded).toHaveLength(1);
    expect(third.embedded[0]).toContain('空洞卷积又名扩张卷积');
    expect(edited.embedded).toBe(1);
  });

  it('removes the chunks of a deleted section', async () => {
    const ws = workspace();
    await ingest({ ...ws, embedder: model });
    const file = path.join(ws.notesDir, 'deep-learning-interview-notes.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/## 12\. 解释下卷积神经网络中的感受野\n[^#]*/, ''));
    const summary = await ingest({ ...ws, embedder: model });
    expect(summary.sections).toBe(66);
    expect(summary.removed).toBe(2); // its one chunk and its question vector
    const index = await loadIndex(ws.indexDir, model.modelId);
    expect(index.vectors.size).toBe(summary.chunks + 55);
  });

  it('refuses to load an index built with another model, saying what to run', async () => {
    const ws = workspace();
    await ingest({ ...ws, embedder: model });
    await expect(loadIndex(ws.indexDir, 'some/other-model')).rejects.toThrow(/built with embedding model .* Run `npm run ingest -- --rebuild`/);
  });

  it('detects a corrupted index file at load with a message to re-run ingest', async () => {
    const ws = workspace();
    await ingest({ ...ws, embedder: model });
    const file = path.join(ws.indexDir, 'vectors.hnsw');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(file, bytes);
    await expect(loadIndex(ws.indexDir, model.modelId)).rejects.toThrow(/corrupted. Run `npm run ingest -- --rebuild`/);
  });

  it('leaves the previous index intact when ingest fails midway', async () => {
    const ws = workspace();
    await ingest({ ...ws, embedder: model });
    const before = await readManifest(ws.indexDir);
    const file = path.join(ws.notesDir, 'deep-learning-interview-notes.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n## 68. 新问题\n新答案。\n`);
    const failing: Embedder = { modelId: model.modelId, dimensions: model.dimensions, embedQuery: model.embedQuery.bind(model), embedDocuments: async () => { throw new Error('power cut'); } };
    await expect(ingest({ ...ws, embedder: failing })).rejects.toThrow('power cut');
    expect(await readManifest(ws.indexDir)).toEqual(before);
    await expect(loadIndex(ws.indexDir, model.modelId)).resolves.toBeTruthy();
    expect(readdirSync(path.dirname(ws.indexDir)).filter((f) => f.includes('.new-') || f.includes('.old-'))).toEqual([]);
  });

  it('does not modify the notes it reads', async () => {
    const ws = workspace();
    const file = path.join(ws.notesDir, 'deep-learning-interview-notes.md');
    const before = readFileSync(file);
    await ingest({ ...ws, embedder: model });
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
