// GET /api/progress — per-topic mastery and due counts, the practice streak, and the history of sessions.

import { Hono } from 'hono';
import type { ProgressResponse } from '../api/schemas.js';
import type { AppDeps } from '../app.js';

export function progressRoutes(deps: AppDeps) {
  return new Hono().get('/', (c) => {
    const body: ProgressResponse = deps.services.get().interview.progress();
    return c.json(body, 200);
  });
}
