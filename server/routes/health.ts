// GET /api/health — whether the index is ready, which model it uses, and whether an LLM is configured.

import { Hono } from 'hono';
import type { HealthResponse } from '../api/schemas.js';
import type { AppDeps } from '../app.js';

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/', (c) => {
    const state = deps.services.peek();
    const services = state.status === 'ready' ? state.services : null;
    const body: HealthResponse = {
      ready: services !== null,
      status: state.status,
      ...(state.status !== 'ready' ? { message: state.message } : {}),
      model: services?.modelId ?? null,
      chunks: services?.chunks.length ?? 0,
      sections: services?.sections.length ?? 0,
      llm: { configured: deps.llmModel !== null, model: deps.llmModel },
    };
    return c.json(body, 200);
  });
}
