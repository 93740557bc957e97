// Breaks a query into concepts (glossary term sets or plain words) and tells which of them a text contains.

import type { Glossary } from '../glossary/glossary.js';
import { normalizeText } from '../text/normalize.js';
import { stemText, stemmedVariants } from '../text/stem.js';
import { tokenizeWithSurface } from '../text/tokenize.js';

export interface Concept {
  /** Normalised surface forms, any of which counts as the concept being present. */
  forms: string[];
  /** Set for an intent word (优点, 缺点, 作用 …): intents decide between neighbours, not topic. */
  intent?: string;
  /** What the query actually said (normalised). */
  said: string;
  /** Broader head words of the forms, computed on first use. */
  heads?: string[];
  /** The forms and the heads as stemText sees them, computed on first use: a concept is looked for in every section. */
  stemmedForms?: string[];
  stemmedHeads?: string[];
}

/**
 * Glossary matches become one concept each (typos of glossary terms included); remaining words become
 * single-form concepts. `corrected` says the query has already been through `glossary.correct`, so only exact
 * matches are left to find.
 */
export function queryConcepts(query: string, glossary: Glossary, options: { corrected?: boolean } = {}): Concept[] {
  const norm = normalizeText(query);
  const matches = options.corrected ? glossary.find(norm) : glossary.findWithTypos(norm);
  const concepts: Concept[] = matches.map((m) => ({
    said: norm.slice(m.start, m.end),
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
  // Compared by stem, so "layers" after the glossary's "layer" (or "regularizing" twice) is one concept.
  const seen = new Set(concepts.flatMap((c) => c.forms.map(stemText)));
  // Joined forms ("used in" → "usedin") help matching, but are not things the user asked about.
  for (const { token, surface } of tokenizeWithSurface(rest, { joined: false })) {
    // Single characters (才, 比, x) are not topics; glossary terms of one character were matched above.
    if (seen.has(token) || [...token].length === 1) continue;
    seen.add(token);
    // The written word, not its stem: how specific a word is (wordSpecificity) is known for words, and
    // containsConcept stems both sides anyway.
    concepts.push({ said: surface, forms: [surface] });
  }
  return concepts;
}

/**
 * 1 when `stemmed` (a normalised text passed through stemText) contains a form of the concept; 0.5 when it holds
 * only the head of one (`pooling` of `max pooling`, `池化` of `最大池化`: the broader topic); else 0.
 */
export function conceptPresence(stemmed: string, concept: Concept): number {
  if (containsStemmed(stemmed, concept)) return 1;
  const heads = concept.heads ?? (concept.heads = headsOf(concept.forms));
  const stemmedHeads = concept.stemmedHeads ?? (concept.stemmedHeads = heads.flatMap(stemmedVariants));
  return stemmedHeads.length > 0 && holdsAny(stemmed, stemmedHeads) ? 0.5 : 0;
}

function headsOf(forms: string[]): string[] {
  const heads = new Set<string>();
  for (const f of forms) {
    if (/^[a-z0-9]+( [a-z0-9]+)+$/.test(f)) heads.add(f.slice(f.lastIndexOf(' ') + 1));
    else if (/^\p{Script=Han}{4,}$/u.test(f)) heads.add(f.slice(-2));
  }
  for (const f of forms) heads.delete(f);
  return [...heads].filter((h) => h.length >= 2);
}

/**
 * True when `text` (already normalised) contains any form; English forms only as whole words, compared by stem
 * (`regularizing` is in "a regularization technique", `pre-trained` in "a pretrained model").
 */
export function containsConcept(text: string, concept: Concept): boolean {
  return containsStemmed(stemText(text), concept);
}

/**
 * containsConcept for a text already passed through stemText: the retriever keeps the notes stemmed once, since
 * stemming every section again on a query's first sight of a concept cost over a second at 100k sections.
 */
export function containsStemmed(stemmed: string, concept: Concept): boolean {
  return holdsAny(stemmed, concept.stemmedForms ?? (concept.stemmedForms = concept.forms.flatMap(stemmedVariants)));
}

/** Whether the stemmed text holds any of the stemmed forms; English ones only as whole words. */
function holdsAny(stemmed: string, forms: string[]): boolean {
  return forms.some((form) => {
    let at = stemmed.indexOf(form);
    while (at !== -1) {
      if (/\p{Script=Han}/u.test(form)) return true;
      const before = stemmed[at - 1] ?? ' ';
      const after = stemmed[at + form.length] ?? ' ';
      if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
      at = stemmed.indexOf(form, at + 1);
    }
    return false;
  });
}
