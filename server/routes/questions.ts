// GET /api/questions — every question in the notes with its topics and whether the notes answer it.

import { Hono } from 'hono';
import type { QuestionsResponse } from '../api/schemas.js';
import type { AppDeps } from '../app.js';

export function questionRoutes(deps: AppDeps) {
  return new Hono().get('/', (c) => {
    const catalog = deps.services.get().questions;
    const used = new Set(catalog.questions.flatMap((q) => q.topics));
    const body: QuestionsResponse = {
      questions: catalog.questions.map((q) => ({ id: q.id, number: q.number, heading: q.heading, topics: q.topics, topicSource: q.topicSource, hasReference: q.hasReference })),
      topics: catalog.tagger.topics.filter((t) => used.has(t.id)).map((t) => ({ id: t.id, label: t.label })),
    };
    return c.json(body, 200);
  });
}
