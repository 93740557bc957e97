// One contract for every VectorIndex implementation.

import { describe, expect, it } from 'vitest';
import type { VectorIndex } from '../../server/retrieval/types.js';

const unit = (xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};

export function vectorIndexContract(name: string, create: (dims: number) => VectorIndex): void {
  describe(`${name} (VectorIndex contract)`, () => {
    it('returns the nearest vectors first with cosine similarity as the score', () => {
      const index = create(3);
      index.upsert(['x', 'y', 'xy'], [unit([1, 0, 0]), unit([0, 1, 0]), unit([1, 1, 0])]);
      const hits = index.search(unit([1, 0.1, 0]), 3);
      expect(hits.map((h) => h.id)).toEqual(['x', 'xy', 'y']);
      expect(hits[0]!.score).toBeCloseTo(0.995, 2);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    });

    it('replaces the vector of an id that is added again', () => {
      const index = create(3);
      index.upsert(['a'], [unit([1, 0, 0])]);
      index.upsert(['a'], [unit([0, 0, 1])]);
      expect(index.size).toBe(1);
      expect(index.search(unit([0, 0, 1]), 1)[0]).toMatchObject({ id: 'a' });
      expect(index.search(unit([0, 0, 1]), 1)[0]!.score).toBeCloseTo(1, 5);
    });

    it('forgets removed ids and never returns more hits than it holds', () => {
      const index = create(3);
      index.upsert(['a', 'b'], [unit([1, 0, 0]), unit([0, 1, 0])]);
      index.remove(['a', 'missing']);
      expect(index.size).toBe(1);
      expect(index.search(unit([1, 0, 0]), 10).map((h) => h.id)).toEqual(['b']);
    });

    it('reuses room after removals and keeps growing past its first capacity', () => {
      const index = create(4);
      const ids = Array.from({ length: 3000 }, (_, i) => `v${i}`);
      index.upsert(ids, ids.map((_, i) => unit([Math.cos(i), Math.sin(i), (i % 7) + 1, 1])));
      index.remove(ids.slice(0, 1000));
      index.upsert(['new'], [unit([1, 1, 1, 1])]);
      expect(index.size).toBe(2001);
      expect(index.search(unit([1, 1, 1, 1]), 1)[0]!.id).toBe('new');
    });
  });
}
