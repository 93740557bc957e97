// Wires the interview feature from configuration: the SQLite store, the tagged question catalog and the service.

import type { Config } from '../config.js';
import type { Glossary } from '../glossary/glossary.js';
import type { Grader } from '../grading/types.js';
import type { Section } from '../notes/types.js';
import { SqliteSessionStore } from '../store/sqlite-session-store.js';
import type { SessionStore } from '../store/session-store.js';
import { InterviewService } from './interview-service.js';
import { loadTopics } from './load-topics.js';
import { QuestionCatalog } from './question-catalog.js';
import { TopicTagger } from './topic-tagger.js';

export interface InterviewParts {
  store: SessionStore;
  questions: QuestionCatalog;
  interview: InterviewService;
}

/** Opens (creating and migrating) the database at config.dbFile; the caller closes `store` on shutdown. */
export async function openInterview(config: Pick<Config, 'dbFile' | 'topicsFile'>, parts: { sections: Section[]; glossary: Glossary; grader: Grader }): Promise<InterviewParts> {
  const questions = new QuestionCatalog(parts.sections, new TopicTagger(await loadTopics(config.topicsFile), parts.glossary));
  const store = SqliteSessionStore.open(config.dbFile);
  return { store, questions, interview: new InterviewService({ store, grader: parts.grader, catalog: questions, glossary: parts.glossary }) };
}
