// Breaks a query into concepts (glossary term sets or plain words) and tells which of them a text contains.

import type { Glossary } from '../glossary/glossary.js';
import { normalizeText } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';

export interface Concept {
  /** Normalised surface forms, any of which counts as the concept being present. */
  forms: string[];
  /** Set for an intent word (优点, 缺点, 作用 …): intents decide between neighbours, not topic. */
  intent?: string;
}

/** Glossary matches become one concept each; remaining words become single-form concepts. */
export function queryConcepts(query: string, glossary: Glossary): Concept[] {
  const norm = normalizeText(query);
  const matches = glossary.findWithTypos(norm);
  const concepts: Concept[] = matches.map((m) => ({
    forms: [...new Set(m.set.terms.map((t) => normalizeText(t)).filter(Boolean))],
    ...(m.set.intent ? { intent: m.set.intent } : {}),
  }));
  let rest = '';
  let last = 0;
  for (const m of matches) {
    rest += `${norm.slice(last, m.start)} `;
    last = m.end;
  }
  rest += norm.slice(last);
  const seen = new Set(concepts.flatMap((c) => c.forms));
  for (const token of tokenize(rest)) {
    if (seen.has(token) || (token.length === 1 && !/\p{Script=Han}/u.test(token))) continue;
    seen.add(token);
    concepts.push({ forms: [token] });
  }
  return concepts;
}

/** True when `text` (already normalised) contains any form; English forms only as whole words. */
export function containsConcept(text: string, concept: Concept): boolean {
  return concept.forms.some((form) => {
    let at = text.indexOf(form);
    while (at !== -1) {
      if (/\p{Script=Han}/u.test(form)) return true;
      const before = text[at - 1] ?? ' ';
      const after = text[at + form.length] ?? ' ';
      if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
      at = text.indexOf(form, at + 1);
    }
    return false;
  });
}
