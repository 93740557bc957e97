// Word tokens for keyword search: jieba for Chinese, stemmed words for English (with joined variants), stopwords dropped.

import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeText } from './normalize.js';
import { stemWord } from './stem.js';
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

/** A token and the word as the text wrote it (normalised, before stemming; the same for Chinese words). */
export interface Token {
  token: string;
  surface: string;
}

/**
 * Tokens of a text for indexing or querying. Chinese runs are cut in jieba's search mode (words plus
 * their sub-words); English words are lowercased and stemmed (Porter2: regularizing and regularization both
 * become `regular`), and adjacent English words also yield their joined form so `max pooling`, `max-pooling`
 * and `maxpooling` meet, as do `pre-trained` and `pretrained` (unless `joined` is false).
 */
export function tokenize(text: string, options: { joined?: boolean } = {}): string[] {
  return tokenizeWithSurface(text, options).map((t) => t.token);
}

/** As `tokenize`, with the written word beside each token (a joined form's surface is the two words joined). */
export function tokenizeWithSurface(text: string, options: { joined?: boolean } = {}): Token[] {
  const joined = options.joined ?? true;
  const out: Token[] = [];
  let prevWord: string | null = null;
  let prevEnd = -1;
  const norm = normalizeText(text);
  for (const m of norm.matchAll(SEGMENT)) {
    if (m[1]) {
      for (const w of getJieba().cutForSearch(m[1], true)) if (!STOPWORDS.has(w)) out.push({ token: w, surface: w });
      prevWord = null;
      continue;
    }
    const surface = m[2]!;
    const start = m.index!;
    const token = stemWord(surface);
    // Stopwords are judged on the written word too: stemming turns "does" into "doe" and "was" into "wa".
    const stop = STOPWORDS.has(surface) || STOPWORDS.has(token);
    // Join with the previous English word only across a space or hyphen ("max-pooling", "yolo v3"); the joined
    // word is stemmed whole, as the same word written together would be ("fine-tuning" → "finetun").
    if (joined && prevWord !== null && /^[\s-]+$/.test(norm.slice(prevEnd, start))) {
      out.push({ token: stemWord(prevWord + surface), surface: prevWord + surface });
    }
    if (!stop) out.push({ token, surface });
    prevWord = stop ? null : surface;
    prevEnd = start + m[0].length;
  }
  return out;
}
