// Scores answer units against a question: topic overlap (glossary synonyms, rarer terms count more), the asked intent
// (优点 / 缺点 / 作用 / 原因 …), meaning similarity, and the pull of a sentence on the one that continues it.

import type { Glossary } from '../glossary/glossary.js';
import { containsConcept, queryConcepts, type Concept } from '../retrieval/query-concepts.js';
import { normalizeText } from '../text/normalize.js';
import type { AnswerUnit, SectionUnits } from './section-units.js';

/** What a question asks, in the terms the scorer needs. */
export interface QuestionProfile {
  /** Topic concepts with their weight (log inverse section frequency; > 0). */
  topics: { concept: Concept; weight: number }[];
  /** Intent names (`advantage`, `reason` …). */
  intents: Set<string>;
}

export interface UnitScore {
  unit: AnswerUnit;
  /** ≥ 0, higher is better; only comparable within one question. */
  score: number;
  /** True when the unit says what was asked (a 缺点 for a 缺点 question), or the question asks no particular thing. */
  addressesIntent: boolean;
}

export interface ScoreWeights {
  lexical: number;
  dense: number;
}

// Topic words in the heading (or the label above) apply to every unit under it, a little less than in the unit itself:
// under "## 4. pooling的作用和缺点", "缺点: 造成梯度稀疏，丢失信息。" is about pooling without saying so.
const HEADING_CREDIT = 0.7;
const LABEL_CREDIT = 0.85;
// A unit that continues the previous one on the same line keeps this much of its score; more when it opens with a
// connective ("所以YOLOv3用逻辑回归…" explains the sentence before it).
const CONTINUATION = 0.6;
const CONNECTED_CONTINUATION = 0.85;
const CONNECTIVE = /^(?:所以|因此|因而|从而|于是|因为|由于|但是|但|而且|并且|而|即|也就是说|这样|这使得|这|它|其|该|同时|此外|另外|so\b|thus\b|therefore\b|because\b|but\b|this\b|it\b|which\b|hence\b)/i;
// Sentence-level signs of an intent that questions express with other words: "为什么" is answered by "因为 …".
const ANSWER_CUES: Record<string, string[]> = {
  reason: ['因为', '由于', '所以', '因此', '导致', '原因', 'because', 'since', 'therefore', 'due to'],
  purpose: ['用于', '用来', '目的', '为了', '作用', 'used to', 'in order to'],
  method: ['首先', '然后', '步骤', '最后', 'first', 'then', 'finally'],
  difference: ['而', '不同', '区别', '相比', '不像', 'whereas', 'unlike', 'while'],
  disadvantage: ['缺点', '无法', '不能', '难以'],
  advantage: ['优点', '好处', '能够', '有助于', '提升', '减少'],
};
// How much the intent changes a unit: it says what was asked (缺点 for 缺点), it sits in a section about it, it is
// neutral, or its label says it is about something else (作用 when 缺点 was asked).
const INTENT_MATCH = 1.25;
const INTENT_CUE = 1.1;
const INTENT_HEADING = 1;
const INTENT_NEUTRAL = 0.6;
const INTENT_OFF_SECTION = 0.5;
const INTENT_CONFLICT = 0.35;

export function profileQuestion(question: string, glossary: Glossary, weightOf: (c: Concept) => number): QuestionProfile {
  const concepts = queryConcepts(question, glossary);
  return {
    topics: concepts.filter((c) => !c.intent).map((concept) => ({ concept, weight: weightOf(concept) })),
    intents: new Set(concepts.flatMap((c) => (c.intent ? [c.intent] : []))),
  };
}

/**
 * Scores every unit of the candidate sections. `dense` holds each unit's cosine similarity to the question (or is
 * empty), `sectionWeight` the section's retrieval score relative to the best section (0–1].
 */
export function scoreUnits(
  profile: QuestionProfile,
  section: SectionUnits,
  glossary: Glossary,
  options: { dense: Float32Array | number[] | null; sectionWeight: number; weights: ScoreWeights; topicWeight: number },
): UnitScore[] {
  const { dense, sectionWeight, weights, topicWeight } = options;
  const headingIntents = glossary.intents(section.heading);
  const labelsOf = (u: AnswerUnit) => [u.lineLabel, u.contextLabel].filter((l): l is string => l !== null).join(' ');
  const namesTopic = (text: string) => profile.topics.some(({ concept }) => containsConcept(text, concept));
  // When the section is split into labelled parts and some part is named after the asked topic ("**Faster-RCNN训练流程**"
  // under "RCNN Fast-RCNN Faster-RCNN的区别"), the parts named after something else do not share the heading's topic.
  const partsNamed = section.units.some((u) => namesTopic(labelsOf(u)));
  const base = section.units.map((unit, i) => {
    let lexical = 0;
    if (topicWeight > 0) {
      const labels = labelsOf(unit);
      const headingApplies = !partsNamed || labels === '' || namesTopic(labels);
      for (const { concept, weight } of profile.topics) {
        const credit = containsConcept(unit.norm, concept)
          ? 1
          : labels !== '' && containsConcept(labels, concept)
            ? LABEL_CREDIT
            : headingApplies && containsConcept(section.heading, concept)
              ? HEADING_CREDIT
              : 0;
        lexical += credit * weight;
      }
      lexical /= topicWeight;
    }
    const similarity = Math.max(0, dense?.[i] ?? 0);
    const raw = weights.lexical * lexical + weights.dense * similarity;
    const intent = intentFactor(profile.intents, unit, headingIntents, glossary);
    return { score: raw * intent * sectionWeight, addressesIntent: intent >= INTENT_HEADING };
  });
  // Carry a sentence's relevance to the ones that continue it in the same paragraph or list item.
  const scores: UnitScore[] = [];
  section.units.forEach((unit, i) => {
    let { score, addressesIntent } = base[i]!;
    const prev = section.units[i - 1];
    if (prev && prev.answerLine === unit.answerLine) {
      const body = unit.text.replace(/^[\s*_]+/, '');
      const carried = scores[i - 1]!.score * (CONNECTIVE.test(body) ? CONNECTED_CONTINUATION : CONTINUATION);
      if (carried > score) {
        score = carried;
        addressesIntent ||= scores[i - 1]!.addressesIntent;
      }
    }
    scores.push({ unit, score, addressesIntent });
  });
  return scores;
}

function intentFactor(asked: Set<string>, unit: AnswerUnit, headingIntents: Set<string>, glossary: Glossary): number {
  if (asked.size === 0) return 1;
  const labels = [unit.lineLabel, unit.contextLabel].filter((l): l is string => l !== null);
  const labelIntents = new Set(labels.flatMap((l) => [...glossary.intents(l)]));
  const matchesLabel = [...labelIntents].some((i) => asked.has(i));
  if (labelIntents.size > 0 && !matchesLabel) return INTENT_CONFLICT;
  if (matchesLabel) return INTENT_MATCH;
  // Under "## 3. Max Pooling 的有点" every sentence is an advantage, whatever words it uses; under "## 7. Attention的原理"
  // a sentence mentioning a 缺点 of something else is still about the principle.
  if (headingIntents.size > 0 && ![...headingIntents].some((i) => asked.has(i))) return INTENT_OFF_SECTION;
  if ([...glossary.intents(unit.norm)].some((i) => asked.has(i))) return INTENT_MATCH;
  if (hasCue(asked, unit.norm)) return INTENT_CUE;
  return headingIntents.size > 0 ? INTENT_HEADING : INTENT_NEUTRAL;
}

function hasCue(asked: Set<string>, norm: string): boolean {
  for (const intent of asked) {
    for (const cue of ANSWER_CUES[intent] ?? []) if (norm.includes(normalizeText(cue))) return true;
  }
  return false;
}
