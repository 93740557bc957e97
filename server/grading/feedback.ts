// Turns a grade's findings into one or two sentences the candidate can act on, and an interviewer's follow-up.

import type { KeyPointMatch } from './answer-analysis.js';
import type { Verdict } from './types.js';

export type Language = 'zh' | 'en';

export interface FeedbackInput {
  verdict: Verdict;
  language: Language;
  matches: KeyPointMatch[];
  /** The question's title (heading without its number). */
  title: string;
  /** For an off-topic answer: the title of the question it answers instead, when one was found. */
  answersInstead?: string;
  /** Text the grader ignored because it addressed the grader. */
  injection?: string;
  /** Set when the score was capped (the cap, 0–10). */
  cap?: number;
}

/** `feedback` names the most important missed points; `followUp` asks about the heaviest one. */
export function writeFeedback(input: FeedbackInput): { feedback: string; followUp?: string } {
  const t = input.language === 'en' ? EN : ZH;
  const missed = input.matches
    .filter((m) => m.status !== 'covered')
    .sort((a, b) => b.keyPoint.point.weight * (1 - b.coverage) - a.keyPoint.point.weight * (1 - a.coverage));
  const top = missed[0] ?? [...input.matches].sort((a, b) => b.keyPoint.point.weight - a.keyPoint.point.weight)[0];
  const covered = input.matches.filter((m) => m.status === 'covered').length;
  const parts: string[] = [];
  switch (input.verdict) {
    case 'no_reference':
      return { feedback: t.noReference };
    case 'empty':
      parts.push(t.empty(top ? short(top) : undefined));
      break;
    case 'off_topic':
      parts.push(t.offTopic(input.title, input.answersInstead, top ? short(top) : undefined));
      break;
    case 'excellent':
      parts.push(missed[0] ? t.excellentBut(short(missed[0])) : t.excellent);
      break;
    case 'good':
      parts.push(t.good(covered, input.matches.length, missed.slice(0, 1).map(short)));
      break;
    case 'partial':
      parts.push(t.partial(missed.slice(0, 2).map(short)));
      break;
    case 'weak':
      parts.push(t.weak(missed.slice(0, 2).map(short)));
      break;
  }
  const contradiction = input.verdict !== 'off_topic' && input.verdict !== 'empty' ? input.matches.flatMap((m) => m.contradictions ?? [])[0] : undefined;
  if (contradiction) parts.unshift(t.contradiction(contradiction.answer, contradiction.note));
  if (input.injection) parts.push(t.injection(clip(input.injection, 40), input.cap ?? 0));
  const ask = missed[0];
  return { feedback: parts.join(input.language === 'en' ? ' ' : ''), ...(ask && input.verdict !== 'empty' ? { followUp: t.followUp(short(ask)) } : {}) };
}

/** A key point cut to a readable length at a clause boundary. */
function short(m: KeyPointMatch): string {
  return clip(m.keyPoint.point.plain.replace(/[。.；;]+$/, ''), 48);
}

function clip(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join('');
  const cut = Math.max(head.lastIndexOf('，'), head.lastIndexOf(','), head.lastIndexOf('；'));
  return `${cut > max / 2 ? head.slice(0, cut) : head}…`;
}

const ZH = {
  noReference: '笔记里这道题还没有参考答案，所以暂不评分。把答案补进笔记后再来练习这道题。',
  empty: (point?: string) => `这次没有说出实质内容。即使记不全，也先把记得的关键点说出来${point ? `，比如：「${point}」` : ''}。`,
  offTopic: (title: string, other?: string, point?: string) =>
    `这个回答${other ? `讲的是「${other}」` : '和题目关系不大'}，没有回答「${title}」。${point ? `这道题的要点是：「${point}」。` : ''}`,
  excellent: '回答完整，覆盖了笔记里的要点。',
  excellentBut: (point: string) => `回答很好，要点基本都覆盖了；还可以补一句：「${point}」。`,
  good: (covered: number, total: number, missed: string[]) =>
    `答到了大部分要点（${covered}/${total} 个完整覆盖）。${missed.length ? `下次补上：「${missed[0]}」。` : ''}`,
  partial: (missed: string[]) => `只答到了部分要点。${missed.length ? `下次重点补上：${missed.map((m) => `「${m}」`).join('；')}。` : ''}`,
  weak: (missed: string[]) => `和笔记的要点差距较大。${missed.length ? `先把这些讲清楚：${missed.map((m) => `「${m}」`).join('；')}。` : ''}`,
  injection: (span: string, cap: number) => `答案中的「${span}」是在指挥评分而不是回答问题，已忽略，本题得分上限为 ${cap} 分。`,
  contradiction: (said: string, note: string) => `注意：你说的是「${said}」，笔记里是「${note}」。`,
  followUp: (point: string) => `笔记里还提到「${point}」，这一点你能解释一下吗？`,
};

const EN = {
  noReference: 'Your notes have no reference answer for this question yet, so it is not scored. Add one to the notes, then practise it again.',
  empty: (point?: string) => `There was no real content in this answer. Even if you remember only part of it, say the key points you do know${point ? `, e.g. "${point}"` : ''}.`,
  offTopic: (title: string, other?: string, point?: string) =>
    `This answer ${other ? `is about "${other}"` : 'is unrelated to the question'} and does not answer "${title}".${point ? ` The key point here: "${point}".` : ''}`,
  excellent: 'A complete answer that covers the key points in your notes.',
  excellentBut: (point: string) => `A strong answer covering almost every key point; you could also add: "${point}".`,
  good: (covered: number, total: number, missed: string[]) =>
    `Most key points are there (${covered}/${total} fully covered).${missed.length ? ` Next time add: "${missed[0]}".` : ''}`,
  partial: (missed: string[]) => `Only some key points are covered.${missed.length ? ` Make sure to add: ${missed.map((m) => `"${m}"`).join('; ')}.` : ''}`,
  weak: (missed: string[]) => `The answer is far from the key points in your notes.${missed.length ? ` Start with: ${missed.map((m) => `"${m}"`).join('; ')}.` : ''}`,
  injection: (span: string, cap: number) => `"${span}" tells the grader what to do instead of answering; it was ignored and this answer is capped at ${cap}.`,
  contradiction: (said: string, note: string) => `Careful: you said "${said}", the notes say "${note}".`,
  followUp: (point: string) => `Your notes also say "${point}". Can you explain that?`,
};
