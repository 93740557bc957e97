// Chooses the one follow-up an interviewer would ask after an answer: aimed at its most important missed key point.

import type { Glossary } from '../glossary/glossary.js';
import type { Grade, KeyPointResult } from '../grading/types.js';

export interface FollowUp {
  /** The question to ask, e.g. "你提到了感受野，那参数量呢？". */
  text: string;
  /** The key point (as written in the notes) that the follow-up is after. */
  target: string;
}

/**
 * An answer that earns this much needs no probing: it is the score that schedules as Easy (see review-scheduler.ts),
 * and one more question there would slow the session without teaching anything.
 */
export const NO_FOLLOW_UP_FROM = 8.5;

/**
 * The follow-up for a graded main answer, or null when an interviewer would move on: nothing to grade against,
 * an off-topic or empty answer (nothing to build on), an answer that covered nothing, or one that missed nothing.
 */
export function planFollowUp(grade: Grade, glossary: Glossary): FollowUp | null {
  if (grade.score === null || grade.score >= NO_FOLLOW_UP_FROM) return null;
  if (grade.verdict === 'off_topic' || grade.verdict === 'empty' || grade.verdict === 'no_reference') return null;
  const covered = grade.keyPoints.filter((p) => p.status !== 'missed');
  const target = mostImportant(grade.keyPoints.filter((p) => p.status === 'missed')) ?? mostImportant(grade.keyPoints.filter((p) => p.status === 'partial'));
  if (!target || covered.length === 0) return null;
  if (grade.followUp && grade.followUp.trim() !== '') {
    // The grader's question may be about another point than the heaviest one: record the point it quotes.
    const quoted = grade.keyPoints.find((p) => p.status !== 'covered' && grade.followUp!.includes(clip(plain(p.text), 12).replace(/…$/, '')));
    return { text: grade.followUp.trim(), target: (quoted ?? target).text };
  }
  const mentioned = mentionedTopic(covered, glossary);
  const asked = askedTopic(target, covered, glossary);
  const lead = mentioned ? `你提到了${mentioned}，` : '';
  const text = asked.isTerm ? `${lead}那${asked.phrase}呢？能具体说说吗？` : `${lead}那“${asked.phrase}”这一点呢？能展开讲讲吗？`;
  return { text, target: target.text };
}

function mostImportant(points: KeyPointResult[]): KeyPointResult | undefined {
  return points.reduce<KeyPointResult | undefined>((best, p) => (best === undefined || p.weight > best.weight ? p : best), undefined);
}

/** A glossary term from what the candidate said, so the question starts from their own words. */
function mentionedTopic(covered: KeyPointResult[], glossary: Glossary): string | null {
  for (const point of covered) {
    const term = glossary.find(point.evidence ?? point.text).find((m) => !m.set.intent);
    if (term) return term.term;
  }
  const evidence = covered.find((p) => p.evidence)?.evidence;
  return evidence ? clip(evidence, 12) : null;
}

/** The missed point as a term the candidate did not mention, else its first clause. */
function askedTopic(target: KeyPointResult, covered: KeyPointResult[], glossary: Glossary): { phrase: string; isTerm: boolean } {
  const said = new Set(covered.flatMap((p) => glossary.find(`${p.evidence ?? ''} ${p.text}`).map((m) => m.set.id)));
  const term = glossary.find(target.text).find((m) => !m.set.intent && !said.has(m.set.id));
  if (term) return { phrase: term.term, isTerm: true };
  const clause = plain(target.text).split(/[，。；;,.:：！？!?\n]/).find((s) => s.trim().length >= 2) ?? target.text;
  return { phrase: clip(clause.trim(), 24), isTerm: false };
}

/** Strips markdown list markers, emphasis and numbering that a key point copied from the notes may carry. */
function plain(text: string): string {
  return text
    .replace(/^\s*(?:[-*+]|\d+[.、)）])\s*/, '')
    .replace(/[*_`#>]/g, '')
    .trim();
}

function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}
