// Reads the user-editable topics file (corpus/topics.yaml), validating it so a typo gets a message with its place.

import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors.js';

export interface TopicDefinition {
  id: string;
  label: { zh: string; en: string };
  keywords: string[];
}

export interface TopicsFile {
  /** In file order. */
  topics: TopicDefinition[];
  /** Heading text exactly as written after the `#` marks → topic ids. */
  overrides: Map<string, string[]>;
}

const keyword = z.union([z.string(), z.number()]).transform((k) => String(k).trim());
const schema = z.object({
  topics: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_-]*$/, 'topic ids are lowercase letters, digits, - and _'),
      z.object({
        label: z.union([z.string().transform((s) => ({ zh: s, en: s })), z.object({ zh: z.string(), en: z.string() })]),
        keywords: z.array(keyword).default([]),
      }),
    )
    .default({}),
  overrides: z.record(z.string(), z.array(z.string()).min(1)).nullish(),
});

/** A missing file means no topics (questions are then tagged "other"); a broken one is an error with details. */
export async function loadTopics(file: string): Promise<TopicsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { topics: [], overrides: new Map() };
    throw error;
  }
  return parseTopics(text, file);
}

export function parseTopics(text: string, file = 'topics.yaml'): TopicsFile {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    throw new AppError('unprocessable', `${file} is not valid YAML: ${(error as Error).message}`, 'topics');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new AppError('unprocessable', `${file} has entries of the wrong shape: ${where}`, 'topics');
  }
  const topics = Object.entries(parsed.data.topics).map(([id, t]) => ({ id, label: t.label, keywords: t.keywords.filter((k) => k !== '') }));
  const known = new Set(topics.map((t) => t.id));
  const unknown = Object.entries(parsed.data.overrides ?? {}).flatMap(([heading, ids]) => ids.filter((id) => !known.has(id)).map((id) => `"${heading}" → ${id}`));
  if (unknown.length > 0) throw new AppError('unprocessable', `${file} overrides name topics it does not define: ${unknown.join('; ')}`, 'topics');
  return { topics, overrides: new Map(Object.entries(parsed.data.overrides ?? {}).map(([h, ids]) => [h.trim(), ids])) };
}
