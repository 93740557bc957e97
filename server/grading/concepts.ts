// Concepts for grading: glossary term sets (so synonyms and English/Chinese meet) and content words, weighted by
// rarity across the notes, and a bag form of any text that answers "does this text mention that concept?".

import type { Glossary } from '../glossary/glossary.js';
import { normalizeText } from '../text/normalize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { getJieba } from '../text/tokenize.js';
import { wordSpecificity } from '../text/word-specificity.js';
import { LEXICON_GROUPS, lexiconGroups } from './lexicon.js';

/** Something a key point says, in a form that can be looked for in an answer. */
export interface Concept {
  /** `g<setId>` for a glossary set, `x<groupId>` for a group of everyday words, `w:<word>` for a plain word. */
  key: string;
  /** Glossary set id, when the concept is a set of equivalent terms. */
  setId?: number;
  /** Everyday-word group id (see lexicon.ts), when the word has equivalents. */
  groupId?: number;
  /** The normalised word for a plain-word concept. */
  word?: string;
  /** Rarity weight, > 0: concepts found in few sections of the notes count more. */
  weight: number;
  /** The text as it appeared, normalised (first occurrence). */
  surface: string;
}

/** A concept said at `start`–`end` of a normalised text. */
export interface Occurrence {
  key: string;
  start: number;
  end: number;
}

/** What a text mentions: glossary sets, words, and its normalised form for substring checks. */
export interface TextBag {
  norm: string;
  sets: Set<number>;
  groups: Set<number>;
  words: Set<string>;
}

// Words that say nothing about deep learning: connectives, hedges and verbs of explanation that the shared
// search stopword list keeps (it is tuned for short questions, not for answers and notes).
const GRADING_STOPWORDS = new Set([
  '进行', '通过', '使用', '一般', '主要', '可能', '所以', '因为', '如果', '但是', '而且', '同时', '一定', '程度', '情况', '方式',
  '时候', '之后', '之前', '以及', '或者', '还是', '因此', '从而', '这样', '那么', '即', '则', '并', '其中', '所有', '每个', '得到',
  '作为', '实际', '一种', '之间', '也就是', '就是说', '相当于', '叫', '称为', '时', '后', '前', '做', '用', '让', '使得', '使', '达到', '方面',
  '部分', '来', '去', '给', '过', '该', '此', '不会', '已经', '只是', '只', '才', '再', '更', '最', '较', '相对', '一样', '这种',
  '那种', '一点', '有点', '觉得', '认为', '理解', '知道', '记得', '大概', '应该', '好像', '感觉', '对吧', '的话', '那个', '这个',
  '嗯', '呃', '额', '啦', '了解', '具体', '基本', '基本上', '所谓', '本身', '里面', '当中', '上面', '下面', '以后', '以前', '起来',
  '出来', '一起', '一次', '多少', '几个', '一直', '还有', '另外', '此外', '并且', '首先', '其次', '最后', '然后', '接着', '之类',
  'e.g', 'eg', 'i.e', 'ie', 'etc', 'also', 'just', 'so', 'but', 'because', 'when', 'while', 'each', 'every', 'all', 'only', 'then',
  'its', 'their', 'them', 'here', 'thing', 'things', 'way', 'use', 'used', 'using', 'get', 'gets', 'make', 'makes', 'mean',
  'means', 'called', 'call', 'kind', 'sort', 'basically', 'actually', 'really', 'very', 'much', 'more', 'most', 'well', 'um', 'uh',
]);

// Glossary sets are curated technical terms: when one occurs it is the thing a key point is about.
const GLOSSARY_BOOST = 1.3;
// Intent words (作用, 缺点, 区别 …) frame a statement rather than state it.
const INTENT_FACTOR = 0.4;
// A bare number ("9", "2000") pins a detail but is easily matched by chance.
const NUMBER_FACTOR = 0.6;

const LATIN = /[a-z][a-z0-9]*(?:[_+#][a-z0-9]+)*|\d+(?:\.\d+)?/g;

export class ConceptSpace {
  private readonly docBags: TextBag[];
  private readonly df = new Map<string, number>();
  private readonly inner = new Map<string, number[]>();

  /** `documents` are the texts rarity is measured over (each section's heading and answer). */
  constructor(
    private readonly glossary: Glossary,
    documents: string[],
  ) {
    this.docBags = documents.map((d) => this.bag(d));
    for (const bag of this.docBags) {
      for (const id of bag.sets) this.df.set(`g${id}`, (this.df.get(`g${id}`) ?? 0) + 1);
      for (const id of bag.groups) this.df.set(`x${id}`, (this.df.get(`x${id}`) ?? 0) + 1);
      for (const w of bag.words) this.df.set(`w:${w}`, (this.df.get(`w:${w}`) ?? 0) + 1);
    }
  }

  /** Number of documents rarity was measured over. */
  get documentCount(): number {
    return this.docBags.length;
  }

  /** The distinct concepts of a text, each with its rarity weight. */
  concepts(text: string): Concept[] {
    const norm = normalizeText(text);
    const out = new Map<string, Concept>();
    const matches = this.glossary.find(norm);
    for (const m of matches) {
      const key = `g${m.set.id}`;
      if (out.has(key)) continue;
      const factor = GLOSSARY_BOOST * (m.set.intent ? INTENT_FACTOR : 1);
      out.set(key, { key, setId: m.set.id, weight: this.idf(key) * factor, surface: m.term });
    }
    for (const word of this.words(residual(norm, matches))) {
      const group = lexiconGroups(word)[0];
      const key = group !== undefined ? `x${group}` : `w:${word}`;
      if (out.has(key)) continue;
      const weight = this.idf(key) * (/^\d/.test(word) ? NUMBER_FACTOR : 1);
      out.set(key, group !== undefined ? { key, groupId: group, weight, surface: word } : { key, word, weight, surface: word });
    }
    return [...out.values()];
  }

  /** Every concept said in a text, in order, with its place in the normalised text and its clause number. */
  occurrences(text: string): { norm: string; items: Occurrence[] } {
    const norm = normalizeText(text);
    const items: Occurrence[] = [];
    const matches = this.glossary.find(norm);
    for (const m of matches) items.push({ key: `g${m.set.id}`, start: m.start, end: m.end });
    const blank = residual(norm, matches, true);
    for (const run of blank.matchAll(/\p{Script=Han}+/gu)) {
      let at = run.index!;
      for (const w of getJieba().cut(run[0], true)) {
        if ((w.length >= 2 || lexiconGroups(w).length > 0) && !isStop(w)) {
          const group = lexiconGroups(w)[0];
          items.push({ key: group !== undefined ? `x${group}` : `w:${w}`, start: at, end: at + w.length });
        }
        at += w.length;
      }
    }
    for (const m of blank.matchAll(LATIN)) {
      const w = singular(m[0]);
      if ((w.length < 2 && !/^\d/.test(w)) || isStop(w)) continue;
      const group = lexiconGroups(w)[0];
      items.push({ key: group !== undefined ? `x${group}` : `w:${w}`, start: m.index!, end: m.index! + m[0].length });
    }
    items.sort((a, b) => a.start - b.start);
    return { norm, items };
  }

  /** What a text mentions, for `mentions()`. */
  bag(text: string): TextBag {
    const norm = normalizeText(text);
    // Exact glossary matches only: the glossary's typo tolerance (one character off in a Chinese term)
    // serves search queries but would let 需要学习 count as 元学习 in an answer.
    const matches = this.glossary.find(norm);
    const words = this.words(residual(norm, matches));
    const sets = new Set(matches.map((m) => m.set.id));
    // A long term hides the terms inside it ("更新权重" says 权重 too); an answer is credited for those as well.
    for (const m of matches) for (const id of this.innerTerms(norm.slice(m.start, m.end))) sets.add(id);
    return { norm, sets, groups: new Set(words.flatMap((w) => lexiconGroups(w))), words: new Set(words) };
  }

  /**
   * How far `bag` mentions `concept`, in [0, 1]: 1 for the same glossary set or word (a Chinese word also
   * counts inside a longer compound), a share for a long Chinese word whose character pairs mostly occur.
   */
  mentions(concept: Concept, bag: TextBag): number {
    if (concept.setId !== undefined) return bag.sets.has(concept.setId) ? 1 : 0;
    if (concept.groupId !== undefined) {
      if (bag.groups.has(concept.groupId)) return 1;
      return LEXICON_GROUPS[concept.groupId]!.some((w) => w.length >= 2 && /\p{Script=Han}/u.test(w) && bag.norm.includes(w)) ? 1 : 0;
    }
    const word = concept.word!;
    if (bag.words.has(word)) return 1;
    if (!/\p{Script=Han}/u.test(word)) return 0;
    if (bag.norm.includes(word)) return 1;
    if (word.length < 3) return 0;
    let shared = 0;
    for (let i = 0; i + 2 <= word.length; i++) if (bag.norm.includes(word.slice(i, i + 2))) shared++;
    const share = shared / (word.length - 1);
    return share >= 0.5 ? share * 0.7 : 0;
  }

  normalize(text: string): string {
    return normalizeText(text);
  }

  /** The normalised surface forms that stand for a concept (glossary terms, group words, or the word). */
  forms(concept: Concept): string[] {
    if (concept.setId !== undefined) return this.glossary.sets[concept.setId]!.terms.map((t) => normalizeText(t)).filter(Boolean);
    if (concept.groupId !== undefined) return LEXICON_GROUPS[concept.groupId]!.map((w) => w.toLowerCase());
    return [concept.word!];
  }

  /** The concept key a single term stands for (a glossary set or everyday-word group), if any. */
  keyOf(term: string): string | undefined {
    const norm = normalizeText(term);
    const match = this.glossary.find(norm).find((m) => m.start === 0 && m.end === norm.length);
    if (match) return `g${match.set.id}`;
    const group = lexiconGroups(norm)[0];
    return group !== undefined ? `x${group}` : undefined;
  }

  /** Glossary sets of the shorter terms inside a matched term (cached: the same terms recur in every answer). */
  private innerTerms(term: string): number[] {
    let ids = this.inner.get(term);
    if (!ids) {
      const found = new Set<number>();
      for (let i = 0; i < term.length; i++) {
        for (let j = i + 2; j <= term.length; j++) {
          if (j - i === term.length) continue;
          const key = this.keyOf(term.slice(i, j));
          if (key?.startsWith('g')) found.add(Number(key.slice(1)));
        }
      }
      ids = [...found];
      this.inner.set(term, ids);
    }
    return ids;
  }

  /**
   * Rarity-weighted share, 0–1, of a text's concepts that occur somewhere in the notes (1 when it has none:
   * nothing it says is foreign to them).
   * Everyday words the notes never use count against, and so do glossary terms the notes never use (the
   * glossary also names neighbouring fields, so that questions about them are recognised as out of scope):
   * recognising a term is not the notes covering it. Intent words (作用, 区别 …) frame rather than say, and
   * are left out.
   */
  notesShare(text: string): number {
    let known = 0;
    let total = 0;
    const norm = normalizeText(text);
    const intents = new Set(this.glossary.find(norm).flatMap((m) => (m.set.intent ? [`g${m.set.id}`] : [])));
    for (const c of this.concepts(norm)) {
      if (intents.has(c.key)) continue;
      // An everyday word says little either way ("too", "small", "often" are not in Chinese notes, nor foreign to them).
      const weight = c.setId === undefined ? c.weight * wordSpecificity(c.surface) : c.weight;
      total += weight;
      if ((this.df.get(c.key) ?? 0) > 0) known += weight;
    }
    return total === 0 ? 1 : known / total;
  }

  /** True when the concept occurs somewhere in the notes or is a glossary term. */
  isKnown(concept: Concept): boolean {
    return concept.setId !== undefined || concept.groupId !== undefined || (this.df.get(concept.key) ?? 0) > 0;
  }

  /** log-scaled inverse document frequency; unseen concepts are the rarest. */
  idf(key: string): number {
    const n = this.docBags.length;
    return Math.log(1 + n / (1 + (this.df.get(key) ?? 0)));
  }

  private words(text: string): string[] {
    const out: string[] = [];
    for (const run of text.split(/([\p{Script=Han}]+)/u)) {
      if (run === '') continue;
      if (/\p{Script=Han}/u.test(run)) {
        // Single characters are mostly function words; the everyday-word groups name the ones that are not (层, 图, 快).
        for (const w of getJieba().cut(run, true)) if ((w.length >= 2 || lexiconGroups(w).length > 0) && !isStop(w)) out.push(w);
      } else {
        for (const m of run.matchAll(LATIN)) {
          const w = singular(m[0]);
          if ((w.length >= 2 || /^\d/.test(w)) && !isStop(w)) out.push(w);
        }
      }
    }
    return out;
  }
}

function isStop(word: string): boolean {
  return STOPWORDS.has(word) || GRADING_STOPWORDS.has(word);
}

/**
 * The text with glossary matches blanked out, so their words are not counted a second time. With `keepOffsets`
 * each match becomes as many spaces as it had characters, so offsets into the result are offsets into `norm`.
 */
function residual(norm: string, matches: { start: number; end: number }[], keepOffsets = false): string {
  let out = '';
  let last = 0;
  for (const m of matches) {
    if (m.start < last) continue;
    out += `${norm.slice(last, m.start)}${keepOffsets ? ' '.repeat(m.end - m.start) : ' '}`;
    last = m.end;
  }
  return out + norm.slice(last);
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}
