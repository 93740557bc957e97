// POST /api/grade — grades an answer against the notes: a question by id, or a free question by its text.

import { Hono } from 'hono';
import { gradeRequest, type GradeResponse } from '../api/schemas.js';
import type { AppDeps } from '../app.js';
import { validateBody } from '../http/validate.js';

export function gradeRoutes(deps: AppDeps) {
  return new Hono().post('/', validateBody(gradeRequest), async (c) => {
    const { questionId, question, answer } = c.req.valid('json');
    const grade: GradeResponse = await deps.services.get().grader.grade({
      ...(questionId !== undefined ? { questionId } : { question: question! }),
      answer,
      signal: c.req.raw.signal,
    });
    return c.json(grade, 200);
  });
}
