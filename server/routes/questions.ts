// GET /api/questions — every question in the notes with its topics and whether the notes answer it;
// GET /api/questions/:id — one section in full.

import { Hono } from 'hono';
import type { QuestionDetailResponse, QuestionsResponse } from '../api/schemas.js';
import { AppError } from '../errors.js';
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
  }).get('/:id', (c) => {
    const { questions, sections } = deps.services.get();
    const id = c.req.param('id');
    const section = sections.find((s) => s.id === id);
    if (!section) throw new AppError('not_found', `No question with id "${id}" in the notes`, 'question');
    const body: QuestionDetailResponse = {
      id: section.id,
      number: section.number,
      heading: section.heading,
      answer: section.answer,
      hasReference: section.hasReference,
      topics: questions.get(id)?.topics ?? [],
      source: { file: section.file, startLine: section.startLine, endLine: section.endLine },
    };
    return c.json(body, 200);
  });
}
