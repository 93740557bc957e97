// Builds or updates the search index from a notes folder, embedding only the chunks whose text changed.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Glossary } from '../glossary/glossary.js';
import { chunkSections } from '../notes/chunk-sections.js';
import { loadNotes } from '../notes/load-notes.js';
import type { Chunk, Section } from '../notes/types.js';
import { DEFAULT_HNSW, HnswVectorIndex } from '../retrieval/hnsw-vector-index.js';
import { questionVectorId } from '../retrieval/vector-ids.js';
import { checkCompatible, loadIndex, readManifest, saveIndex, sha256, type Manifest } from '../retrieval/index-store.js';
import { MiniSearchKeywordIndex } from '../retrieval/minisearch-keyword-index.js';
import type { Embedder } from '../retrieval/types.js';
import { silentProgress, type Progress } from './progress.js';

export interface IngestOptions {
  notesDir: string;
  indexDir: string;
  glossaryFile: string;
  embedder: Embedder;
  /** Ignore the existing index and embed everything again. */
  rebuild?: boolean;
  progress?: Progress;
}

export interface IngestSummary {
  sections: number;
  chunks: number;
  emptyAnswers: number;
  embedded: number;
  reused: number;
  removed: number;
  modelId: string;
  seconds: number;
  warnings: string[];
  manifest: Manifest;
}

// 64 chunks per embedding call: progress updates stay frequent while call overhead stays small.
const EMBED_BATCH = 64;

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  const notes = await loadNotes(options.notesDir);
  const chunks = chunkSections(notes.sections);
  const glossaryHash = await fileHash(options.glossaryFile);

  const previous = options.rebuild ? null : await reusableIndex(options.indexDir, options.embedder.modelId);
  // Besides its chunks, each answered section's question alone gets a vector: questions are phrased like the
  // user's queries, and a long answer's chunks dilute them.
  const items = [
    ...chunks.map((c) => ({ id: c.id, indexText: c.indexText })),
    ...notes.sections.filter((s) => s.hasReference).map((s) => ({ id: questionVectorId(s.id), indexText: s.title })),
  ];
  const chunkHashes = Object.fromEntries(items.map((c) => [c.id, sha256(c.indexText)]));
  const changed = items.filter((c) => previous?.manifest.chunkHashes[c.id] !== chunkHashes[c.id]);
  const removed = previous ? Object.keys(previous.manifest.chunkHashes).filter((id) => !(id in chunkHashes)) : [];

  let vectors = previous?.vectors ?? null;
  progress.start('embedding', changed.length);
  for (let i = 0; i < changed.length; i += EMBED_BATCH) {
    const batch = changed.slice(i, i + EMBED_BATCH);
    const embedded = await options.embedder.embedDocuments(batch.map((c) => c.indexText));
    vectors ??= new HnswVectorIndex(embedded[0]!.length, DEFAULT_HNSW, Math.max(chunks.length, 16));
    vectors.upsert(batch.map((c) => c.id), embedded);
    progress.advance(batch.length);
  }
  progress.stop();
  vectors ??= new HnswVectorIndex(options.embedder.dimensions, DEFAULT_HNSW, 16);
  vectors.remove(removed);

  const keywords = buildKeywordIndex(notes.sections, chunks);
  const manifest = await saveIndex(options.indexDir, {
    manifest: {
      modelId: options.embedder.modelId,
      dimensions: vectors.dimensions,
      builtAt: new Date().toISOString(),
      notesDir: path.resolve(options.notesDir),
      sectionCount: notes.sections.length,
      chunkCount: chunks.length,
      sourceHashes: await sourceHashes(options.notesDir, notes.files),
      glossaryHash,
      chunkHashes,
      hnsw: DEFAULT_HNSW,
    },
    sections: notes.sections,
    chunks,
    vectors,
    keywords,
  });
  return {
    sections: notes.sections.length,
    chunks: chunks.length,
    emptyAnswers: notes.sections.filter((s) => !s.hasReference).length,
    embedded: changed.length,
    reused: items.length - changed.length,
    removed: removed.length,
    modelId: options.embedder.modelId,
    seconds: (performance.now() - started) / 1000,
    warnings: notes.warnings,
    manifest,
  };
}

/** Why the index needs (re)building, or null when it is current for these notes, glossary and model. */
export async function staleness(options: Pick<IngestOptions, 'notesDir' | 'indexDir' | 'glossaryFile'> & { modelId: string }): Promise<string | null> {
  let manifest: Manifest | null;
  try {
    manifest = await readManifest(options.indexDir);
  } catch (error) {
    return (error as Error).message;
  }
  if (!manifest) return 'no index yet';
  try {
    checkCompatible(manifest, options.modelId);
  } catch (error) {
    return (error as Error).message;
  }
  if (manifest.notesDir !== path.resolve(options.notesDir)) return `the index was built from ${manifest.notesDir}`;
  if (manifest.glossaryHash !== (await fileHash(options.glossaryFile))) return 'the glossary changed';
  const notes = await loadNotes(options.notesDir);
  const hashes = await sourceHashes(options.notesDir, notes.files);
  const before = manifest.sourceHashes;
  const changed = [...new Set([...Object.keys(hashes), ...Object.keys(before)])].filter((f) => hashes[f] !== before[f]);
  return changed.length > 0 ? `notes changed: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ' …' : ''}` : null;
}

async function reusableIndex(indexDir: string, modelId: string) {
  try {
    return await loadIndex(indexDir, modelId);
  } catch {
    // A missing, damaged or incompatible index is simply rebuilt from scratch.
    return null;
  }
}

function buildKeywordIndex(sections: Section[], chunks: Chunk[]): MiniSearchKeywordIndex {
  const title = new Map(sections.map((s) => [s.id, s.title]));
  const index = MiniSearchKeywordIndex.create();
  index.upsert(chunks.map((c) => ({ id: c.id, title: title.get(c.sectionId) ?? '', text: c.text })));
  return index;
}

async function sourceHashes(dir: string, files: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of files) out[f] = sha256(await readFile(path.join(dir, f)));
  return out;
}

async function fileHash(file: string): Promise<string> {
  try {
    return sha256(await readFile(file));
  } catch {
    return 'none';
  }
}
