// Saves and loads the whole search index as one directory: manifest, notes snapshot, vectors and keywords.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { IndexError } from '../errors.js';
import type { Chunk, Section } from '../notes/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { HnswVectorIndex } from './hnsw-vector-index.js';
import { MiniSearchKeywordIndex } from './minisearch-keyword-index.js';

/**
 * Bump when the files' layout or meaning changes; older indexes are rebuilt rather than misread.
 * 4: text normalisation drops invisible characters and makes traditional Chinese simplified, so the stored keyword
 * terms and vectors of notes holding either differ from what queries are now matched against.
 * 5: English keyword terms are Porter2 stems (regularization → regular), not just singulars.
 */
export const INDEX_FORMAT_VERSION = 5;

const FILES = { notes: 'notes.json', vectors: 'vectors.hnsw', labels: 'vectors.hnsw.labels.json', keywords: 'keywords.json' } as const;

const manifestSchema = z.object({
  formatVersion: z.number(),
  modelId: z.string(),
  dimensions: z.number(),
  builtAt: z.string(),
  notesDir: z.string(),
  sectionCount: z.number(),
  chunkCount: z.number(),
  /** sha256 of each source file, by path relative to the notes folder: tells whether notes changed. */
  sourceHashes: z.record(z.string(), z.string()),
  glossaryHash: z.string(),
  /** sha256 of each chunk's indexed text: tells which chunks need embedding again. */
  chunkHashes: z.record(z.string(), z.string()),
  /** sha256 of every file in the index directory: detects truncation and corruption at load. */
  fileHashes: z.record(z.string(), z.string()),
  hnsw: z.object({ m: z.number(), efConstruction: z.number(), efSearch: z.number() }),
});
export type Manifest = z.infer<typeof manifestSchema>;

export interface IndexParts {
  manifest: Omit<Manifest, 'fileHashes' | 'formatVersion'>;
  sections: Section[];
  chunks: Chunk[];
  vectors: HnswVectorIndex;
  keywords: MiniSearchKeywordIndex;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes a complete new index directory beside `dir`, then swaps it in, so readers never see a mix. */
export async function saveIndex(dir: string, parts: IndexParts): Promise<Manifest> {
  const staging = `${dir}.new-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFileAtomic(path.join(staging, FILES.notes), JSON.stringify({ sections: parts.sections, chunks: parts.chunks }));
  await parts.vectors.save(path.join(staging, FILES.vectors));
  await writeFileAtomic(path.join(staging, FILES.keywords), parts.keywords.toJSON());
  const fileHashes: Record<string, string> = {};
  for (const name of Object.values(FILES)) fileHashes[name] = sha256(await readFile(path.join(staging, name)));
  const manifest: Manifest = { formatVersion: INDEX_FORMAT_VERSION, ...parts.manifest, fileHashes };
  await writeFileAtomic(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) await rename(dir, old);
  await rename(staging, dir);
  await rm(old, { recursive: true, force: true });
  return manifest;
}

/** The manifest alone, or null when there is no index yet. Throws when it exists but cannot be read. */
export async function readManifest(dir: string): Promise<Manifest | null> {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) return null;
  try {
    return manifestSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new IndexError(`Index manifest ${file} is unreadable (${(error as Error).message}). Run \`npm run ingest -- --rebuild\`.`, { cause: error });
  }
}

export interface LoadedIndex {
  manifest: Manifest;
  sections: Section[];
  chunks: Chunk[];
  vectors: HnswVectorIndex;
  keywords: MiniSearchKeywordIndex;
}

/** Loads and verifies an index; refuses one built with another model or format, or with damaged files. */
export async function loadIndex(dir: string, expectedModelId: string): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new IndexError(`No index in ${dir}. Run \`npm run ingest\` to build it.`);
  checkCompatible(manifest, expectedModelId);
  for (const [name, hash] of Object.entries(manifest.fileHashes)) {
    const file = path.join(dir, name);
    const ok = existsSync(file) && (await stat(file)).isFile() && sha256(await readFile(file)) === hash;
    if (!ok) throw new IndexError(`Index file ${file} is missing, truncated or corrupted. Run \`npm run ingest -- --rebuild\` to rebuild the index.`);
  }
  const notes = JSON.parse(await readFile(path.join(dir, FILES.notes), 'utf8')) as { sections: Section[]; chunks: Chunk[] };
  const vectors = await HnswVectorIndex.load(path.join(dir, FILES.vectors), manifest.dimensions, manifest.hnsw);
  const keywords = MiniSearchKeywordIndex.fromJSON(await readFile(path.join(dir, FILES.keywords), 'utf8'));
  return { manifest, sections: notes.sections, chunks: notes.chunks, vectors, keywords };
}

export function checkCompatible(manifest: Manifest, expectedModelId: string): void {
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexError(`The index was built by another version of Interview Tutor (format ${manifest.formatVersion}, expected ${INDEX_FORMAT_VERSION}). Run \`npm run ingest -- --rebuild\`.`);
  }
  if (manifest.modelId !== expectedModelId) {
    throw new IndexError(`The index was built with embedding model "${manifest.modelId}" but the server uses "${expectedModelId}". Run \`npm run ingest -- --rebuild\` to re-embed the notes with the current model.`);
  }
}
