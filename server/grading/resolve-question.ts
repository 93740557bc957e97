// Finds the section a question reference names: its id, its number ("11", "11.", "Q11", "第11题"), or its exact heading.

import type { Section } from '../notes/types.js';

/**
 * `named` says whether the reference has the form of a question id or number. Such a reference names a question,
 * so when none matches the caller must say so; other text is free to be treated as a question in its own words.
 */
export type Resolution = { section: Section } | { error: string; named: boolean };

/**
 * The forms of a question number, kept few on purpose so that no question in words is mistaken for a number:
 * - the number alone: `11`;
 * - followed by one of the marks a numbered heading uses after its number (`11.`, `11、`, `11)`, `11）`): what
 *   a user copies from the start of a heading;
 * - `Q11` / `q11`, with an optional space or dot after the Q (`Q 11`, `Q.11`);
 * - `第11题` / `第 11 题` (also 问 for 题).
 * Full-width digits and marks (`１１．`) count as their ASCII forms; Chinese numerals (`第十一题`) are not read.
 */
const NUMBER_FORMS = [/^(\d{1,5})$/, /^(\d{1,5})\s*[.、)]$/, /^q[\s.]?(\d{1,5})$/i, /^第\s*(\d{1,5})\s*[题問问]$/];

/** What a reference looks like when it is a question id (`q_` and the 12 hex digits sectionId makes). */
const ID_FORM = /^q_[0-9a-f]{12}/;

/** The question number a reference gives, or null when it is not in one of NUMBER_FORMS. */
export function questionNumber(ref: string): number | null {
  // NFKC turns full-width digits, dots and brackets into ASCII; it is applied only to test the number forms.
  const key = ref.trim().normalize('NFKC');
  for (const form of NUMBER_FORMS) {
    const match = form.exec(key);
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * Text that reads as a number without being a question number ("-1", "1e1", "1.5", "0x1F"): it names no question
 * and is no question in words either, so searching the notes for it would grade against whatever section happens
 * to contain those digits.
 */
const isNumberLike = (key: string) => /\d/.test(key) && Number.isFinite(Number(key.normalize('NFKC')));

/** `ref` is a section id (`q_…`), a question number in one of NUMBER_FORMS, the exact heading, or the exact title without the number. */
export function resolveQuestion(sections: Section[], ref: string): Resolution {
  const key = ref.trim();
  if (key === '') return { error: 'the question is empty', named: true };
  const byId = sections.find((s) => s.id === key);
  if (byId) return { section: byId };
  const number = questionNumber(key);
  if (number !== null) {
    const numbered = sections.filter((s) => s.number === number);
    if (numbered.length === 1) return { section: numbered[0]! };
    if (numbered.length > 1) {
      return { error: `question number ${number} is ambiguous: it heads ${numbered.length} sections (${numbered.map((s) => s.file).join(', ')}); use the question id`, named: true };
    }
    return { error: `no question is numbered ${number}`, named: true };
  }
  const byHeading = sections.filter((s) => s.heading === key);
  if (byHeading.length >= 1) return { section: byHeading[0]! };
  const byTitle = sections.filter((s) => s.title === key);
  if (byTitle.length === 1) return { section: byTitle[0]! };
  if (ID_FORM.test(key)) return { error: `no question has the id ${key}`, named: true };
  if (isNumberLike(key)) return { error: `"${key}" is not a question number (give a whole number such as 11)`, named: true };
  return { error: `no question has the heading "${key}"`, named: false };
}
