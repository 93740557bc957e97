// The questions an interview can ask: every section of the notes with its topics and whether it has an answer.

import type { Section } from '../notes/types.js';
import type { TopicTagger } from './topic-tagger.js';

export interface QuestionInfo {
  id: string;
  number: number | null;
  heading: string;
  title: string;
  topics: string[];
  topicSource: 'override' | 'keywords' | 'fallback';
  hasReference: boolean;
  /** Position in the notes (file order, then line): the order of the sequential strategy. */
  order: number;
}

export class QuestionCatalog {
  readonly questions: QuestionInfo[];
  private readonly byId: Map<string, QuestionInfo>;

  constructor(
    sections: Section[],
    readonly tagger: TopicTagger,
  ) {
    this.questions = sections.map((s, order) => {
      const tag = tagger.tag(s);
      return { id: s.id, number: s.number, heading: s.heading, title: s.title, topics: tag.topics, topicSource: tag.source, hasReference: s.hasReference, order };
    });
    this.byId = new Map(this.questions.map((q) => [q.id, q]));
  }

  get(id: string): QuestionInfo | undefined {
    return this.byId.get(id);
  }
}
