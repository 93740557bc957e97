// GET /api/review/due — the questions whose spaced review is due now.

import { Hono } from 'hono';
import type { DueResponse } from '../api/schemas.js';
import type { AppDeps } from '../app.js';

export function reviewRoutes(deps: AppDeps) {
  return new Hono().get('/due', (c) => {
    const body: DueResponse = deps.services.get().interview.due();
    return c.json(body, 200);
  });
}
