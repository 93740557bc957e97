// Makes a saved index inconsistent the way the old label reuse could: the labels file calls a live vector removed.
// The manifest's hash of that file is updated too, so that only the vector index's own check at load can tell.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../../server/retrieval/index-store.js';

export function makeLabelsInconsistent(indexDir: string): void {
  const labelsFile = path.join(indexDir, 'vectors.hnsw.labels.json');
  const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as { ids: (string | null)[] };
  labels.ids[0] = null;
  writeFileSync(labelsFile, JSON.stringify(labels));
  const manifestFile = path.join(indexDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { fileHashes: Record<string, string> };
  manifest.fileHashes['vectors.hnsw.labels.json'] = sha256(readFileSync(labelsFile));
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
}
