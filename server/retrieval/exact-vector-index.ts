// Exact (brute-force) cosine search: the reference that HNSW recall is measured against.

import type { ScoredId, VectorIndex } from './types.js';

export class ExactVectorIndex implements VectorIndex {
  private readonly vectors = new Map<string, Float32Array>();

  get size(): number {
    return this.vectors.size;
  }

  upsert(ids: string[], vectors: Float32Array[]): void {
    ids.forEach((id, i) => this.vectors.set(id, vectors[i]!));
  }

  remove(ids: string[]): void {
    ids.forEach((id) => this.vectors.delete(id));
  }

  search(vector: Float32Array, k: number): ScoredId[] {
    const scored: ScoredId[] = [];
    for (const [id, v] of this.vectors) {
      let dot = 0;
      for (let j = 0; j < v.length; j++) dot += v[j]! * vector[j]!;
      scored.push({ id, score: dot });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, k);
  }
}
