// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions and files with the most self time.
// Usage: npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile [--top 25]

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarise(profile: Profile, top = 25): { byFunction: [string, number][]; byFile: [string, number][]; totalMs: number } {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/work\/main\//, '') || '(native/vm)';
    const fn = `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const group = file.startsWith('node_modules/') ? file.split('/').slice(0, file.split('/')[1]!.startsWith('@') ? 3 : 2).join('/') : file;
    byFile.set(group, (byFile.get(group) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, v / 1000] as [string, number]);
  return { byFunction: sorted(byFunction), byFile: sorted(byFile), totalMs: total / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  const { byFunction, byFile, totalMs } = summarise(JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile, Number(values.top));
  const pct = (ms: number) => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
  console.log(`total sampled: ${(totalMs / 1000).toFixed(1)} s\n\nself time by function:`);
  for (const [k, ms] of byFunction) console.log(`${pct(ms)}  ${k}`);
  console.log('\nself time by file / package:');
  for (const [k, ms] of byFile) console.log(`${pct(ms)}  ${k}`);
}
