// Finds the section a question reference names: its id, the leading number of its heading ("11"), or its exact heading.

import type { Section } from '../notes/types.js';

export type Resolution = { section: Section } | { error: string };

/** `ref` is a section id (`q_…`), a heading's leading number, the exact heading, or the exact title without the number. */
export function resolveQuestion(sections: Section[], ref: string): Resolution {
  const key = ref.trim();
  if (key === '') return { error: 'the question is empty' };
  const byId = sections.find((s) => s.id === key);
  if (byId) return { section: byId };
  if (/^\d{1,5}$/.test(key)) {
    const numbered = sections.filter((s) => s.number === Number(key));
    if (numbered.length === 1) return { section: numbered[0]! };
    if (numbered.length > 1) return { error: `question number ${key} is ambiguous: it heads ${numbered.length} sections (${numbered.map((s) => s.file).join(', ')}); use the question id` };
    return { error: `no question is numbered ${key}` };
  }
  const byHeading = sections.filter((s) => s.heading === key);
  if (byHeading.length >= 1) return { section: byHeading[0]! };
  const byTitle = sections.filter((s) => s.title === key);
  if (byTitle.length === 1) return { section: byTitle[0]! };
  return { error: /^q_[0-9a-f]{12}/.test(key) ? `no question has the id ${key}` : `no question has the heading "${key}"` };
}
