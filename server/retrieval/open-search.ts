// Opens everything search needs from configuration: glossary, embedder and a verified index.

import type { Config } from '../config.js';
import type { Glossary } from '../glossary/glossary.js';
import { loadGlossary } from '../glossary/load-glossary.js';
import { addWords } from '../text/tokenize.js';
import { createEmbedder } from './create-embedder.js';
import { HybridRetriever, DEFAULT_HYBRID, type HybridOptions } from './hybrid-retriever.js';
import { loadIndex, type LoadedIndex } from './index-store.js';
import type { Embedder } from './types.js';

export interface SearchContext {
  glossary: Glossary;
  embedder: Embedder;
  index: LoadedIndex;
  retriever: HybridRetriever;
  /** A retriever with other options over the same index (evaluation compares variants). */
  variant(options: HybridOptions): HybridRetriever;
}

export async function openSearch(config: Config): Promise<SearchContext> {
  const glossary = await loadGlossary(config.glossaryFile);
  addWords(glossary.sets.flatMap((s) => s.terms));
  const embedder = createEmbedder(config);
  const index = await loadIndex(config.indexDir, embedder.modelId);
  await embedder.warmUp();
  const variant = (options: HybridOptions) =>
    new HybridRetriever({ embedder, vectors: index.vectors, keywords: index.keywords, sections: index.sections, chunks: index.chunks, glossary }, options);
  return { glossary, embedder, index, retriever: variant(DEFAULT_HYBRID), variant };
}
