// POST /api/ask — an answer from the notes with citations; POST /api/ask/stream — the same as Server-Sent Events.
//
// Stream protocol (also documented on askStreamEvent in server/api/schemas.ts). Every event's `data` is JSON whose
// `type` equals the event name:
//   meta   {inScope, coverage, mode, resolvedQuestion, citations, suggestions}   first; a later meta replaces it
//   token  {text}                                                                append to the answer
//   notice {message}                                                             show to the user, e.g. a fallback
//   reset  {}                                                                    discard the answer text so far
//   done   {result}                                                              last; result is the final AskResponse
//   error  {code, message}                                                       the stream failed; nothing follows
// Closing the connection stops the work, including the upstream LLM request.

import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { askRequest, type AskResponse, type AskStreamEvent } from '../api/schemas.js';
import type { AppDeps } from '../app.js';
import { AppError } from '../errors.js';
import { validateBody } from '../http/validate.js';

export function askRoutes(deps: AppDeps) {
  return new Hono()
    .post('/', validateBody(askRequest), async (c) => {
      const input = c.req.valid('json');
      const signal = c.req.raw.signal;
      try {
        const result: AskResponse = await deps.services.get().asker.ask(input, { signal });
        return c.json(result, 200);
      } catch (error) {
        // The client left and nobody will read a reply; an aborted answer is not a server error worth logging.
        if (signal.aborted) return new Response(null, { status: 499 });
        throw error;
      }
    })
    .post('/stream', validateBody(askRequest), (c) => {
      const input = c.req.valid('json');
      // Resolved before the stream opens, so "index not ready" is a plain 503 rather than an error event.
      const asker = deps.services.get().asker;
      return streamSSE(c, async (stream) => {
        const controller = new AbortController();
        const stop = () => controller.abort(new Error('The client closed the connection'));
        stream.onAbort(stop);
        c.req.raw.signal.addEventListener('abort', stop, { once: true });
        const send = (event: AskStreamEvent) => stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
        try {
          for await (const event of asker.stream(input, { signal: controller.signal })) {
            if (controller.signal.aborted) break;
            await send(event);
          }
        } catch (error) {
          if (controller.signal.aborted) return;
          if (!(error instanceof AppError)) console.error('ask stream failed:', error);
          const { code, message } =
            error instanceof AppError ? error.toJSON() : { code: 'internal', message: 'Something went wrong on the server. The details are in its log.' };
          await send({ type: 'error', code, message });
        } finally {
          c.req.raw.signal.removeEventListener('abort', stop);
        }
      });
    });
}
