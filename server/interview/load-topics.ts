// Reads the user-editable topics file (corpus/topics.yaml), validating it so a typo gets a message with its place.

import { z } from 'zod';
import { AppError } from '../errors.js';
import { parseYamlFile, readOptionalFile } from '../util/yaml-file.js';

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
  const text = await readOptionalFile(file);
  if (text === null) return { topics: [], overrides: new Map() };
  return parseTopics(text, file);
}

export function parseTopics(text: string, file = 'topics.yaml'): TopicsFile {
  const data = parseYamlFile(text, file, schema, 'topics');
  const topics = Object.entries(data.topics).map(([id, t]) => ({ id, label: t.label, keywords: t.keywords.filter((k) => k !== '') }));
  const known = new Set(topics.map((t) => t.id));
  const unknown = Object.entries(data.overrides ?? {}).flatMap(([heading, ids]) => ids.filter((id) => !known.has(id)).map((id) => `"${heading}" → ${id}`));
  if (unknown.length > 0) throw new AppError('unprocessable', `${file} overrides name topics it does not define: ${unknown.join('; ')}`, 'topics');
  return { topics, overrides: new Map(Object.entries(data.overrides ?? {}).map(([h, ids]) => [h.trim(), ids])) };
}
