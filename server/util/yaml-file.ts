// Reading the optional, user-edited YAML files (corpus/topics.yaml, the glossary): absent is fine, broken names the place.

import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../errors.js';

/** The file's text, or null when it does not exist; any other read failure is thrown. */
export async function readOptionalFile(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Parses YAML text and checks it against `schema`. Bad YAML or a wrong shape is an `unprocessable:<subject>`
 * error that names `file` and, for a wrong shape, every bad entry's path, so the user can find the typo.
 */
export function parseYamlFile<S extends z.ZodType>(text: string, file: string, schema: S, subject: string): z.output<S> {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    throw new AppError('unprocessable', `${file} is not valid YAML: ${(error as Error).message}`, subject);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new AppError('unprocessable', `${file} has entries of the wrong shape: ${where}`, subject);
  }
  return parsed.data;
}
