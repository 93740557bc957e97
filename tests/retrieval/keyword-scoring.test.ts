// Keyword search scores over compiled postings (Bm25Postings, a performance fix: MiniSearch's own search was a
// quarter of a search request's CPU) must equal MiniSearch's search: same documents, same order, same scores.

import { beforeAll, describe, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import { queryConcepts } from '../../server/retrieval/query-concepts.js';
import { MiniSearchKeywordIndex } from '../../server/retrieval/minisearch-keyword-index.js';
import type { Services } from '../../server/services.js';
import { tokenize } from '../../server/text/tokenize.js';
import { searchQueries } from '../../scripts/bench/fixtures.js';
import { realServices } from '../support/real-services.js';

let services: Services;
let keywords: MiniSearchKeywordIndex;

/** MiniSearch configured as the keyword index is, searching itself: the reference. */
let reference: MiniSearch<{ id: string; title: string; text: string }>;

beforeAll(async () => {
  ({ services } = await realServices());
  const title = new Map(services.sections.map((s) => [s.id, s.title]));
  const docs = services.chunks.map((c) => ({ id: c.id, title: title.get(c.sectionId) ?? '', text: c.text }));
  keywords = MiniSearchKeywordIndex.create();
  keywords.upsert(docs);
  reference = new MiniSearch({ fields: ['title', 'text'], idField: 'id', tokenize: (t: string) => tokenize(t), processTerm: (t: string) => t, searchOptions: { boost: { title: 2 }, combineWith: 'OR' } });
  reference.addAll(docs);
});

function expectSameAsMiniSearch(query: string, k: number): void {
  const expected = reference.search(query).slice(0, k);
  const actual = keywords.search(query, k);
  expect(actual.map((h) => h.id)).toEqual(expected.map((r) => String(r.id)));
  // Equal up to the last bits: a repeated term is added as count × score rather than score + score.
  actual.forEach((hit, i) => expect(Math.abs(hit.score - expected[i]!.score)).toBeLessThanOrEqual(1e-12 * expected[i]!.score));
}

describe('keyword search over compiled postings', () => {
  it('ranks and scores every retrieval query (raw and glossary-expanded) exactly as MiniSearch does', () => {
    for (const query of searchQueries()) {
      const expanded = `${query} ${queryConcepts(query, services.glossary).flatMap((c) => c.forms).join(' ')}`;
      for (const k of [1, 5, 40, 1000]) {
        expectSameAsMiniSearch(query, k);
        expectSameAsMiniSearch(expanded, k);
      }
    }
  });

  it('counts a repeated term once per occurrence, as MiniSearch does', () => {
    expectSameAsMiniSearch('池化 池化 池化 卷积', 10);
  });

  it('keeps the first-matched document first among equal scores', () => {
    const index = MiniSearchKeywordIndex.create();
    index.upsert(['a', 'b', 'c', 'd'].map((id) => ({ id, title: '', text: '相同 的 文本' })));
    expect(index.search('文本', 3).map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('finds nothing for an empty query or unknown words', () => {
    expect(keywords.search('', 5)).toEqual([]);
    expect(keywords.search('zzqqxx qqzzyy', 5)).toEqual([]);
  });

  it('sees documents added and removed after a search', () => {
    const index = MiniSearchKeywordIndex.create();
    index.upsert([{ id: 'a', title: '池化', text: '最大池化' }]);
    expect(index.search('卷积', 5)).toEqual([]);
    index.upsert([{ id: 'b', title: '卷积', text: '空洞卷积' }]);
    expect(index.search('卷积', 5).map((h) => h.id)).toEqual(['b']);
    index.remove(['b']);
    expect(index.search('卷积', 5)).toEqual([]);
  });
});
