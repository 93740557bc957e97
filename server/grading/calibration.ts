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

/** An answer is off-topic when another section fits it this much better than the asked one, and the asked one fits poorly. */
export interface OffTopicGate {
  /** otherCoverage − coverage at or above this … */
  minGap: number;
  /** … while coverage stays below this. */
  maxOwnCoverage: number;
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
