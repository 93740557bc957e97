// npm run bench:ingest [-- --sizes 10000,100000] — ingest time, chunks/second and peak RSS for the bundled
// notes and for generated corpora, with the bundled model. Prints a table and a JSON line.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { runIngest } from '../server/ingest/run-ingest.js';
import { loadNotes } from '../server/notes/load-notes.js';
import { generateCorpus } from './bench/generate-corpus.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000' } } });
const sizes = values.sizes!.split(',').map(Number);
const { sections } = await loadNotes('corpus');
const rows: { corpus: string; chunks: number; seconds: number; chunksPerSecond: number; peakRssMb: number }[] = [];

async function measure(label: string, notesDir: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-ingest-'));
  const started = performance.now();
  const summary = await runIngest(loadConfig({ ...process.env, NOTES_DIR: notesDir, DATA_DIR: dataDir }));
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    corpus: label,
    chunks: summary.chunks,
    seconds: Number(seconds.toFixed(2)),
    chunksPerSecond: Math.round(summary.chunks / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
  rmSync(dataDir, { recursive: true, force: true });
}

await measure('bundled notes', 'corpus');
for (const size of sizes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-corpus-'));
  generateCorpus(sections, dir, size);
  await measure(`generated ${size.toLocaleString('en')}`, dir);
  rmSync(dir, { recursive: true, force: true });
}

console.log('\ncorpus               chunks    seconds  chunks/s  peak RSS (MB, process)');
for (const r of rows) console.log(`${r.corpus.padEnd(20)} ${String(r.chunks).padStart(7)} ${r.seconds.toFixed(2).padStart(9)} ${String(r.chunksPerSecond).padStart(9)} ${String(r.peakRssMb).padStart(9)}`);
console.log(JSON.stringify({ bench: 'ingest', rows }));
