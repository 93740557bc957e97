// The glossary's English names for the key Chinese concepts of an answer, for a question asked in English.

import type { Glossary, TermSet } from '../glossary/glossary.js';

export interface KeyTerm {
  /** The concept's Chinese name as the glossary lists it first. */
  zh: string;
  /** Its English names: the full name, then an abbreviation when the glossary has one. */
  en: string[];
}

const HAN = /\p{Script=Han}/u;
const ABBREVIATION = /^[A-Z][A-Za-z0-9-]{1,7}$/;

/**
 * The concepts the question asks about first, then those of the answer in order of appearance, at most `max`.
 * Concepts without a Chinese or an English name (e.g. "softmax", already English) are left out.
 */
export function keyTerms(question: string, answer: string, glossary: Glossary, max = 6): KeyTerm[] {
  const seen = new Set<number>();
  const out: KeyTerm[] = [];
  for (const match of [...glossary.find(question), ...glossary.find(answer)]) {
    if (out.length >= max) break;
    if (match.set.intent || seen.has(match.set.id)) continue;
    seen.add(match.set.id);
    const term = namesOf(match.set);
    // "卷积" adds nothing after "1*1卷积 = 1*1 convolution".
    if (term && !out.some((t) => t.zh.includes(term.zh))) out.push(term);
  }
  return out;
}

/** `**Key terms:** 1*1卷积 = 1*1 convolution · 全连接层 = fully connected layer / FC`, or '' when there are none. */
export function keyTermsLine(terms: KeyTerm[], label: string): string {
  if (terms.length === 0) return '';
  return `**${label}:** ${terms.map((t) => `${t.zh} = ${t.en.join(' / ')}`).join(' · ')}`;
}

function namesOf(set: TermSet): KeyTerm | null {
  const zh = set.terms.find((t) => HAN.test(t));
  const latin = set.terms.filter((t) => !HAN.test(t) && /[A-Za-z]{2}/.test(t));
  const full = latin.find((t) => !ABBREVIATION.test(t)) ?? latin[0];
  if (!zh || !full) return null;
  const abbreviation = latin.find((t) => ABBREVIATION.test(t) && t !== full && t.toUpperCase() === t);
  return { zh, en: abbreviation ? [full, abbreviation] : [full] };
}
