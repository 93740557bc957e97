// POST /api/search — hybrid retrieval over the notes, with the in-scope decision.

import { Hono } from 'hono';
import { searchRequest, type SearchResponse } from '../api/schemas.js';
import type { AppDeps } from '../app.js';
import { validateBody } from '../http/validate.js';

export function searchRoutes(deps: AppDeps) {
  return new Hono().post('/', validateBody(searchRequest), async (c) => {
    const { query, k } = c.req.valid('json');
    const result: SearchResponse = await deps.services.get().retriever.retrieve(query, k ?? 5);
    return c.json(result, 200);
  });
}
