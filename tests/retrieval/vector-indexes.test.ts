import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExactVectorIndex } from '../../server/retrieval/exact-vector-index.js';
import { HnswVectorIndex } from '../../server/retrieval/hnsw-vector-index.js';
import { vectorIndexContract } from './vector-index.contract.js';

vectorIndexContract('HnswVectorIndex', (dims) => new HnswVectorIndex(dims, undefined, 8));
vectorIndexContract('ExactVectorIndex', () => new ExactVectorIndex());

describe('HnswVectorIndex persistence', () => {
  const build = () => {
    const index = new HnswVectorIndex(2, undefined, 4);
    index.upsert(['a', 'b', 'c'], [Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(0.7, 0.7)]);
    index.remove(['b']);
    return index;
  };

  it('loads what it saved, deletions included', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'hnsw-')), 'v.hnsw');
    await build().save(file);
    const loaded = await HnswVectorIndex.load(file, 2);
    expect(loaded.size).toBe(2);
    expect(loaded.search(Float32Array.of(0, 1), 5).map((h) => h.id)).toEqual(['c', 'a']);
  });

  it('refuses a truncated index file with a message to re-run ingest', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'hnsw-')), 'v.hnsw');
    await build().save(file);
    writeFileSync(file, readFileSync(file).subarray(0, 40));
    await expect(HnswVectorIndex.load(file, 2)).rejects.toThrow(/npm run ingest/);
  });
});
