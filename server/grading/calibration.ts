// The fitted mapping from answer features to a 0–10 score, and the off-topic gate's thresholds.

import fitted from './calibration.json' with { type: 'json' };
import type { AnswerFeatures } from './answer-analysis.js';

export type FeatureName = keyof AnswerFeatures;

/** score = 10 · sigmoid(bias + Σ weight · (feature − center) / scale): monotone in each feature, bounded 0–10. */
export interface ScoreModel {
  features: FeatureName[];
  center: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

/**
 * An answer is off-topic when another section fits it this much better than the asked one, and the asked one fits
 * poorly; or when it is long yet says next to nothing of the asked section (`thin`).
 */
export interface OffTopicGate {
  /** otherCoverage − coverage at or above this … */
  minGap: number;
  /** … while coverage stays below this. */
  maxOwnCoverage: number;
  /** Separate thresholds for mostly Chinese and mostly English answers: across languages fewer concepts meet. */
  thin: { zh: ThinAnswerGate; en: ThinAnswerGate };
}

/**
 * A fluent answer about another aspect of the topic ("padding的作用" answered with the output-size formula) or about
 * a neighbouring field fits no section well, so the gap test misses it; what gives it away is that it is long and
 * still mentions few of the asked section's characteristic concepts or words.
 */
export interface ThinAnswerGate {
  /** logLength at or above this … */
  minLogLength: number;
  /** … with conceptRecall at or below this … */
  maxRecall: number;
  /** … and lexical at or below this. */
  maxLexical: number;
}

/** From this share of English an answer is judged by the English thin-answer thresholds. */
export const ENGLISH_ANSWER = 0.5;

export function thinGateFor(gate: OffTopicGate, f: AnswerFeatures): ThinAnswerGate {
  return f.english >= ENGLISH_ANSWER ? gate.thin.en : gate.thin.zh;
}

export function isThin(gate: ThinAnswerGate, f: AnswerFeatures): boolean {
  return f.logLength >= gate.minLogLength && f.conceptRecall <= gate.maxRecall && f.lexical <= gate.maxLexical;
}

export interface Calibration {
  /** How and when the constants were produced (kept in the JSON file beside them). */
  producedBy: string;
  model: ScoreModel;
  offTopic: OffTopicGate;
}

export const DEFAULT_CALIBRATION: Calibration = fitted as Calibration;

export function predictScore(model: ScoreModel, features: AnswerFeatures): number {
  let z = model.bias;
  model.features.forEach((name, i) => {
    z += (model.weights[i]! * (features[name] - model.center[i]!)) / model.scale[i]!;
  });
  return 10 / (1 + Math.exp(-z));
}
