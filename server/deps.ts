// Composition root: the one place that picks concrete classes and wires them into the services the routes use.

import { ExcerptSelector } from './ask/excerpt-selector.js';
import { NotesAsker } from './ask/notes-asker.js';
import type { Config } from './config.js';
import { createGrading } from './grading/create-grader.js';
import { openInterview } from './interview/open-interview.js';
import { createChatModel } from './llm/create-chat-model.js';
import { openSearch } from './retrieval/open-search.js';
import type { Services } from './services.js';

/**
 * Opens the index and builds every service. The index must exist (see ensureIndex); `notes.warnings` are what
 * preparing it found skipped in the notes (openIndex passes them), shown to web users by GET /api/health.
 */
export async function createServices(config: Config, notes: { warnings: string[] } = { warnings: [] }): Promise<Services> {
  const search = await openSearch(config);
  const { sections } = search.index;
  const chat = createChatModel(config);
  const excerpts = new ExcerptSelector({ sections, glossary: search.glossary, embedder: search.embedder });
  const asker = new NotesAsker(
    { retriever: search.retriever, excerpts, glossary: search.glossary, sections, chat },
    config.llm ? { llmTimeoutMs: config.llm.timeoutMs } : {},
  );
  // Key points are prepared here from the sections (see ReferenceBank.build for why not at ingest).
  const { grader } = await createGrading(
    { sections, chunks: search.index.chunks, glossary: search.glossary, embedder: search.embedder, retriever: search.retriever },
    chat,
    config.llm?.timeoutMs,
  );
  const interview = await openInterview(config, { sections, glossary: search.glossary, grader });
  return {
    modelId: search.embedder.modelId,
    sections: search.index.sections,
    chunks: search.index.chunks,
    glossary: search.glossary,
    embedder: search.embedder,
    retriever: search.retriever,
    asker,
    grader,
    ...interview,
    notesWarnings: notes.warnings,
  };
}
