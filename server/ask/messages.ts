// The fixed sentences of Ask replies, in Chinese and English: the answer speaks the notes' language, notices the asker's.

import type { Language } from './language.js';
import type { SourceRange } from './types.js';

type Bilingual = Record<Language, string>;

const where = (s: SourceRange): Bilingual => ({
  zh: s.startLine === s.endLine ? `${s.file} 第 ${s.startLine} 行` : `${s.file} 第 ${s.startLine}–${s.endLine} 行`,
  en: s.startLine === s.endLine ? `${s.file}, line ${s.startLine}` : `${s.file}, lines ${s.startLine}–${s.endLine}`,
});

export const messages = {
  notCovered: (): Bilingual => ({
    zh: '你的笔记里没有涉及这个问题。最接近的几节是：',
    en: "Your notes don't cover this question. The nearest sections are:",
  }),
  suggestion: (heading: string, source: SourceRange, hasAnswer: boolean): Bilingual => ({
    zh: `${heading}（${where(source).zh}${hasAnswer ? '' : '，还没有答案'}）`,
    en: `${heading} (${where(source).en}${hasAnswer ? '' : ', no answer yet'})`,
  }),
  unanswered: (heading: string, source: SourceRange): Bilingual => ({
    zh: `你的笔记里有这道题（**${heading}**，${where(source).zh}），但还没有写答案。`,
    en: `Your notes have this question (**${heading}**, ${where(source).en}) but no answer to it yet.`,
  }),
  indirect: (): Bilingual => ({
    zh: '笔记里没有直接回答这一点，下面是最接近的内容：',
    en: "Your notes don't answer this directly; this is the closest they come:",
  }),
  related: (): Bilingual => ({ zh: '相关笔记的摘录：', en: 'Related excerpts from your notes:' }),
  keyTerms: (): Bilingual => ({ zh: '关键术语', en: 'Key terms' }),
  llmTimeout: (ms: number): Bilingual => ({
    zh: `LLM 在 ${formatSeconds(ms)} 秒内没有回应，下面是从笔记中摘录的答案。`,
    en: `The LLM did not respond within ${formatSeconds(ms)} s, so this answer is excerpted from your notes.`,
  }),
  llmFailed: (reason: string): Bilingual => ({
    zh: `LLM 调用失败（${reason}），下面是从笔记中摘录的答案。`,
    en: `The LLM call failed (${reason}), so this answer is excerpted from your notes.`,
  }),
  llmEmpty: (): Bilingual => ({
    zh: 'LLM 返回了空回答，下面是从笔记中摘录的答案。',
    en: 'The LLM returned an empty answer, so this answer is excerpted from your notes.',
  }),
};

/** Text in the notes' language; when the question is in the other language, its version follows in italics. */
export function say(text: Bilingual, notes: Language, question: Language): string {
  return notes === question ? text[notes] : `${text[notes]}\n_${text[question]}_`;
}

/** 20000 → "20", 150 → "0.15". */
function formatSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(2)));
}
