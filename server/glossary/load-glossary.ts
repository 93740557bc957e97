// Reads the user-editable glossary YAML, validating it so a typo in the file gets a message with its place.

import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { Glossary } from './glossary.js';

const term = z.union([z.string(), z.number()]).transform((t) => String(t).trim());
const schema = z.object({
  terms: z.array(z.array(term).min(1)).default([]),
  intents: z.record(z.string(), z.array(term).min(1)).default({}),
});

/** Loads a glossary file; a missing file is an empty glossary (the product works without one). */
export async function loadGlossary(file: string): Promise<Glossary> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Glossary.empty();
    throw error;
  }
  return parseGlossary(text, file);
}

export function parseGlossary(text: string, file = 'glossary.yaml'): Glossary {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    throw new AppError('unprocessable', `${file} is not valid YAML: ${(error as Error).message}`, 'glossary');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new AppError('unprocessable', `${file} has entries of the wrong shape: ${where}`, 'glossary');
  }
  const clean = (terms: string[]) => terms.filter((t) => t !== '');
  return new Glossary({
    terms: parsed.data.terms.map(clean).filter((s) => s.length > 0),
    intents: Object.fromEntries(Object.entries(parsed.data.intents).map(([k, v]) => [k, clean(v)])),
  });
}
