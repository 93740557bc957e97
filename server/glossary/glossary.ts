// The bilingual terminology list: sets of equivalent terms and question-intent groups, matched in any text.

import damerauLevenshtein from 'damerau-levenshtein';
import { normalizeText } from '../text/normalize.js';
import { getJieba } from '../text/tokenize.js';
import { EVERYDAY, MIN_SPECIFICITY, wordSpecificity } from '../text/word-specificity.js';

export interface TermSet {
  /** Index in the glossary; stable while the file is unchanged. */
  id: number;
  /** The terms as written in the file; the first is the canonical one. */
  terms: string[];
  /** Set when this is an intent group (advantage, disadvantage, purpose …). */
  intent?: string;
}

export interface TermMatch {
  set: TermSet;
  /** The normalised term that matched. */
  term: string;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  /** True when the text had a small typo of the term (found by findWithTypos). */
  fuzzy: boolean;
}

export interface GlossaryData {
  terms: string[][];
  intents: Record<string, string[]>;
}

interface Entry {
  norm: string;
  set: TermSet;
  latin: boolean;
}

const WORD_CHAR = /[a-z0-9]/;
const FUNCTION_CHARS = /[的了是在和与或也就都而被把吗呢吧啊着这那么]/;

export class Glossary {
  readonly sets: TermSet[];
  private readonly byFirstChar = new Map<string, Entry[]>();
  private readonly latinWords = new Map<string, Entry>();
  /** English terms of several words, by their first word: "selctive serch" is matched word by word. */
  private readonly latinPhrases = new Map<string, { words: string[]; entry: Entry }[]>();
  /** Every word of those terms, for finding what a typed word could be a slip of. */
  private readonly phraseWords = new Set<string>();
  /** Per typed word: the phrase words within its typo budget, with their distance (bounded cache). */
  private readonly near = new Map<string, Map<string, number>>();
  /** Per typed word: the closest single-word term, or null (bounded cache). */
  private readonly closest = new Map<string, Entry | null>();
  /** Han terms of 3+ characters keyed by their form with one character blanked: finds one-character typos fast. */
  private readonly hanNeighbours = new Map<string, Entry[]>();

  constructor(data: GlossaryData) {
    this.sets = [
      ...data.terms.map((terms, id) => ({ id, terms })),
      ...Object.entries(data.intents).map(([intent, terms], i) => ({ id: data.terms.length + i, terms, intent })),
    ];
    for (const set of this.sets) {
      for (const term of set.terms) {
        const norm = normalizeText(term);
        if (!norm) continue;
        const entry: Entry = { norm, set, latin: !/\p{Script=Han}/u.test(norm) };
        const list = this.byFirstChar.get(norm[0]!) ?? [];
        list.push(entry);
        this.byFirstChar.set(norm[0]!, list);
        if (entry.latin && /^[a-z][a-z0-9]+$/.test(norm)) this.latinWords.set(norm, entry);
        if (entry.latin && /^[a-z0-9]+( [a-z0-9]+)+$/.test(norm)) {
          const words = norm.split(' ');
          const list = this.latinPhrases.get(words[0]!) ?? [];
          list.push({ words, entry });
          this.latinPhrases.set(words[0]!, list);
          words.forEach((w) => this.phraseWords.add(w));
        }
        if (/^\p{Script=Han}{3,8}$/u.test(norm)) {
          for (const key of blanked(norm)) {
            const list = this.hanNeighbours.get(key) ?? [];
            list.push(entry);
            this.hanNeighbours.set(key, list);
          }
        }
      }
    }
    for (const list of this.byFirstChar.values()) list.sort((a, b) => b.norm.length - a.norm.length);
  }

  static empty(): Glossary {
    return new Glossary({ terms: [], intents: {} });
  }

  /** Every glossary term in `text`, longest first and non-overlapping, left to right. */
  find(text: string): TermMatch[] {
    const norm = normalizeText(text);
    const out: TermMatch[] = [];
    let i = 0;
    while (i < norm.length) {
      const hit = this.matchAt(norm, i);
      if (hit) {
        out.push(hit);
        i = hit.end;
      } else i++;
    }
    return out;
  }

  /**
   * Like find(), plus likely typos of glossary terms in the uncovered parts: English words and multi-word terms
   * within a small edit distance ("dropuot", "selctive serch") and Chinese terms of 3+ characters with one wrong
   * character ("梯度爆诈", the usual homophone slip of pinyin input).
   */
  findWithTypos(text: string): TermMatch[] {
    const norm = normalizeText(text);
    const claimed = new Claimed(norm, this.find(norm));
    // Longest readings first: a misspelt phrase before its words, English before Chinese.
    const fuzzy = [...this.phraseTypos(claimed), ...this.wordTypos(claimed), ...this.hanTypos(claimed)];
    return [...claimed.exact, ...fuzzy].sort((a, b) => a.start - b.start);
  }

  /**
   * Runs of 2–4 English words that are, word by word, small slips of a multi-word term, the slip in any word:
   * "selctive serch", "dialted convolution". A word that is itself an exact term ("convolution") may sit in the
   * run, but only as the same word of the phrase: what the user spelt right is what they meant, so "relu layer"
   * never becomes "gelu layer".
   */
  private phraseTypos(claimed: Claimed): TermMatch[] {
    const { norm } = claimed;
    const found: TermMatch[] = [];
    const words = [...norm.matchAll(/[a-z0-9]+/g)].map((m) => ({ word: m[0], start: m.index!, end: m.index! + m[0].length }));
    for (let n = 4; n >= 2; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const span = words.slice(i, i + n);
        const start = span[0]!.start;
        const end = span[n - 1]!.end;
        // Words of one phrase: only spaces or hyphens between them. Exact terms inside the run give way to the
        // longer reading (as 对比 does in 对比学系); a corrected phrase found before does not.
        if (!claimed.freeOrShorter(start, end) || span.some((w, k) => k > 0 && !/^[\s-]+$/.test(norm.slice(span[k - 1]!.end, w.start)))) continue;
        const options = span.map((w) => (claimed.exactAt(w.start, w.end) ? this.samePhraseWord(w.word) : this.nearPhraseWords(w.word)));
        const entry = this.closestPhrase(options);
        if (!entry) continue;
        found.push({ set: entry.set, term: entry.norm, start, end, fuzzy: true });
        claimed.claim(start, end, { replacingShorter: true });
      }
    }
    return found;
  }

  /** English words of 5+ letters that are small slips of a one-word term ("dropuot"). */
  private wordTypos(claimed: Claimed): TermMatch[] {
    const found: TermMatch[] = [];
    for (const m of claimed.norm.matchAll(/[a-z][a-z0-9]{4,}/g)) {
      const start = m.index!;
      const end = start + m[0].length;
      // One of the commonest English words is what the user meant ("patch" is not a slip of "batch"); rarer
      // ones are still corrected ("poling" is a word, but far likelier a slip of "pooling").
      if (!claimed.free(start, end) || wordSpecificity(m[0]) <= MIN_SPECIFICITY) continue;
      const entry = this.closestWord(m[0]);
      if (entry) found.push({ set: entry.set, term: entry.norm, start, end, fuzzy: true });
    }
    return found;
  }

  /** Chinese terms of 3+ characters with one wrong character ("梯度爆诈", the usual pinyin slip). */
  private hanTypos(claimed: Claimed): TermMatch[] {
    const { norm } = claimed;
    const found: TermMatch[] = [];
    for (const run of norm.matchAll(/\p{Script=Han}{3,}/gu)) {
      const words = segment(run[0], run.index!);
      const cuts = new Set(words.flatMap((w) => [w.start, w.end]));
      for (let len = Math.min(8, run[0].length); len >= 3; len--) {
        for (let i = run.index!; i + len <= run.index! + run[0].length; i++) {
          // A slip leaves the words around it intact: a window cutting through a word ("控制什" of 控制什么,
          // "列模型" of 序列模型) is a correct text read wrongly, not a typo.
          if (!cuts.has(i) || !cuts.has(i + len)) continue;
          if (len < 4 ? !claimed.free(i, i + len) : !claimed.freeOrShorter(i, i + len)) continue;
          const window = norm.slice(i, i + len);
          // A slip never turns a term's character into a particle: "的函数" is not a typo of 核函数.
          if (FUNCTION_CHARS.test(window)) continue;
          // The slipped character sits in a fragment, not inside an everyday word: 时候步长 is 时候 + 步长, not a
          // misspelt 时间步长; 注意力机智 (机智 is rare) is a misspelt 注意力机制.
          const entry = blanked(window)
            .flatMap((k) => this.hanNeighbours.get(k) ?? [])
            .find((e) => {
              const at = i + [...window].findIndex((ch, k) => ch !== e.norm[k]);
              const word = words.find((w) => w.start <= at && at < w.end)!.word;
              return word.length < 2 || wordSpecificity(word) >= EVERYDAY;
            });
          if (!entry) continue;
          found.push({ set: entry.set, term: entry.norm, start: i, end: i + len, fuzzy: true });
          claimed.claim(i, i + len, { replacingShorter: true });
        }
      }
    }
    return found;
  }

  /** The text with likely typos of glossary terms replaced by the terms themselves. */
  correct(text: string): string {
    const norm = normalizeText(text);
    let out = '';
    let last = 0;
    for (const m of this.findWithTypos(norm)) {
      if (!m.fuzzy) continue;
      out += `${norm.slice(last, m.start)}${m.term}`;
      last = m.end;
    }
    return out + norm.slice(last);
  }

  /** The intent groups named in the text (e.g. `advantage` for 优点 / pros). */
  intents(text: string): Set<string> {
    return new Set(this.find(text).flatMap((m) => (m.set.intent ? [m.set.intent] : [])));
  }

  /** All terms equivalent to `term` (itself included), or just `[term]` when it is not in the glossary. */
  synonyms(term: string): string[] {
    const norm = normalizeText(term);
    const entry = this.byFirstChar.get(norm[0] ?? '')?.find((e) => e.norm === norm);
    return entry ? entry.set.terms : [term];
  }

  private matchAt(norm: string, i: number): TermMatch | null {
    const candidates = this.byFirstChar.get(norm[i]!);
    if (!candidates) return null;
    for (const e of candidates) {
      if (!norm.startsWith(e.norm, i)) continue;
      let end = i + e.norm.length;
      // A plural of an English term is the term ("resnets", "gans"), unless the term is an abbreviation of one or two letters.
      if (e.latin && e.norm.length > 2 && norm[end] === 's' && !WORD_CHAR.test(norm[end + 1] ?? '')) end++;
      // English terms match whole words only: "bn" must not match inside "cnn".
      if (e.latin && (WORD_CHAR.test(norm[i - 1] ?? '') || WORD_CHAR.test(norm[end] ?? ''))) continue;
      return { set: e.set, term: e.norm, start: i, end, fuzzy: false };
    }
    return null;
  }

  /**
   * The multi-word term whose k-th word is one of `near[k]` (phrase words by their distance from the typed
   * word), closest in total and not all exact. Looked up through the first word's candidates, typos included.
   */
  private closestPhrase(near: Map<string, number>[]): Entry | null {
    let best: Entry | null = null;
    let bestDistance = Infinity;
    for (const first of near[0]!.keys()) {
      for (const phrase of this.latinPhrases.get(first) ?? []) {
        if (phrase.words.length !== near.length) continue;
        const total = phrase.words.reduce((a, w, k) => a + (near[k]!.get(w) ?? Infinity), 0);
        if (total > 0 && total < bestDistance) {
          best = phrase.entry;
          bestDistance = total;
        }
      }
    }
    return best;
  }

  /** The phrase word a correctly spelt term is (its singular too: the plural "convolutions" matched exactly). */
  private samePhraseWord(word: string): Map<string, number> {
    const same = new Map<string, number>();
    for (const w of word.endsWith('s') ? [word, word.slice(0, -1)] : [word]) if (this.phraseWords.has(w)) same.set(w, 0);
    return same;
  }

  /** Phrase words the typed word is, or is a small slip of. Short words ("max", "v3") must be exact. */
  private nearPhraseWords(word: string): Map<string, number> {
    let found = this.near.get(word);
    if (found) return found;
    found = new Map<string, number>();
    const budget = typoBudget(word);
    if (this.phraseWords.has(word)) found.set(word, 0);
    if (budget > 0) {
      for (const w of this.phraseWords) {
        if (w === word || Math.abs(w.length - word.length) > budget) continue;
        const d = distance(w, word);
        if (d <= budget) found.set(w, d);
      }
    }
    remember(this.near, word, found);
    return found;
  }

  private closestWord(word: string): Entry | null {
    const cached = this.closest.get(word);
    if (cached !== undefined) return cached;
    const budget = typoBudget(word);
    let best: Entry | null = null;
    let bestDistance = budget + 1;
    for (const [w, entry] of this.latinWords) {
      if (Math.abs(w.length - word.length) > budget) continue;
      const d = distance(w, word);
      if (d < bestDistance) {
        best = entry;
        bestDistance = d;
      }
    }
    remember(this.closest, word, best);
    return best;
  }
}

/** Caches a result, starting afresh past a bound so a long-running server's memory stays fixed. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size > 20_000) cache.clear();
  cache.set(key, value);
}

function distance(a: string, b: string): number {
  return damerauLevenshtein(a, b).steps;
}

/**
 * Edits tolerated in an English word (a swapped pair, "bacth", is one edit): one for words of 4–6 letters, two
 * from 7: enough for real slips without turning distinct short terms ("relu" / "gelu") into each other.
 */
function typoBudget(word: string): number {
  return word.length >= 7 ? 2 : word.length >= 4 ? 1 : 0;
}

/** Which characters of a text exact or corrected terms already account for. */
class Claimed {
  private readonly taken: boolean[];

  constructor(
    readonly norm: string,
    /** The exact matches; a longer corrected reading replaces those inside it. */
    public exact: TermMatch[],
  ) {
    this.taken = new Array<boolean>(norm.length).fill(false);
    for (const m of exact) this.mark(m.start, m.end);
  }

  /** Whether an exact term covers any of the span. */
  exactAt(start: number, end: number): boolean {
    return this.exact.some((m) => m.start < end && start < m.end);
  }

  free(start: number, end: number): boolean {
    return this.taken.slice(start, end).every((t) => !t);
  }

  /** Free but for exact terms shorter than the span: a misspelt long term may hold a correct short one (对比学系 holds 对比). */
  freeOrShorter(start: number, end: number): boolean {
    return this.taken
      .slice(start, end)
      .every((t, k) => !t || this.exact.some((m) => m.start >= start && m.end <= end && m.start <= start + k && start + k < m.end && m.end - m.start < end - start));
  }

  claim(start: number, end: number, options: { replacingShorter?: boolean } = {}): void {
    if (options.replacingShorter) this.exact = this.exact.filter((m) => m.end <= start || m.start >= end);
    this.mark(start, end);
  }

  private mark(start: number, end: number): void {
    for (let i = start; i < end; i++) this.taken[i] = true;
  }
}

/** jieba's words of a Han run, with offsets from `offset`. */
function segment(run: string, offset: number): { word: string; start: number; end: number }[] {
  let at = offset;
  return getJieba()
    .cut(run, false)
    .map((word) => ({ word, start: at, end: (at += word.length) }));
}

/** The forms of a word with one character replaced by a blank, one per position. */
function blanked(word: string): string[] {
  const chars = [...word];
  return chars.map((_, i) => [...chars.slice(0, i), '\u0000', ...chars.slice(i + 1)].join(''));
}
