// Word tokens for keyword search: jieba for Chinese, words for English (with joined variants), stopwords dropped.

import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeText } from './normalize.js';
import { STOPWORDS } from './stopwords.js';

let jieba: Jieba | undefined;

/** The process-wide jieba segmenter (loading its dictionary takes ~100 ms, so it is made once). */
export function getJieba(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Adds domain words (e.g. glossary terms) so jieba keeps them whole. Idempotent per word. */
const added = new Set<string>();
export function addWords(words: Iterable<string>): void {
  const fresh = [...words].filter((w) => /\p{Script=Han}/u.test(w) && !/\s/.test(w) && !added.has(w));
  if (fresh.length === 0) return;
  fresh.forEach((w) => added.add(w));
  // Frequency high enough that jieba prefers the whole term over its parts.
  getJieba().loadDict(Buffer.from(fresh.map((w) => `${w} 50000 n`).join('\n')));
}

const SEGMENT = /(\p{Script=Han}+)|([a-z0-9]+(?:[.+#][a-z0-9]+)*[+#]*)/gu;

/**
 * Tokens of a text for indexing or querying. Chinese runs are cut in jieba's search mode (words plus
 * their sub-words); English words are lowercased and singularised, and adjacent English words also yield
 * their joined form so `max pooling`, `max-pooling` and `maxpooling` meet (unless `joined` is false).
 */
export function tokenize(text: string, options: { joined?: boolean } = {}): string[] {
  const joined = options.joined ?? true;
  const out: string[] = [];
  let prevWord: string | null = null;
  let prevEnd = -1;
  const norm = normalizeText(text);
  for (const m of norm.matchAll(SEGMENT)) {
    if (m[1]) {
      for (const w of getJieba().cutForSearch(m[1], true)) if (!STOPWORDS.has(w)) out.push(w);
      prevWord = null;
      continue;
    }
    const word = singular(m[2]!);
    const start = m.index!;
    // Join with the previous English word only across a space or hyphen ("max-pooling", "yolo v3").
    if (joined && prevWord !== null && /^[\s-]+$/.test(norm.slice(prevEnd, start))) {
      out.push(prevWord + word);
    }
    if (!STOPWORDS.has(word)) out.push(word);
    prevWord = STOPWORDS.has(word) ? null : word;
    prevEnd = start + m[0].length;
  }
  return out;
}

/** Light English plural folding: layers → layer, losses → loss, but not "loss" → "los" or "relus" edge cases. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}
