// BM25 keyword search (MiniSearch's BM25+) over jieba-segmented Chinese and English words.

import MiniSearch from 'minisearch';
import { tokenize } from '../text/tokenize.js';
import type { KeywordDocument, KeywordIndex, ScoredId } from './types.js';

const OPTIONS = {
  fields: ['title', 'text'],
  idField: 'id',
  // Our tokenizer already lowercases, segments and drops stopwords; MiniSearch must not split again.
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => term,
  searchOptions: { boost: { title: 2 }, combineWith: 'OR' as const },
};

export class MiniSearchKeywordIndex implements KeywordIndex {
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
    for (const doc of docs) {
      if (this.engine.has(doc.id)) this.engine.replace(doc);
      else this.engine.add(doc);
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) if (this.engine.has(id)) this.engine.discard(id);
  }

  search(query: string, k: number): ScoredId[] {
    return this.engine
      .search(query)
      .slice(0, k)
      .map((r) => ({ id: String(r.id), score: r.score }));
  }

  toJSON(): string {
    return JSON.stringify(this.engine);
  }
}
