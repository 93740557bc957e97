// zod validation for request bodies and params: failures become a 400 with the first problem in words.

import { zValidator } from '@hono/zod-validator';
import type { Env, MiddlewareHandler, ValidationTargets } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { readJsonBody } from './json-body.js';

function validationError(error: { issues: readonly z.core.$ZodIssue[] }): AppError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return new AppError('bad_request', `${where}${issue?.message ?? 'invalid request'}`, 'validation');
}

/** Params, query and headers. JSON bodies go through validateBody, which owns the empty-body and broken-JSON rules. */
export const validate = <T extends z.ZodType, Target extends Exclude<keyof ValidationTargets, 'json' | 'form'>>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error);
  });

/**
 * The JSON body, parsed by readJsonBody (an empty body is `{}`) and checked against `schema`; the route reads it
 * with `c.req.valid('json')`. Hono's own JSON validator is not used: it refuses an empty body as malformed JSON,
 * with another code than the guard's.
 */
export const validateBody =
  <T extends z.ZodType, E extends Env = Env, P extends string = string>(schema: T): MiddlewareHandler<E, P, { in: { json: z.input<T> }; out: { json: z.output<T> } }> =>
  async (c, next) => {
    const result = await schema.safeParseAsync(await readJsonBody(c));
    if (!result.success) throw validationError(result.error);
    c.req.addValidatedData('json', result.data as object);
    await next();
  };
