// A compressed-sparse-row matrix with the two products randomized SVD needs.

export class SparseMatrix {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly rowStart: Int32Array,
    readonly colIndex: Int32Array,
    readonly values: Float64Array,
  ) {}

  /** Builds from a map of row → (col → value). */
  static fromRows(rows: number, cols: number, entries: Map<number, Map<number, number>>): SparseMatrix {
    let nnz = 0;
    for (const r of entries.values()) nnz += r.size;
    const rowStart = new Int32Array(rows + 1);
    const colIndex = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    let k = 0;
    for (let r = 0; r < rows; r++) {
      rowStart[r] = k;
      const row = entries.get(r);
      if (row) {
        for (const c of [...row.keys()].sort((a, b) => a - b)) {
          colIndex[k] = c;
          values[k++] = row.get(c)!;
        }
      }
    }
    rowStart[rows] = k;
    return new SparseMatrix(rows, cols, rowStart, colIndex, values);
  }

  /** this (rows×cols) · dense (cols×w, row-major) → rows×w. */
  times(dense: Float64Array, w: number): Float64Array {
    const out = new Float64Array(this.rows * w);
    for (let r = 0; r < this.rows; r++) {
      for (let k = this.rowStart[r]!; k < this.rowStart[r + 1]!; k++) {
        const v = this.values[k]!;
        const c = this.colIndex[k]! * w;
        const o = r * w;
        for (let j = 0; j < w; j++) out[o + j]! += v * dense[c + j]!;
      }
    }
    return out;
  }

  /** thisᵀ (cols×rows) · dense (rows×w, row-major) → cols×w. */
  transposeTimes(dense: Float64Array, w: number): Float64Array {
    const out = new Float64Array(this.cols * w);
    for (let r = 0; r < this.rows; r++) {
      const o = r * w;
      for (let k = this.rowStart[r]!; k < this.rowStart[r + 1]!; k++) {
        const v = this.values[k]!;
        const c = this.colIndex[k]! * w;
        for (let j = 0; j < w; j++) out[c + j]! += v * dense[o + j]!;
      }
    }
    return out;
  }
}
