// The chat messages for a generated answer: the numbered excerpts are the model's only source, each claim cites [n].

import type { ChatMessage } from '../llm/types.js';
import type { Language } from './language.js';
import type { Citation } from './types.js';

const LANGUAGE_NAME: Record<Language, string> = { zh: 'Chinese (简体中文)', en: 'English' };

export interface GroundedPromptInput {
  /** The question as the user wrote it. */
  question: string;
  /** The question with a follow-up's topic filled in; equal to `question` when it was standalone. */
  resolvedQuestion: string;
  excerpts: Citation[];
  notesLanguage: Language;
}

export function groundedPrompt(input: GroundedPromptInput): ChatMessage[] {
  const { question, resolvedQuestion, excerpts, notesLanguage } = input;
  const system = [
    "You are an interview tutor. You answer a candidate's question using ONLY the numbered excerpts from the candidate's own notes that are given to you.",
    'Rules:',
    '- Use no knowledge beyond the excerpts. Do not add facts, examples or formulas that are not in them.',
    '- After every claim, cite the excerpt it comes from as [n] (for example [1] or [1][2]). Never cite a number that is not listed.',
    `- If the excerpts do not contain the answer, or only part of it, say so plainly (e.g. "笔记中没有提到……") instead of filling the gap.`,
    `- Write in ${LANGUAGE_NAME[notesLanguage]}, the language of the notes, even when the question is in another language. Keep technical terms as the notes write them.`,
    '- Be concise: a few sentences or a short markdown list, at most about 200 words.',
  ].join('\n');
  const sources = excerpts
    .map((c) => `[${c.n}] ${c.heading} (${c.source.file}:${c.source.startLine}-${c.source.endLine})\n${c.excerpt}`)
    .join('\n\n');
  const asked = resolvedQuestion === question ? question : `${question}\n(In this conversation that means: ${resolvedQuestion})`;
  const user = `Excerpts from my notes:\n\n${sources}\n\nQuestion: ${asked}`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
