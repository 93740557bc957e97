// What the routes work with once the index is loaded, and the holder that says whether it is loaded yet.

import { AppError } from './errors.js';
import type { Glossary } from './glossary/glossary.js';
import type { Chunk, Section } from './notes/types.js';
import type { Embedder, Retriever } from './retrieval/types.js';

export interface Services {
  modelId: string;
  sections: Section[];
  chunks: Chunk[];
  glossary: Glossary;
  embedder: Embedder;
  retriever: Retriever;
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
