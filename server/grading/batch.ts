// One line of the batch grading contract (`npm run grade -- --batch FILE`): parse, resolve the question, grade.
// The output shape is used by external evaluation; keep it stable.

import { z } from 'zod';
import type { Section } from '../notes/types.js';
import { resolveQuestion } from './resolve-question.js';
import type { Grade, Grader } from './types.js';

export type BatchResult =
  | ({ id: string | number | null; questionId: string | null } & Grade)
  | { id: string | number | null; error: string };

const line = z.object({
  id: z.union([z.string(), z.number()], { error: 'id must be a string or a number' }),
  question: z.union([z.string(), z.number()], { error: 'question must be a question id, a number or a heading' }),
  answer: z.string({ error: 'answer must be a string' }).max(10_000, 'answer is longer than 10,000 characters'),
});

/** Never throws: a line that cannot be graded becomes `{id, error}` so output lines stay aligned with input lines. */
export async function gradeBatchLine(text: string, deps: { grader: Grader; sections: Section[] }): Promise<BatchResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { id: null, error: 'the line is not valid JSON' };
  }
  const id = typeof raw === 'object' && raw !== null && 'id' in raw && (typeof raw.id === 'string' || typeof raw.id === 'number') ? raw.id : null;
  const parsed = line.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { id, error: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` };
  }
  const { question, answer } = parsed.data;
  const ref = String(question).trim();
  const resolved = resolveQuestion(deps.sections, ref);
  // An id or a number must name a question; other text that is not a heading is graded as a free question.
  if ('error' in resolved && resolved.named) return { id, error: resolved.error };
  try {
    const grade = await deps.grader.grade('section' in resolved ? { questionId: resolved.section.id, answer } : { question: ref, answer });
    return { id, questionId: 'section' in resolved ? resolved.section.id : null, ...grade };
  } catch (error) {
    return { id, error: (error as Error).message };
  }
}
