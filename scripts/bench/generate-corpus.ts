// Generates a large synthetic notes folder by recombining the bundled notes' sentences (for benchmarks only).

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../server/model/random.js';
import { splitSentences } from '../../server/notes/split-sentences.js';
import type { Section } from '../../server/notes/types.js';

/** Writes about `chunks` chunks (one short section each) into `dir`, 1,000 sections per file. */
export function generateCorpus(sections: Section[], dir: string, chunks: number, seed = 7): void {
  const random = seededRandom(seed);
  const sentences = sections.flatMap((s) => splitSentences(s.answer).map((u) => u.text)).filter((t) => t.length > 8);
  const titles = sections.map((s) => s.title);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  mkdirSync(dir, { recursive: true });
  for (let file = 0; file * 1000 < chunks; file++) {
    let md = `# 合成笔记 ${file + 1}\n`;
    for (let i = file * 1000; i < Math.min(chunks, (file + 1) * 1000); i++) {
      md += `## ${i + 1}. ${pick(titles)}（${i}）\n${pick(sentences)}${pick(sentences)}\n`;
    }
    writeFileSync(path.join(dir, `notes-${String(file).padStart(3, '0')}.md`), md);
  }
}
