// Builds or updates the search index from a notes folder, embedding only the chunks whose text changed.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Glossary } from '../glossary/glossary.js';
import { chunkSections } from '../notes/chunk-sections.js';
import { loadNotes, type LoadedNotes } from '../notes/load-notes.js';
import type { Chunk, Section } from '../notes/types.js';
import { DEFAULT_HNSW, HnswVectorIndex } from '../retrieval/hnsw-vector-index.js';
import { questionVectorId } from '../retrieval/vector-ids.js';
import { checkCompatible, loadIndex, readManifest, saveIndex, sha256, type LoadedIndex, type Manifest } from '../retrieval/index-store.js';
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
  /** The notes, when already read from `notesDir` (by checkIndex), so they are not read twice. */
  notes?: LoadedNotes;
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
  /** What in the notes was skipped or looks wrong, each as `file[:line]: message`. */
  warnings: string[];
  /**
   * Why an existing index could not be reused and everything was embedded again (damaged or inconsistent files,
   * another model), or null when it was updated in place or there was none.
   */
  rebuiltBecause: string | null;
  manifest: Manifest;
}

// 64 chunks per embedding call: progress updates stay frequent while call overhead stays small.
const EMBED_BATCH = 64;

interface IndexItem {
  id: string;
  indexText: string;
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  const notes = options.notes ?? (await loadNotes(options.notesDir));
  const chunks = chunkSections(notes.sections);
  const glossaryHash = await fileHash(options.glossaryFile);

  const { previous, problem } = options.rebuild ? { previous: null, problem: null } : await reusableIndex(options.indexDir, options.embedder.modelId);
  let rebuiltBecause = problem;
  // Besides its chunks, each answered section's question alone gets a vector: questions are phrased like the
  // user's queries, and a long answer's chunks dilute them.
  const items: IndexItem[] = [
    ...chunks.map((c) => ({ id: c.id, indexText: c.indexText })),
    ...notes.sections.filter((s) => s.hasReference).map((s) => ({ id: questionVectorId(s.id), indexText: s.title })),
  ];
  const chunkHashes = Object.fromEntries(items.map((c) => [c.id, sha256(c.indexText)]));
  let changed = items.filter((c) => previous?.manifest.chunkHashes[c.id] !== chunkHashes[c.id]);
  let removed = previous ? Object.keys(previous.manifest.chunkHashes).filter((id) => !(id in chunkHashes)) : [];

  let vectors: HnswVectorIndex;
  try {
    vectors = await updateVectors(previous?.vectors ?? null, changed, removed, options.embedder, progress, chunks.length);
  } catch (error) {
    // The checks at load should catch an inconsistent index; should hnswlib still refuse an edit, embedding
    // everything again is what `--rebuild` would do, so do it rather than leave the notes unindexable.
    // (An embedder failure is not retried: it would fail the same way.)
    if (!previous || !(error instanceof VectorUpdateError)) throw error;
    rebuiltBecause = `updating it failed (${error.message})`;
    changed = items;
    removed = [];
    vectors = await updateVectors(null, items, [], options.embedder, progress, chunks.length);
  }
  if (vectors.deletedCount > vectors.size) vectors = vectors.compacted();

  const keywords = buildKeywordIndex(notes.sections, chunks);
  const manifest = await saveIndex(options.indexDir, {
    manifest: {
      modelId: options.embedder.modelId,
      dimensions: vectors.dimensions,
      builtAt: new Date().toISOString(),
      notesDir: path.resolve(options.notesDir),
      sectionCount: notes.sections.length,
      chunkCount: chunks.length,
      sourceHashes: notes.hashes,
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
    rebuiltBecause,
    manifest,
  };
}

/** The vector index refused an edit (as opposed to the embedder failing). */
class VectorUpdateError extends Error {}

/** Embeds `changed` into `vectors` (a new index when null) and drops `removed`. */
async function updateVectors(
  vectors: HnswVectorIndex | null,
  changed: IndexItem[],
  removed: string[],
  embedder: Embedder,
  progress: Progress,
  capacity: number,
): Promise<HnswVectorIndex> {
  let out = vectors;
  const edit = (apply: () => void) => {
    try {
      apply();
    } catch (error) {
      throw new VectorUpdateError((error as Error).message, { cause: error });
    }
  };
  progress.start('embedding', changed.length);
  try {
    for (let i = 0; i < changed.length; i += EMBED_BATCH) {
      const batch = changed.slice(i, i + EMBED_BATCH);
      const embedded = await embedder.embedDocuments(batch.map((c) => c.indexText));
      // Created from the first vectors: a hub model's dimensions are known only once it has embedded something.
      out ??= new HnswVectorIndex(embedded[0]!.length, DEFAULT_HNSW, Math.max(capacity, 16));
      const index = out;
      edit(() => index.upsert(batch.map((c) => c.id), embedded));
      progress.advance(batch.length);
    }
  } finally {
    progress.stop();
  }
  const index = out ?? new HnswVectorIndex(embedder.dimensions, DEFAULT_HNSW, 16);
  edit(() => index.remove(removed));
  return index;
}

type IndexCheckOptions = Pick<IngestOptions, 'notesDir' | 'indexDir' | 'glossaryFile'> & { modelId: string };

export interface IndexCheck {
  /** Why the index needs (re)building, or null when it is current. */
  reason: string | null;
  /** The notes as read for the check. */
  notes: LoadedNotes;
}

/**
 * Whether the index is current for these notes, glossary and model, with the notes it read to tell. The notes are
 * read first, so that a problem with them (no markdown files, no questions) is the first thing a command reports.
 */
export async function checkIndex(options: IndexCheckOptions): Promise<IndexCheck> {
  const notes = await loadNotes(options.notesDir);
  let manifest: Manifest | null;
  try {
    manifest = await readManifest(options.indexDir);
  } catch (error) {
    return { reason: (error as Error).message, notes };
  }
  if (!manifest) return { reason: 'no index yet', notes };
  try {
    checkCompatible(manifest, options.modelId);
  } catch (error) {
    return { reason: (error as Error).message, notes };
  }
  if (manifest.notesDir !== path.resolve(options.notesDir)) return { reason: `switching from the notes in ${manifest.notesDir}`, notes };
  if (manifest.glossaryHash !== (await fileHash(options.glossaryFile))) return { reason: 'the glossary changed', notes };
  const hashes = notes.hashes;
  const before = manifest.sourceHashes;
  const changed = [...new Set([...Object.keys(hashes), ...Object.keys(before)])].filter((f) => hashes[f] !== before[f]);
  return { reason: changed.length > 0 ? `notes changed: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ' …' : ''}` : null, notes };
}

/** The index to update, or why an existing one cannot be (null when there is none: nothing to say). */
async function reusableIndex(indexDir: string, modelId: string): Promise<{ previous: LoadedIndex | null; problem: string | null }> {
  if (!existsSync(path.join(indexDir, 'manifest.json'))) return { previous: null, problem: null };
  try {
    return { previous: await loadIndex(indexDir, modelId), problem: null };
  } catch (error) {
    // A damaged, inconsistent or incompatible index is rebuilt from scratch; its message's advice to run
    // `npm run ingest -- --rebuild` is what is happening, so it is left out.
    return { previous: null, problem: withoutAdvice((error as Error).message) };
  }
}

/** An index error's message without its closing "Run `npm run ingest …`" advice. */
export function withoutAdvice(message: string): string {
  return message.replace(/\s*Run `npm run ingest[^`]*`.*$/s, '').replace(/\.$/, '');
}

function buildKeywordIndex(sections: Section[], chunks: Chunk[]): MiniSearchKeywordIndex {
  const title = new Map(sections.map((s) => [s.id, s.title]));
  const index = MiniSearchKeywordIndex.create();
  index.upsert(chunks.map((c) => ({ id: c.id, title: title.get(c.sectionId) ?? '', text: c.text })));
  return index;
}

async function fileHash(file: string): Promise<string> {
  try {
    return sha256(await readFile(file));
  } catch {
    return 'none';
  }
}
