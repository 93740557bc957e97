// Truncated SVD of a large sparse matrix by random projection (Halko, Martinsson & Tropp 2011).

import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { gaussian, seededRandom } from './random.js';
import type { SparseMatrix } from './sparse-matrix.js';

export interface TruncatedSvd {
  /** Left singular vectors, rows × k, row-major. */
  u: Float64Array;
  /** Singular values, descending. */
  s: Float64Array;
  k: number;
}

/** The top-k singular triplets; 10 extra probe columns and 3 power iterations suit PPMI's slow spectral decay. */
export function randomizedSvd(m: SparseMatrix, k: number, seed: number, oversample = 10, powerIterations = 3): TruncatedSvd {
  const w = Math.min(k + oversample, m.cols, m.rows);
  const normal = gaussian(seededRandom(seed));
  const omega = new Float64Array(m.cols * w).map(() => normal());
  let q = orthonormal(m.times(omega, w), m.rows, w);
  for (let i = 0; i < powerIterations; i++) {
    const z = orthonormal(m.transposeTimes(q, w), m.cols, w);
    q = orthonormal(m.times(z, w), m.rows, w);
  }
  // B = Qᵀ M is small (w × cols); its left singular vectors come from the eigenvectors of B Bᵀ (w × w).
  const bt = m.transposeTimes(q, w); // = (Qᵀ M)ᵀ, cols × w
  const gram = new Matrix(w, w);
  for (let c = 0; c < m.cols; c++) {
    const o = c * w;
    for (let i = 0; i < w; i++) {
      const bi = bt[o + i]!;
      if (bi === 0) continue;
      for (let j = i; j < w; j++) gram.set(i, j, gram.get(i, j) + bi * bt[o + j]!);
    }
  }
  for (let i = 0; i < w; i++) for (let j = 0; j < i; j++) gram.set(i, j, gram.get(j, i));
  const eig = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).slice(0, Math.min(k, w));
  const vectors = eig.eigenvectorMatrix;
  const kk = order.length;
  const u = new Float64Array(m.rows * kk);
  const s = new Float64Array(kk);
  order.forEach(([value, col], j) => {
    s[j] = Math.sqrt(Math.max(value, 0));
    // Fix each vector's sign (largest component positive) so repeated builds agree exactly.
    let sign = 1;
    let largest = 0;
    for (let i = 0; i < w; i++) if (Math.abs(vectors.get(i, col)) > largest) { largest = Math.abs(vectors.get(i, col)); sign = Math.sign(vectors.get(i, col)) || 1; }
    for (let r = 0; r < m.rows; r++) {
      let acc = 0;
      for (let i = 0; i < w; i++) acc += q[r * w + i]! * vectors.get(i, col);
      u[r * kk + j] = sign * acc;
    }
  });
  return { u, s, k: kk };
}

/**
 * Orthonormal basis of the columns of a (rows × cols, row-major) by modified Gram–Schmidt, run twice for
 * numerical stability ("twice is enough", Giraud et al. 2005). Column-major scratch keeps the inner loops
 * contiguous, which is ~20× faster here than a general QR on a Matrix object.
 */
function orthonormal(a: Float64Array, rows: number, cols: number): Float64Array {
  const q = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) q[c * rows + r] = a[r * cols + c]!;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < cols; j++) {
      const oj = j * rows;
      for (let i = 0; i < j; i++) {
        const oi = i * rows;
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += q[oi + r]! * q[oj + r]!;
        for (let r = 0; r < rows; r++) q[oj + r]! -= dot * q[oi + r]!;
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += q[oj + r]! * q[oj + r]!;
      norm = Math.sqrt(norm) || 1;
      for (let r = 0; r < rows; r++) q[oj + r]! /= norm;
    }
  }
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = q[c * rows + r]!;
  return out;
}
