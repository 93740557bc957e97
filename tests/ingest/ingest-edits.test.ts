// Ingest over long sequences of ordinary edits of a real notes folder (real files, bundled model, real hnswlib),
// and what it does with an index it cannot update: embed everything again and say why.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../server/ingest/ingest.js';
import { createEmbedder } from '../../server/retrieval/create-embedder.js';
import { loadIndex } from '../../server/retrieval/index-store.js';
import type { Embedder } from '../../server/retrieval/types.js';
import { testConfig } from '../support/test-config.js';
import { makeLabelsInconsistent } from './inconsistent-index.js';
import { seededRandom } from '../../server/model/random.js';

const model = createEmbedder(testConfig());


function workspace() {
  const root = mkdtempSync(path.join(tmpdir(), 'ingest-edits-'));
  const notesDir = path.join(root, 'notes');
  mkdirSync(notesDir);
  return { notesDir, indexDir: path.join(root, 'index'), glossaryFile: path.resolve('corpus/glossary.yaml') };
}

const WORDS = 'model data training loss gradient layer network feature label regularization optimizer batch epoch tensor kernel 卷积 池化 梯度 损失 正则化'.split(' ');

/** Every chunk and question vector the manifest lists is in the index, and searching with its own vector finds it. */
async function expectEveryLiveChunkFound(indexDir: string, where: string): Promise<void> {
  const index = await loadIndex(indexDir, model.modelId);
  const expected = Object.keys(index.manifest.chunkHashes).sort();
  expect(index.vectors.liveIds().sort(), where).toEqual(expected);
  for (const id of expected) {
    // Among the first few rather than first: texts that differ only in words the model does not know
    // ("… gen12?") get the same vector.
    const hits = index.vectors.search(index.vectors.vectorOf(id)!, 10);
    expect(hits[0]!.score, `${where}: ${id}`).toBeCloseTo(1, 4);
    expect(hits.map((h) => h.id), `${where}: ${id}`).toContain(id);
  }
}

describe('ingest over long sequences of edits', () => {
  // Regression (QA): the fourth of four ordinary edits failed with "Hnswlib Error: Label not found" and the index
  // stayed broken; a random-edit fuzzer failed within 10 edits, also with "element is already deleted".
  it.each([1, 2, 3])('keeps every live chunk findable through 80 random file writes, rewrites and deletions (seed %i)', { timeout: 120_000 }, async (seed) => {
    const rnd = seededRandom(seed);
    const ws = workspace();
    let generation = 0;
    const write = (name: string) => {
      const questions = 1 + Math.floor(rnd() * 5);
      let text = '';
      for (let q = 1; q <= questions; q++) {
        const answer = Array.from({ length: 6 + Math.floor(rnd() * 60) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
        // Some questions keep their heading across rewrites, so the same chunk ids come back with new text.
        const heading = rnd() < 0.5 ? `Question ${name} ${q}` : `Question ${name} ${q} gen${generation++}`;
        text += `## ${q}. ${heading}?\n\n${answer}.\n\n`;
      }
      writeFileSync(path.join(ws.notesDir, name), text);
    };
    for (let f = 0; f < 4; f++) write(`f${f}.md`);
    await ingest({ ...ws, embedder: model });
    for (let step = 1; step <= 80; step++) {
      const files = readdirSync(ws.notesDir);
      const r = rnd();
      if (r < 0.3 && files.length > 1) unlinkSync(path.join(ws.notesDir, files[Math.floor(rnd() * files.length)]!));
      else if (r < 0.65) write(`f${Math.floor(rnd() * 8)}.md`);
      else write(files[Math.floor(rnd() * files.length)]!);
      const summary = await ingest({ ...ws, embedder: model });
      expect(summary.rebuiltBecause, `seed ${seed}, step ${step}`).toBeNull();
      if (step % 10 === 0) await expectEveryLiveChunkFound(ws.indexDir, `seed ${seed}, step ${step}`);
    }
    await expectEveryLiveChunkFound(ws.indexDir, `seed ${seed}, end`);
  });

  it("replays QA's four snapshots: f3.md cut to one question, then f2.md, then f2.md rewritten with five new ones", async () => {
    // The same files, question counts and renamed headings as /tmp/qa-notes/hnsw-repro (labels depend on those).
    const ws = workspace();
    let generation = 0;
    const file = (name: string, questions: number) =>
      writeFileSync(
        path.join(ws.notesDir, `${name}.md`),
        Array.from({ length: questions }, (_, i) => `## ${i + 1}. Question ${name}.md ${i + 1} gen${generation++}?\n\ngradient tensor training layer network model.\n`).join('\n'),
      );
    for (const [name, questions] of [['f0', 1], ['f1', 4], ['f2', 4], ['f3', 3]] as const) file(name, questions);
    await ingest({ ...ws, embedder: model });
    for (const [name, questions] of [['f3', 1], ['f2', 1], ['f2', 5]] as const) {
      file(name, questions);
      expect((await ingest({ ...ws, embedder: model })).rebuiltBecause).toBeNull();
    }
    await expectEveryLiveChunkFound(ws.indexDir, 'after the fourth snapshot');
  });

  it('compacts the vector index once most of it is removed notes', async () => {
    const ws = workspace();
    for (let f = 0; f < 10; f++) writeFileSync(path.join(ws.notesDir, `f${f}.md`), `## Question ${f}\n\nAnswer about ${WORDS[f]}.\n`);
    await ingest({ ...ws, embedder: model });
    for (let f = 1; f < 10; f++) rmSync(path.join(ws.notesDir, `f${f}.md`));
    await ingest({ ...ws, embedder: model });
    const labels = JSON.parse(readFileSync(path.join(ws.indexDir, 'vectors.hnsw.labels.json'), 'utf8')) as { ids: unknown[] };
    expect(labels.ids).toHaveLength(2); // f0's chunk and its question, without the 18 removed slots
    await expectEveryLiveChunkFound(ws.indexDir, 'compacted');
  });
});

describe('ingest over an index it cannot update', () => {
  it('embeds everything again when the vector index is inconsistent, and says why', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws.notesDir, 'a.md'), '## 1. Alpha?\n\nalpha answer.\n\n## 2. Beta?\n\nbeta answer.\n');
    const first = await ingest({ ...ws, embedder: model });
    makeLabelsInconsistent(ws.indexDir);
    writeFileSync(path.join(ws.notesDir, 'a.md'), '## 1. Alpha?\n\nalpha answer, edited.\n\n## 2. Beta?\n\nbeta answer.\n');

    const summary = await ingest({ ...ws, embedder: model });
    expect(summary.rebuiltBecause).toMatch(/is inconsistent \(label 0 is live but should be removed\)$/);
    expect(summary.embedded).toBe(first.embedded);
    await expectEveryLiveChunkFound(ws.indexDir, 'rebuilt');
  });

  it('embeds everything again when the existing vectors cannot take the new ones', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws.notesDir, 'a.md'), '## 1. Alpha?\n\nalpha answer.\n');
    await ingest({ ...ws, embedder: model });
    writeFileSync(path.join(ws.notesDir, 'a.md'), '## 1. Alpha?\n\nalpha answer, edited.\n');
    // Same model id, other dimensions: the kind of mismatch that makes hnswlib refuse the update itself.
    const shorter: Embedder = {
      modelId: model.modelId,
      dimensions: 128,
      embedQuery: async (t) => (await model.embedQuery(t)).slice(0, 128),
      embedDocuments: async (ts) => (await model.embedDocuments(ts)).map((v) => v.slice(0, 128)),
    };
    const summary = await ingest({ ...ws, embedder: shorter });
    expect(summary.rebuiltBecause).toMatch(/^updating it failed \(vector for .* has 128 dimensions, index has 256\)$/);
    expect(summary.embedded).toBe(2);
    expect(summary.manifest.dimensions).toBe(128);
  });
});
