// Writes the no-LLM replies: excerpts cited [n] line by line, "the notes have this question without an answer yet",
// and "the notes don't cover this" with the nearest sections.

import type { Glossary } from '../glossary/glossary.js';
import type { Section } from '../notes/types.js';
import type { Excerpt } from './excerpt-selector.js';
import { keyTerms, keyTermsLine } from './key-terms.js';
import type { Language } from './language.js';
import { messages, say } from './messages.js';
import type { Citation, SourceRange, Suggestion } from './types.js';

export interface Languages {
  notes: Language;
  question: Language;
}

export function citationsOf(excerpts: Excerpt[]): Citation[] {
  return excerpts.map((e, i) => ({
    n: i + 1,
    questionId: e.section.id,
    heading: e.section.heading,
    excerpt: e.markdown,
    source: { file: e.section.file, startLine: e.startLine, endLine: e.endLine },
  }));
}

/** The whole section, heading line included. */
export function sectionRange(section: Section): SourceRange {
  return { file: section.file, startLine: section.startLine, endLine: section.endLine };
}

export function suggestionOf(section: Section): Suggestion {
  return { questionId: section.id, heading: section.heading, hasAnswer: section.hasReference, source: sectionRange(section) };
}

/** The excerpts, each line but bare labels ending in its citation, then English key terms when asked in English. */
export function excerptAnswer(question: string, excerpts: Excerpt[], glossary: Glossary, languages: Languages): string {
  const blocks = excerpts.map((e, i) => e.lines.map((l) => (l.labelOnly ? l.text : `${l.text} [${i + 1}]`)).join('\n'));
  const caveat = excerpts.some((e) => e.addressesIntent) ? '' : say(messages.indirect(), languages.notes, languages.question);
  return [caveat, ...blocks, termsFor(question, excerpts.map((e) => e.markdown).join('\n'), glossary, languages)].filter(Boolean).join('\n\n');
}

/** The glossary's English names for the answer's key concepts, when an English question meets Chinese notes. */
export function termsFor(question: string, answer: string, glossary: Glossary, languages: Languages): string {
  if (languages.question !== 'en' || languages.notes !== 'zh') return '';
  return keyTermsLine(keyTerms(question, answer, glossary), messages.keyTerms().en);
}

export function unansweredAnswer(question: string, section: Section, related: Excerpt[], glossary: Glossary, languages: Languages): string {
  const intro = say(messages.unanswered(section.heading, sectionRange(section)), languages.notes, languages.question);
  if (related.length === 0) return intro;
  return `${intro}\n\n${say(messages.related(), languages.notes, languages.question)}\n\n${excerptAnswer(question, related, glossary, languages)}`;
}

export function notCoveredAnswer(suggestions: Suggestion[], languages: Languages): string {
  const intro = say(messages.notCovered(), languages.notes, languages.question);
  const list = suggestions.map((s) => `- ${messages.suggestion(s.heading, s.source, s.hasAnswer)[languages.notes]}`).join('\n');
  return list ? `${intro}\n\n${list}` : intro;
}
