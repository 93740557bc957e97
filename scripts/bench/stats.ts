// Percentiles and table printing shared by the bench-* scripts.

/** The p-th percentile (0–100) of `values` by the nearest-rank method; NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** Latency summary in milliseconds: p50 / p95 / p99 and the mean. */
export function latencySummary(ms: number[]): { p50: number; p95: number; p99: number; mean: number } {
  return {
    p50: round(percentile(ms, 50)),
    p95: round(percentile(ms, 95)),
    p99: round(percentile(ms, 99)),
    mean: round(ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length)),
  };
}

/** Prints rows as an aligned text table (numbers right-aligned), with the columns in `columns` order. */
export function printTable<T extends Record<string, unknown>>(title: string, rows: T[], columns: (keyof T & string)[]): void {
  const cell = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'number' ? (Number.isNaN(v) ? 'n/a' : String(v)) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[], numeric: boolean[]) => values.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(columns, columns.map(() => false)));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c])), columns.map((c) => typeof r[c] === 'number')));
}
