import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYBRID, HybridRetriever } from '../../server/retrieval/hybrid-retriever.js';
import type { Services } from '../../server/services.js';
import { realServices } from '../support/real-services.js';

let services: Services;
beforeAll(async () => {
  services = (await realServices()).services;
});

const top = async (query: string, k = 5) => (await services.retriever.retrieve(query, k)).hits.map((h) => h.heading);

describe('HybridRetriever over the bundled notes', () => {
  it('finds the Chinese section for an English question through the glossary', async () => {
    expect((await top('what does a 1x1 convolution do?'))[0]).toBe('57. 1*1的卷积有何作用');
  });

  it('tells advantages from drawbacks', async () => {
    expect((await top('max pooling 有什么优点'))[0]).toBe('3. Max Pooling 的有点');
    expect((await top('pooling 的缺点'))[0]).toBe('4. pooling的作用和缺点');
  });

  it('corrects typos of known terms', async () => {
    expect((await top('梯度爆诈怎么判断'))[0]).toBe('23. 如何确定是否出现梯度爆炸');
  });

  // QA: "池化层的作用" ranked the section on pooling's backward pass first and left "4. pooling的作用和缺点" out of
  // the top 5; "池化层有什么缺点" was answered from section 2 alone.
  it('answers a question about the pooling layer from the section on pooling, by intent', async () => {
    expect((await top('池化层的作用'))[0]).toBe('4. pooling的作用和缺点');
    expect((await top('池化层有什么缺点'))[0]).toBe('4. pooling的作用和缺点');
    expect((await top('池化层如何进行反向传播'))[0]).toBe('2. pooling层如何进行反向传播');
  });

  // QA: "max pooling 的優點" ranked question 39 above "3. Max Pooling 的有点".
  it('reads a question in traditional Chinese like one in simplified', async () => {
    expect((await top('max pooling 的優點'))[0]).toBe('3. Max Pooling 的有点');
  });

  // QA: "dialted convolution" was judged not covered, and search ranked the 1*1 convolution first.
  it('finds a multi-word English term with a slip in its first word', async () => {
    for (const q of ['dialted convolution', 'dilted convolution', 'dilatd convolution']) {
      const result = await services.retriever.retrieve(q);
      expect(result.inScope, q).toBe(true);
      expect(['11. 卷积神经网络中空洞卷积的作用是什么', '47. 空洞卷积'], q).toContain(result.hits[0]!.heading);
    }
  });

  // QA: "空\u200b洞\u200b卷\u200b积" was judged out of scope; a query of only U+200B returned arbitrary hits.
  it('ignores zero-width characters, and finds nothing for a query made only of them', async () => {
    const split = await services.retriever.retrieve('空\u200b洞\u200b卷\u200b积');
    expect(split.inScope).toBe(true);
    expect(['11. 卷积神经网络中空洞卷积的作用是什么', '47. 空洞卷积']).toContain(split.hits[0]!.heading);
    expect(await services.retriever.retrieve('\u200b\ufeff ')).toEqual({ inScope: false, hits: [] });
  });

  it('returns each section once, represented by its best chunk', async () => {
    const result = await services.retriever.retrieve('YOLOv4 用了哪些数据增强', 10);
    const ids = result.hits.map((h) => h.questionId);
    expect(new Set(ids).size).toBe(ids.length);
    const byId = new Map(services.chunks.map((c) => [c.id, c]));
    for (const hit of result.hits) expect(byId.get(hit.chunkId)!.sectionId).toBe(hit.questionId);
  });

  it('scores hits in [0, 1], best first, and says which retrievers found them', async () => {
    const { hits } = await services.retriever.retrieve('dropout 的原理');
    expect(hits[0]!.sources).toEqual(['dense', 'keyword']);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(0), expect(h.score).toBeLessThanOrEqual(1);
  });

  it('says when the notes do not cover a question, still offering the nearest sections', async () => {
    for (const q of ['Kubernetes 怎么部署服务', 'SQL join 有哪些类型', '明天天气怎么样']) {
      const result = await services.retriever.retrieve(q);
      expect(result.inScope, q).toBe(false);
    }
    expect((await services.retriever.retrieve('Kubernetes 怎么部署服务')).hits.length).toBeGreaterThan(0);
    expect((await services.retriever.retrieve('空洞卷积有什么用')).inScope).toBe(true);
  });

  it('uses only the retrievers it is told to', async () => {
    const keywordOnly = new HybridRetriever(
      { embedder: services.embedder, vectors: { size: 0, upsert() {}, remove() {}, search: () => { throw new Error('dense was used'); } }, keywords: (services.retriever as unknown as { deps: { keywords: never } }).deps.keywords, sections: services.sections, chunks: services.chunks, glossary: services.glossary },
      { ...DEFAULT_HYBRID, use: ['keyword'] },
    );
    const { hits } = await keywordOnly.retrieve('空洞卷积');
    expect(hits.every((h) => h.sources.join() === 'keyword')).toBe(true);
  });
});
