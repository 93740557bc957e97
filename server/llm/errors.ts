// Typed failures of the optional chat model, so callers can tell a timeout from a broken endpoint and fall back.

import { AppError } from '../errors.js';

/** The model did not answer within the time allowed. */
export class ChatTimeoutError extends AppError {
  constructor(readonly timeoutMs: number) {
    super('upstream', `The language model did not answer within ${timeoutMs} ms`, 'llm_timeout');
    this.name = 'ChatTimeoutError';
  }
}

/** The endpoint refused the request, was unreachable, or sent something that is not a chat reply. */
export class ChatUpstreamError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('upstream', `The language model request failed: ${message}`, 'llm', options);
    this.name = 'ChatUpstreamError';
  }
}
