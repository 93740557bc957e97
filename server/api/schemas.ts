// Request and response shapes shared by the server routes and the web client (one definition, two users).

import { z } from 'zod';

/** Text fields refuse lone surrogates: they cannot be stored or shown faithfully. */
export const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .max(max, `${what} is longer than ${max.toLocaleString('en')} characters`)
    .refine((s) => s.isWellFormed(), `${what} contains invalid Unicode (a lone surrogate)`);

export const nonEmptyText = (max: number, what: string) => text(max, what).refine((s) => s.trim().length > 0, `${what} is empty`);

export const searchRequest = z.object({
  query: nonEmptyText(2000, 'query'),
  k: z.number().int().min(1).max(50).optional(),
});
export type SearchRequest = z.infer<typeof searchRequest>;

export const sectionHit = z.object({
  chunkId: z.string(),
  questionId: z.string(),
  heading: z.string(),
  text: z.string(),
  score: z.number(),
  sources: z.array(z.enum(['dense', 'keyword'])),
});
export type SectionHitDto = z.infer<typeof sectionHit>;

export const searchResponse = z.object({ inScope: z.boolean(), hits: z.array(sectionHit) });
export type SearchResponse = z.infer<typeof searchResponse>;

export const healthResponse = z.object({
  ready: z.boolean(),
  status: z.enum(['ready', 'indexing', 'error']),
  message: z.string().optional(),
  model: z.string().nullable(),
  chunks: z.number(),
  sections: z.number(),
  llm: z.object({ configured: z.boolean(), model: z.string().nullable() }),
});
export type HealthResponse = z.infer<typeof healthResponse>;

export const errorResponse = z.object({ code: z.string(), message: z.string() });
export type ErrorResponse = z.infer<typeof errorResponse>;
