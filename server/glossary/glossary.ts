// The bilingual terminology list: sets of equivalent terms and question-intent groups, matched in any text.

import { distance } from 'fastest-levenshtein';
import { normalizeText } from '../text/normalize.js';

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
  /** True when the text had a small typo of the term (English only). */
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

export class Glossary {
  readonly sets: TermSet[];
  private readonly byFirstChar = new Map<string, Entry[]>();
  private readonly latinWords = new Map<string, Entry>();

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

  /** Sets of every term in the text, including English words within a small edit distance of a glossary word. */
  findWithTypos(text: string): TermMatch[] {
    const exact = this.find(text);
    const norm = normalizeText(text);
    const covered = (s: number, e: number) => exact.some((m) => m.start < e && s < m.end);
    const fuzzy: TermMatch[] = [];
    for (const m of norm.matchAll(/[a-z][a-z0-9]{4,}/g)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (covered(start, end)) continue;
      const entry = this.closestWord(m[0]);
      if (entry) fuzzy.push({ set: entry.set, term: entry.norm, start, end, fuzzy: true });
    }
    return [...exact, ...fuzzy].sort((a, b) => a.start - b.start);
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
      const end = i + e.norm.length;
      // English terms match whole words only: "bn" must not match inside "cnn".
      if (e.latin && (WORD_CHAR.test(norm[i - 1] ?? '') || WORD_CHAR.test(norm[end] ?? ''))) continue;
      return { set: e.set, term: e.norm, start: i, end, fuzzy: false };
    }
    return null;
  }

  private closestWord(word: string): Entry | null {
    // One edit for words of 5–7 letters, two from 8: enough for "dropuot" or "normalisation" without
    // turning distinct short terms ("relu" / "gelu") into each other.
    const budget = word.length >= 8 ? 2 : 1;
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
    return best;
  }
}
