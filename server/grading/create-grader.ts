// Builds the grader for the configured setup: the rubric grader, cross-checked by an LLM judge when one is configured.

import type { Glossary } from '../glossary/glossary.js';
import type { ChatModel } from '../llm/types.js';
import type { Chunk, Section } from '../notes/types.js';
import type { Embedder, Retriever } from '../retrieval/types.js';
import { BlendedGrader, DEFAULT_BLEND } from './blended-grader.js';
import { LlmJudge } from './llm-judge.js';
import { ReferenceBank } from './reference.js';
import { RubricGrader } from './rubric-grader.js';
import type { Grader } from './types.js';

export interface GradingDeps {
  sections: Section[];
  chunks: Chunk[];
  glossary: Glossary;
  embedder: Embedder;
  retriever: Retriever;
}

export interface Grading {
  grader: Grader;
  /** The no-LLM grader, also used directly by evaluation and the batch CLI's `--rubric` mode. */
  rubric: RubricGrader;
  references: ReferenceBank;
}

/** `chat` null means no LLM: the rubric grader alone. */
export async function createGrading(deps: GradingDeps, chat: ChatModel | null, llmTimeoutMs = 20_000): Promise<Grading> {
  const references = await ReferenceBank.build(deps.sections, deps.glossary, deps.embedder);
  const rubric = new RubricGrader({ ...deps, bank: references });
  const grader = chat ? new BlendedGrader(rubric, new LlmJudge(chat), { ...DEFAULT_BLEND, timeoutMs: llmTimeoutMs }) : rubric;
  return { grader, rubric, references };
}
