// GET /api/health — whether the index is ready, which model it uses, whether an LLM is configured, and what in the
// notes was skipped when the index was prepared.

import { Hono } from 'hono';
import type { HealthResponse } from '../api/schemas.js';
import type { AppDeps } from '../app.js';
import { MAX_WARNINGS_SHOWN } from '../ingest/ensure-index.js';

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/', (c) => {
    const state = deps.services.peek();
    const services = state.status === 'ready' ? state.services : null;
    const warnings = services?.notesWarnings ?? [];
    const body: HealthResponse = {
      ready: services !== null,
      status: state.status,
      ...(state.status !== 'ready' ? { message: state.message } : {}),
      model: services?.modelId ?? null,
      chunks: services?.chunks.length ?? 0,
      sections: services?.sections.length ?? 0,
      llm: { configured: deps.llmModel !== null, model: deps.llmModel },
      // As many as the console shows; `warningsTotal` says how many more, which `npm run ingest` lists.
      warnings: warnings.slice(0, MAX_WARNINGS_SHOWN),
      warningsTotal: warnings.length,
    };
    return c.json(body, 200);
  });
}
