// createApp(deps): mounts the API routes, guards and the single error handler; exports AppType for the client.

import { Hono } from 'hono';
import { AppError } from './errors.js';
import { toErrorResponse } from './http/error-handler.js';
import { limitBody, requireJson, requireToken } from './http/guards.js';
import { healthRoutes } from './routes/health.js';
import { searchRoutes } from './routes/search.js';
import type { ServiceHolder } from './services.js';

export interface AppDeps {
  services: ServiceHolder;
  /** The configured LLM's model name, or null when none is configured. */
  llmModel: string | null;
  /** When set, API requests must send `Authorization: Bearer <token>`. */
  token?: string;
}

export function createApp(deps: AppDeps) {
  const api = new Hono()
    .use('*', requireToken(deps.token), limitBody, requireJson)
    .route('/health', healthRoutes(deps))
    .route('/search', searchRoutes(deps));

  const app = new Hono().route('/api', api);
  app.notFound((c) => toErrorResponse(new AppError('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`, 'route'), c));
  app.onError(toErrorResponse);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
