// Index files are written atomically: a save that fails half-way leaves the previous index loadable, and a
// damaged file is detected at load with a message naming the command that rebuilds it.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { IndexError } from '../../server/errors.js';
import { runIngest } from '../../server/ingest/run-ingest.js';
import type { HnswVectorIndex } from '../../server/retrieval/hnsw-vector-index.js';
import { loadIndex, saveIndex, type LoadedIndex } from '../../server/retrieval/index-store.js';
import { writeFileAtomic } from '../../server/util/atomic-write.js';
import { testConfig } from '../support/test-config.js';

let config: Config;
let modelId: string;
let before: LoadedIndex;

beforeAll(async () => {
  config = testConfig();
  modelId = (await runIngest(config)).modelId;
  before = await loadIndex(config.indexDir, modelId);
});

describe('saving the index', () => {
  it('keeps the previous index whole when a save fails half-way (e.g. the disk fills up)', async () => {
    const failing = {
      dimensions: before.vectors.dimensions,
      async save(file: string) {
        writeFileSync(file, 'half a vector file');
        throw new Error('ENOSPC: no space left on device');
      },
    } as unknown as HnswVectorIndex;
    const { fileHashes: _f, formatVersion: _v, ...manifest } = before.manifest;
    await expect(saveIndex(config.indexDir, { manifest, sections: [], chunks: [], vectors: failing, keywords: before.keywords })).rejects.toThrow(/ENOSPC/);

    const after = await loadIndex(config.indexDir, modelId);
    expect(after.manifest).toEqual(before.manifest);
    expect(after.chunks).toHaveLength(before.chunks.length);
  });

  it('never leaves a half-written file under the final name', async () => {
    const file = path.join(config.dataDir, 'atomic.json');
    await writeFileAtomic(file, 'old');
    const huge = 'x'.repeat(5_000_000);
    await Promise.all([writeFileAtomic(file, huge), writeFileAtomic(file, 'short')]);
    expect(['short', huge]).toContain(readFileSync(file, 'utf8'));
  });
});

describe('loading a damaged index', () => {
  it.each(['vectors.hnsw', 'vectors.hnsw.labels.json', 'notes.json', 'keywords.json'])('detects a corrupted %s and names the rebuild command', async (name) => {
    const dir = path.join(config.dataDir, `copy-${name}`);
    const parts = await loadIndex(config.indexDir, modelId);
    const { fileHashes: _f, formatVersion: _v, ...manifest } = parts.manifest;
    await saveIndex(dir, { manifest, sections: parts.sections, chunks: parts.chunks, vectors: parts.vectors, keywords: parts.keywords });
    const file = path.join(dir, name);
    expect(existsSync(file)).toBe(true);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(file, bytes);

    const load = loadIndex(dir, modelId);
    await expect(load).rejects.toBeInstanceOf(IndexError);
    await expect(load).rejects.toThrow(/npm run ingest -- --rebuild/);
  });
});
