// Composition root: the one place that picks concrete classes and wires them into the services the routes use.

import type { Config } from './config.js';
import { openSearch } from './retrieval/open-search.js';
import type { Services } from './services.js';

/** Opens the index and builds every service. The index must exist (see ensureIndex). */
export async function createServices(config: Config): Promise<Services> {
  const search = await openSearch(config);
  return {
    modelId: search.embedder.modelId,
    sections: search.index.sections,
    chunks: search.index.chunks,
    glossary: search.glossary,
    embedder: search.embedder,
    retriever: search.retriever,
  };
}
