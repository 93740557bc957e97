// What the routes work with once the index is loaded, and the holder that says whether it is loaded yet.

import type { Asker } from './ask/types.js';
import { AppError } from './errors.js';
import type { Glossary } from './glossary/glossary.js';
import type { Grader } from './grading/types.js';
import type { InterviewService } from './interview/interview-service.js';
import type { QuestionCatalog } from './interview/question-catalog.js';
import type { Chunk, Section } from './notes/types.js';
import type { Embedder, Retriever } from './retrieval/types.js';
import type { SessionStore } from './store/session-store.js';

export interface Services {
  modelId: string;
  sections: Section[];
  chunks: Chunk[];
  glossary: Glossary;
  embedder: Embedder;
  retriever: Retriever;
  /** Answers questions from the notes (POST /api/ask). */
  asker: Asker;
  /** Grades an answer against the notes (POST /api/grade, interview answers); LLM-checked when one is configured. */
  grader: Grader;
  /** The interview database (sessions, answers, review cards); closed on shutdown. */
  store: SessionStore;
  /** The notes' questions with their topic tags (GET /api/questions). */
  questions: QuestionCatalog;
  /** Mock interview sessions, spaced review and progress. */
  interview: InterviewService;
  /**
   * What in the notes folder was skipped when the index was prepared (a file not UTF-8 or not markdown, a heading
   * without a space…), one line each as the console says it; empty when nothing was. GET /api/health shows them.
   */
  notesWarnings: string[];
}

type State = { status: 'indexing'; message: string } | { status: 'ready'; services: Services } | { status: 'error'; message: string };

/** Lets the server answer (health, UI) while the index is still being built, and refuse index work with a 503. */
export class ServiceHolder {
  private state: State = { status: 'indexing', message: 'Preparing the notes index…' };

  static ready(services: Services): ServiceHolder {
    const holder = new ServiceHolder();
    holder.set(services);
    return holder;
  }

  set(services: Services): void {
    this.state = { status: 'ready', services };
  }

  progress(message: string): void {
    if (this.state.status !== 'ready') this.state = { status: 'indexing', message };
  }

  fail(message: string): void {
    this.state = { status: 'error', message };
  }

  get(): Services {
    if (this.state.status === 'ready') return this.state.services;
    throw new AppError('not_ready', this.state.status === 'indexing' ? `The notes index is still being built: ${this.state.message}` : `The notes index could not be loaded: ${this.state.message}`, 'index');
  }

  peek(): State {
    return this.state;
  }
}
