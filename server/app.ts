// createApp(deps): mounts the API routes, guards and the single error handler; exports AppType for the client.

import { Hono } from 'hono';
import { AppError } from './errors.js';
import { closeIfBodyUnread } from './http/connection-close.js';
import { toErrorResponse } from './http/error-handler.js';
import { limitBody, requireJson, requireToken } from './http/guards.js';
import { allowedMethods } from './http/method-not-allowed.js';
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

  const app = new Hono().use('*', closeIfBodyUnread).route('/api', api);
  if (deps.webRoot) app.get('*', webAppFiles(deps.webRoot));
  app.notFound((c) => {
    const isApi = c.req.path === '/api' || c.req.path.startsWith('/api/');
    const allowed = isApi ? allowedMethods(app.routes, c.req.path) : deps.webRoot ? ['GET', 'HEAD'] : [];
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '));
      return toErrorResponse(new AppError('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}`), c);
    }
    return toErrorResponse(new AppError('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`, 'route'), c);
  });
  app.onError(toErrorResponse);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
