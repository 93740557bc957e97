// Reads a request's JSON body once for the guards and the validators: one rule for empty bodies, one error for broken JSON.

import type { Context } from 'hono';
import { AppError } from '../errors.js';

/**
 * The parsed body. An empty (or whitespace-only) body is `{}`: clients such as `fetch(url, {method: 'POST',
 * headers: {'content-type': 'application/json'}})` send one for "no options", and the schema decides whether `{}`
 * is enough (it is for /skip and POST /sessions, whose fields are optional; it is a 400 naming the missing field
 * elsewhere). Any other text that is not JSON is a 400 `bad_request:json`, whichever route it was sent to.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  // Hono caches the text, so the guard and the validator of one request read the stream once between them.
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad_request', 'Request body is not valid JSON', 'json');
  }
}
