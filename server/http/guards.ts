// Request guards for the API: size limit, JSON content type, and the access token when one is configured.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors.js';
import { readJsonBody } from './json-body.js';

/** 1 MB: far above any answer (10,000 characters) yet small enough that no request can exhaust memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const limitBody: MiddlewareHandler = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    // The rest of the body is never read, so this connection cannot carry another request: close it after the
    // answer (a keep-alive client would otherwise send its next request into the unread body and hang).
    c.header('Connection', 'close');
    throw new AppError('payload_too_large', `Request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
  },
});

/** Bodies of POST/PUT/PATCH must be JSON, and must parse: 415 for another type, 400 for broken JSON. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const type = c.req.header('content-type') ?? '';
    const length = c.req.header('content-length');
    const hasBody = length !== '0' && (length !== undefined || c.req.header('transfer-encoding') !== undefined);
    if (hasBody && !/^application\/json\b/i.test(type)) {
      throw new AppError('unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json');
    }
    // Checked here too, not only by the routes' validators, so routes without a body schema (pause, resume,
    // finish) refuse broken JSON the same way.
    if (hasBody) await readJsonBody(c);
  }
  await next();
};

/** `Bearer <credentials>`; the scheme is case-insensitive (RFC 9110 §11.1), so `bearer` and `BEARER` count too. */
const BEARER = /^bearer[ \t]+(.*)$/i;

/**
 * With a token configured, every API request must carry `Authorization: Bearer <token>`. Both sides are hashed
 * and compared in constant time, so the response time says nothing about how much of a guess was right.
 */
export function requireToken(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : null;
  return async (c, next) => {
    const given = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    // A header without the scheme is hashed as '' and compared all the same, so it takes no shorter path.
    if (expected && !timingSafeEqual(digest(given ?? ''), expected)) {
      throw new AppError('unauthorized', 'This tutor requires an access token: send Authorization: Bearer <TUTOR_TOKEN>');
    }
    await next();
  };
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
