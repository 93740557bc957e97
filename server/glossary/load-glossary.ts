// Reads the user-editable glossary YAML, validating it so a typo in the file gets a message with its place.

import { z } from 'zod';
import { parseYamlFile, readOptionalFile } from '../util/yaml-file.js';
import { Glossary } from './glossary.js';

const term = z.union([z.string(), z.number()]).transform((t) => String(t).trim());
const schema = z.object({
  terms: z.array(z.array(term).min(1)).default([]),
  intents: z.record(z.string(), z.array(term).min(1)).default({}),
});

/** Loads a glossary file; a missing file is an empty glossary (the product works without one). */
export async function loadGlossary(file: string): Promise<Glossary> {
  const text = await readOptionalFile(file);
  if (text === null) return Glossary.empty();
  return parseGlossary(text, file);
}

export function parseGlossary(text: string, file = 'glossary.yaml'): Glossary {
  const data = parseYamlFile(text, file, schema, 'glossary');
  const clean = (terms: string[]) => terms.filter((t) => t !== '');
  return new Glossary({
    terms: data.terms.map(clean).filter((s) => s.length > 0),
    intents: Object.fromEntries(Object.entries(data.intents).map(([k, v]) => [k, clean(v)])),
  });
}
