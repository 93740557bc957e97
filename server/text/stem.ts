// English inflection folding for matching: Porter2 (the Snowball English stemmer) through wink-porter2-stemmer, so
// regularizing / regularization / regularized, pretrained / pretraining and layers / layer meet. Used by the keyword
// index's tokens and by query-concept coverage, so both sides of every English comparison are folded alike.

import { createRequire } from 'node:module';

const porter2 = createRequire(import.meta.url)('wink-porter2-stemmer') as (word: string) => string;

// A bounded memo: a handful of vocabulary words recur endlessly, and Porter2 runs a dozen regexes per word.
const stems = new Map<string, string>();
const texts = new Map<string, string>();
// Texts of the notes are looked up again on every question (the Ask excerpts and their scoring; the retriever keeps
// its sections stemmed itself); 200k entries hold a heading and body for every section of the 100k-chunk benchmark
// while keeping a long-running server's footprint fixed.
const MAX_TEXTS = 200_000;

/**
 * The stem of one lowercase English word; anything that is not a plain word of letters (yolov3, l1, c++) and words
 * shorter than three letters are returned unchanged. Acronym plurals without a vowel (cnns, llms) lose their `s`.
 */
export function stemWord(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  let stem = stems.get(word);
  if (stem === undefined) {
    // Agent nouns are named components in this field (encoder, transformer, optimizer): Porter2 would make them
    // their verb (encoder → encod, as encoding), so "target encoding" met the notes' encoder-decoder. Only their
    // plural is folded.
    if (/[a-z]{2}ers?$/.test(word)) stem = word.replace(/s$/, '');
    else stem = /^[^aeiouy]{3,}s$/.test(word) ? word.slice(0, -1) : porter2(word);
    if (stems.size > 100_000) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/**
 * A normalised text (see normalizeText) with every English word stemmed and hyphens between words made spaces
 * (`Pre-trained models` → `pre train model`), for whole-word containment tests. Chinese passes through unchanged.
 */
export function stemText(normalized: string): string {
  let out = texts.get(normalized);
  if (out === undefined) {
    out = stemUncached(normalized);
    if (texts.size >= MAX_TEXTS) texts.clear();
    texts.set(normalized, out);
  }
  return out;
}

/** stemText without remembering the text, for texts the caller keeps stemmed itself (the retriever's sections). */
export function stemUncached(normalized: string): string {
  return normalized.replace(/([a-z0-9])-(?=[a-z0-9])/g, '$1 ').replace(/[a-z0-9]+/g, stemWord);
}

/**
 * The stemmed forms a phrase counts as present under: the phrase itself and, for a phrase of several English words,
 * the stem of the words written together (`pre-trained` and `pre trained` also match `pretrained`).
 */
export function stemmedVariants(normalizedPhrase: string): string[] {
  const spaced = stemText(normalizedPhrase);
  if (!/^[a-z0-9]+(?:[ -][a-z0-9]+)+$/.test(normalizedPhrase)) return [spaced];
  const joined = stemWord(normalizedPhrase.replace(/[ -]/g, ''));
  return joined === spaced ? [spaced] : [spaced, joined];
}
