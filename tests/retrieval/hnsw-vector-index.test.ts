// HnswVectorIndex against the real hnswlib: label reuse under long random edit sequences, save/load round trips,
// compaction, and refusing (so that it can be rebuilt) an index whose labels disagree with hnswlib's.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { HnswVectorIndex } from '../../server/retrieval/hnsw-vector-index.js';
import { seededRandom } from '../../server/model/random.js';


function unitVector(rnd: () => number, dims: number): Float32Array {
  const v = Float32Array.from({ length: dims }, () => rnd() - 0.5);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

const tempFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'hnsw-')), 'v.hnsw');

/** Every live id is found first when searching with its own vector, and a search for everything returns exactly the live ids. */
function expectHolds(index: HnswVectorIndex, live: Map<string, Float32Array>, where: string): void {
  expect(index.size, where).toBe(live.size);
  for (const [id, vector] of live) {
    const [top] = index.search(vector, 1);
    expect(top?.id, `${where}: ${id}`).toBe(id);
    expect(top!.score, `${where}: ${id}`).toBeCloseTo(1, 4);
  }
  expect(new Set(index.search(unitVector(seededRandom(1), 16), live.size + 5).map((h) => h.id)), where).toEqual(new Set(live.keys()));
}

describe('HnswVectorIndex under long random edit sequences', () => {
  // Regression: reusing a freed label through hnswlib's replace-deleted mode let hnswlib fill another deleted slot
  // and drop that slot's label, so a later edit failed with "Label not found" or "already deleted" (QA, 4 edits).
  it.each([1, 2, 3, 42])('keeps every live id findable through 1,500 random upserts, updates and removals (seed %i)', async (seed) => {
    const rnd = seededRandom(seed);
    const dims = 16;
    let index = new HnswVectorIndex(dims, undefined, 8);
    const live = new Map<string, Float32Array>();
    const pool = Array.from({ length: 120 }, (_, i) => `chunk-${i}`);
    for (let step = 1; step <= 1500; step++) {
      const batch = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => pool[Math.floor(rnd() * pool.length)]!))];
      if (rnd() < 0.45) {
        index.remove(batch);
        batch.forEach((id) => live.delete(id));
      } else {
        const vectors = batch.map(() => unitVector(rnd, dims));
        index.upsert(batch, vectors);
        batch.forEach((id, i) => live.set(id, vectors[i]!));
      }
      if (step % 100 === 0) {
        // What ingest does between runs: save, then load (which checks hnswlib's labels against ours).
        const file = tempFile();
        await index.save(file);
        index = await HnswVectorIndex.load(file, dims);
        expectHolds(index, live, `seed ${seed}, step ${step}, after reload`);
      }
    }
    expectHolds(index, live, `seed ${seed}, end`);
  });

  it('reuses the slots of removed ids, so churn does not grow the index', async () => {
    const rnd = seededRandom(7);
    const index = new HnswVectorIndex(8, undefined, 4);
    const ids = Array.from({ length: 50 }, (_, i) => `a${i}`);
    index.upsert(ids, ids.map(() => unitVector(rnd, 8)));
    for (let round = 0; round < 20; round++) {
      index.remove(ids.slice(0, 25));
      const renamed = ids.slice(0, 25).map((id) => `${id}-r${round}`);
      index.upsert(renamed, renamed.map(() => unitVector(rnd, 8)));
      ids.splice(0, 25, ...renamed);
      ids.push(...ids.splice(0, 25)); // the next round removes the other half
    }
    const file = tempFile();
    await index.save(file);
    expect((JSON.parse(readFileSync(`${file}.labels.json`, 'utf8')) as { ids: unknown[] }).ids).toHaveLength(50);
    expect(index.deletedCount).toBe(0);
  });

  it('compacts to the live vectors only, keeping each id findable by its own vector', () => {
    const rnd = seededRandom(11);
    const index = new HnswVectorIndex(16, undefined, 8);
    const ids = Array.from({ length: 300 }, (_, i) => `c${i}`);
    const vectors = ids.map(() => unitVector(rnd, 16));
    index.upsert(ids, vectors);
    index.remove(ids.slice(0, 290));
    expect(index.deletedCount).toBe(290);
    const compact = index.compacted();
    expect(compact.deletedCount).toBe(0);
    expectHolds(compact, new Map(ids.slice(290).map((id, i) => [id, vectors[290 + i]!])), 'compacted');
  });
});

describe('HnswVectorIndex.load on an inconsistent index', () => {
  it('refuses an index written by the old replace-deleted reuse, whose hnswlib labels drifted from its labels file', async () => {
    // Replays what the index did before the fix, with hnswlib directly: removed labels go on a free list and are
    // reused with replaceDeleted, with a save and load between edits, until hnswlib has filled a slot other than
    // the label's own (which it may do whenever more than one slot is free).
    const rnd = seededRandom(5);
    const dims = 8;
    let raw = new hnswlib.HierarchicalNSW('cosine', dims);
    raw.initIndex(64, 16, 200, 100, true);
    const ids: (string | null)[] = Array.from({ length: 12 }, (_, i) => `c${i}`);
    ids.forEach((_, label) => raw.addPoint(Array.from(unitVector(rnd, dims)), label));
    const free: number[] = [];
    let drifted = false;
    for (let round = 0; round < 50 && !drifted; round++) {
      for (let n = Math.floor(rnd() * 4); n > 0; n--) {
        const label = ids.findIndex((id, l) => id !== null && l >= Math.floor(rnd() * ids.length));
        if (label < 0) continue;
        raw.markDelete(label);
        ids[label] = null;
        free.push(label);
      }
      for (let n = Math.floor(rnd() * 5); n > 0 && free.length > 0; n--) {
        const label = free.pop()!;
        raw.addPoint(Array.from(unitVector(rnd, dims)), label, true);
        ids[label] = `c${label}-r${round}`;
      }
      const between = tempFile();
      raw.writeIndexSync(between);
      raw = new hnswlib.HierarchicalNSW('cosine', dims);
      raw.readIndexSync(between, true);
      drifted = raw.getIdsList().length < raw.getCurrentCount();
    }
    expect(drifted).toBe(true);
    const file = tempFile();
    raw.writeIndexSync(file);
    writeFileSync(`${file}.labels.json`, JSON.stringify({ ids }));
    await expect(HnswVectorIndex.load(file, dims)).rejects.toThrow(/is inconsistent .* Run `npm run ingest -- --rebuild`/);
  });

  it('refuses a labels file that calls a live vector removed, or a removed one live', async () => {
    const index = new HnswVectorIndex(2, undefined, 4);
    index.upsert(['a', 'b', 'c'], [Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(0.6, 0.8)]);
    index.remove(['b']);
    const file = tempFile();
    await index.save(file);
    writeFileSync(`${file}.labels.json`, JSON.stringify({ ids: ['a', 'b', 'c'] }));
    await expect(HnswVectorIndex.load(file, 2)).rejects.toThrow(/label 1 is removed but holds b/);
    writeFileSync(`${file}.labels.json`, JSON.stringify({ ids: ['a', null, null] }));
    await expect(HnswVectorIndex.load(file, 2)).rejects.toThrow(/label 2 is live but should be removed/);
  });
});
