// BM25 keyword search (MiniSearch's BM25+) over jieba-segmented Chinese and English words.

import MiniSearch from 'minisearch';
import { tokenize } from '../text/tokenize.js';
import { Bm25Postings } from './bm25-postings.js';
import type { KeywordDocument, KeywordIndex, ScoredId } from './types.js';

const OPTIONS = {
  fields: ['title', 'text'],
  idField: 'id',
  // Our tokenizer already lowercases, segments and drops stopwords; MiniSearch must not split again.
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => term,
  searchOptions: { boost: { title: 2 }, combineWith: 'OR' as const },
};

/** Every field with its boost, in MiniSearch's order (the order in which it adds up a term's fields). */
const FIELD_BOOSTS: Record<string, number> = Object.fromEntries(OPTIONS.fields.map((f) => [f, (OPTIONS.searchOptions.boost as Record<string, number>)[f] ?? 1]));

export class MiniSearchKeywordIndex implements KeywordIndex {
  private postings: Bm25Postings | undefined;

  private constructor(private readonly engine: MiniSearch<KeywordDocument>) {}

  static create(): MiniSearchKeywordIndex {
    return new MiniSearchKeywordIndex(new MiniSearch<KeywordDocument>(OPTIONS));
  }

  static fromJSON(json: string): MiniSearchKeywordIndex {
    return new MiniSearchKeywordIndex(MiniSearch.loadJSON<KeywordDocument>(json, OPTIONS));
  }

  get size(): number {
    return this.engine.documentCount;
  }

  upsert(docs: KeywordDocument[]): void {
    this.postings = undefined;
    for (const doc of docs) {
      if (this.engine.has(doc.id)) this.engine.replace(doc);
      else this.engine.add(doc);
    }
  }

  remove(ids: string[]): void {
    this.postings = undefined;
    for (const id of ids) if (this.engine.has(id)) this.engine.discard(id);
  }

  search(query: string, k: number): ScoredId[] {
    // MiniSearch's scoring over compiled postings (see Bm25Postings); compiled on first use after a change.
    this.postings ??= new Bm25Postings(this.engine.toJSON(), FIELD_BOOSTS);
    return this.postings.search(tokenize(query), k);
  }

  toJSON(): string {
    return JSON.stringify(this.engine);
  }
}
