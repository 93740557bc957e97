// An InterviewService over the bundled notes with a fake grader, a movable clock and a temporary SQLite file.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Glossary } from '../../server/glossary/glossary.js';
import { loadGlossary } from '../../server/glossary/load-glossary.js';
import type { Grader } from '../../server/grading/types.js';
import { InterviewService } from '../../server/interview/interview-service.js';
import { loadTopics } from '../../server/interview/load-topics.js';
import { QuestionCatalog } from '../../server/interview/question-catalog.js';
import { TopicTagger } from '../../server/interview/topic-tagger.js';
import { loadNotes } from '../../server/notes/load-notes.js';
import { SqliteSessionStore } from '../../server/store/sqlite-session-store.js';

export const DAY = 86_400_000;

export class FakeClock {
  constructor(private time: number) {}
  now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time += ms;
  }
}

let shared: Promise<{ catalog: QuestionCatalog; glossary: Glossary }> | undefined;

/** The bundled notes tagged with the bundled topics file, read once per worker. */
export function bundledCatalog(): Promise<{ catalog: QuestionCatalog; glossary: Glossary }> {
  shared ??= (async () => {
    const glossary = await loadGlossary('corpus/glossary.yaml');
    const catalog = new QuestionCatalog((await loadNotes('corpus')).sections, new TopicTagger(await loadTopics('corpus/topics.yaml'), glossary));
    return { catalog, glossary };
  })();
  return shared;
}

export async function interviewFixture(grader: Grader, options: { file?: string; clock?: FakeClock } = {}) {
  const { catalog, glossary } = await bundledCatalog();
  const file = options.file ?? path.join(mkdtempSync(path.join(tmpdir(), 'tutor-interview-')), 'tutor.db');
  const clock = options.clock ?? new FakeClock(Date.parse('2025-03-03T09:00:00.000Z'));
  const store = SqliteSessionStore.open(file);
  let id = 0;
  const service = new InterviewService({ store, grader, catalog, glossary, now: clock.now, newId: () => `session-${++id}`, timeZone: 'UTC' });
  return { service, store, catalog, clock, file };
}
