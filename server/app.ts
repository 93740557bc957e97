// createApp(deps): mounts the API routes, guards and the single error handler; exports AppType for the client.

import { Hono } from 'hono';
import { AppError } from './errors.js';
import { toErrorResponse } from './http/error-handler.js';
import { limitBody, requireJson, requireToken } from './http/guards.js';
import { webAppFiles } from './http/static-files.js';
import { askRoutes } from './routes/ask.js';
import { gradeRoutes } from './routes/grade.js';
import { healthRoutes } from './routes/health.js';
import { progressRoutes } from './routes/progress.js';
import { questionRoutes } from './routes/questions.js';
import { reviewRoutes } from './routes/review.js';
import { searchRoutes } from './routes/search.js';
import { sessionRoutes } from './routes/sessions.js';
import type { ServiceHolder } from './services.js';

export interface AppDeps {
  services: ServiceHolder;
  /** The configured LLM's model name, or null when none is configured. */
  llmModel: string | null;
  /** When set, API requests must send `Authorization: Bearer <token>`. */
  token?: string;
  /** The built web app's folder (web/dist), served for every non-API GET; no UI when unset. */
  webRoot?: string;
}

export function createApp(deps: AppDeps) {
  const api = new Hono()
    .use('*', requireToken(deps.token), limitBody, requireJson)
    .route('/health', healthRoutes(deps))
    .route('/search', searchRoutes(deps))
    .route('/ask', askRoutes(deps))
    .route('/grade', gradeRoutes(deps))
    .route('/sessions', sessionRoutes(deps))
    .route('/questions', questionRoutes(deps))
    .route('/review', reviewRoutes(deps))
    .route('/progress', progressRoutes(deps));

  const app = new Hono().route('/api', api);
  if (deps.webRoot) app.get('*', webAppFiles(deps.webRoot));
  app.notFound((c) => toErrorResponse(new AppError('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`, 'route'), c));
  app.onError(toErrorResponse);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
