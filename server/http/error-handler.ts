// The one place errors become HTTP responses: typed errors keep their status, anything else is a logged 500.

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../errors.js';

export function toErrorResponse(error: unknown, c: Context): Response {
  if (error instanceof AppError) return c.json(error.toJSON(), error.status);
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status < 500 ? 'bad_request' : 'internal';
    return c.json({ code, message: error.message || 'Request failed' }, status);
  }
  console.error('unexpected error:', error);
  return c.json({ code: 'internal', message: 'Something went wrong on the server. The details are in its log.' }, 500);
}
