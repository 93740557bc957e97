// Fits the score model and the off-topic gate to labelled answers (used by `npm run eval:grading -- --fit`).

import type { AnswerFeatures } from './answer-analysis.js';
import { ENGLISH_ANSWER, isThin, predictScore, type FeatureName, type OffTopicGate, type ScoreModel, type ThinAnswerGate } from './calibration.js';
import { mean } from './statistics.js';

export interface LabelledFeatures {
  features: AnswerFeatures;
  /** Human score, 0–10. */
  human: number;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights; keeps correlated features from taking opposite, inflated weights. */
  ridge: number;
  iterations: number;
  learningRate: number;
}

// Ridge 0.02 and 4,000 steps: on the dev split the loss is flat beyond 3,000 steps; stronger penalties
// shrink the excellent answers' scores below 8, weaker ones let correlated features cancel each other.
export const DEFAULT_FIT: FitOptions = { ridge: 0.02, iterations: 4000, learningRate: 0.05 };

/** A feature and the direction it may move the score: +1 only up, −1 only down. */
export interface FeatureSpec {
  name: FeatureName;
  sign: 1 | -1;
}

/**
 * Least squares on the 0–10 scale through the sigmoid, by full-batch Adam from zero weights (deterministic).
 * Each weight is kept on its feature's side of zero, so the fitted score is monotone in the direction the
 * feature means (more coverage never lowers a score) even where features are correlated.
 */
export function fitScoreModel(samples: LabelledFeatures[], specs: FeatureSpec[], options: FitOptions = DEFAULT_FIT): ScoreModel {
  const features = specs.map((s) => s.name);
  const center = features.map((f) => mean(samples.map((s) => s.features[f])));
  const scale = features.map((f, i) => {
    const sd = Math.sqrt(mean(samples.map((s) => (s.features[f] - center[i]!) ** 2)));
    return sd > 1e-9 ? sd : 1;
  });
  const x = samples.map((s) => features.map((f, i) => (s.features[f] - center[i]!) / scale[i]!));
  const y = samples.map((s) => s.human);
  const params = new Array<number>(features.length + 1).fill(0); // weights…, bias
  const m = new Array<number>(params.length).fill(0);
  const v = new Array<number>(params.length).fill(0);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= options.iterations; t++) {
    const grad = new Array<number>(params.length).fill(0);
    for (let n = 0; n < x.length; n++) {
      let z = params[features.length]!;
      for (let i = 0; i < features.length; i++) z += params[i]! * x[n]![i]!;
      const s = 1 / (1 + Math.exp(-z));
      const d = (2 * (10 * s - y[n]!) * 10 * s * (1 - s)) / x.length;
      for (let i = 0; i < features.length; i++) grad[i]! += d * x[n]![i]!;
      grad[features.length]! += d;
    }
    for (let i = 0; i < features.length; i++) grad[i]! += 2 * options.ridge * params[i]!;
    for (let i = 0; i < params.length; i++) {
      m[i] = b1 * m[i]! + (1 - b1) * grad[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * grad[i]! ** 2;
      const mh = m[i]! / (1 - b1 ** t);
      const vh = v[i]! / (1 - b2 ** t);
      params[i]! -= (options.learningRate * mh) / (Math.sqrt(vh) + eps);
      if (i < specs.length && params[i]! * specs[i]!.sign < 0) params[i] = 0;
    }
  }
  const round = (n: number) => Number(n.toFixed(5));
  return {
    features,
    center: center.map(round),
    scale: scale.map(round),
    weights: params.slice(0, features.length).map(round),
    bias: round(params[features.length]!),
  };
}

/**
 * The ridge penalty with the lowest cross-validated mean absolute error (deterministic folds by position): the
 * penalty decides how far the fit may lean on one feature, and leaning too far fits the writers of the dev set
 * rather than answers in general.
 */
export function chooseRidge(samples: LabelledFeatures[], specs: FeatureSpec[], ridges: number[], folds = 5): { ridge: number; errors: number[] } {
  const errors = ridges.map((ridge) => {
    let total = 0;
    for (let k = 0; k < folds; k++) {
      const train = samples.filter((_, i) => i % folds !== k);
      const test = samples.filter((_, i) => i % folds === k);
      const model = fitScoreModel(train, specs, { ...DEFAULT_FIT, ridge });
      total += test.reduce((a, s) => a + Math.abs(predictScore(model, s.features) - s.human), 0);
    }
    return total / samples.length;
  });
  const best = errors.indexOf(Math.min(...errors));
  return { ridge: ridges[best]!, errors };
}

export interface GateSample {
  features: AnswerFeatures;
  offTopic: boolean;
}

/**
 * Grid search for the off-topic thresholds: each answer wrongly called off-topic costs three times a missed
 * off-topic answer, because a false call zeroes a real (if weak) answer while a miss is still scored low.
 * Of the equally good gates, the one in the middle of their range is taken (the widest margin both ways).
 */
export function fitOffTopicGate(samples: GateSample[]): OffTopicGate {
  const gaps = range(0.1, 0.8, 0.02);
  const owns = range(0.05, 0.4, 0.025);
  let bestValue = -Infinity;
  let best: Omit<OffTopicGate, 'thin'>[] = [];
  for (const gap of gaps) {
    for (const own of owns) {
      let value = 0;
      for (const s of samples) {
        const flagged = s.features.otherCoverage - s.features.coverage >= gap && s.features.coverage < own;
        if (flagged) value += s.offTopic ? 1 : -3;
      }
      const gate = { minGap: gap, maxOwnCoverage: own };
      if (value > bestValue) [bestValue, best] = [value, [gate]];
      else if (value === bestValue) best.push(gate);
    }
  }
  const minGap = middle([...new Set(best.map((g) => g.minGap))].sort((a, b) => a - b));
  const maxOwnCoverage = middle(best.filter((g) => g.minGap === minGap).map((g) => g.maxOwnCoverage).sort((a, b) => a - b));
  const english = (s: GateSample) => s.features.english >= ENGLISH_ANSWER;
  return { minGap, maxOwnCoverage, thin: { zh: fitThinGate(samples.filter((s) => !english(s))), en: fitThinGate(samples.filter(english)) } };
}

/** A thin-answer gate no answer passes (a content size of e^99 characters). */
export const NEVER_THIN: ThinAnswerGate = { minLogLength: 99, maxRecall: 0, maxLexical: 0 };

/** The thin-answer test, with the same costs; of equally good gates the middle one (by recall, then lexical). */
function fitThinGate(samples: GateSample[]): ThinAnswerGate {
  let bestValue = -Infinity;
  let best: ThinAnswerGate[] = [];
  for (const minLogLength of [40, 60, 80, 100, 130, 160].map((n) => Number(Math.log1p(n).toFixed(3)))) {
    for (const maxRecall of range(0, 0.25, 0.01)) {
      for (const maxLexical of range(0.1, 0.5, 0.05)) {
        const gate = { minLogLength, maxRecall, maxLexical };
        let value = 0;
        for (const s of samples) if (isThin(gate, s.features)) value += s.offTopic ? 1 : -3;
        if (value > bestValue) [bestValue, best] = [value, [gate]];
        else if (value === bestValue) best.push(gate);
      }
    }
  }
  // Nothing to gain (no off-topic answer of this kind in the data): a gate that never fires.
  if (bestValue <= 0) return NEVER_THIN;
  const minLogLength = middle([...new Set(best.map((g) => g.minLogLength))].sort((a, b) => a - b));
  const atLength = best.filter((g) => g.minLogLength === minLogLength);
  const maxRecall = middle([...new Set(atLength.map((g) => g.maxRecall))].sort((a, b) => a - b));
  const maxLexical = middle(atLength.filter((g) => g.maxRecall === maxRecall).map((g) => g.maxLexical).sort((a, b) => a - b));
  return { minLogLength, maxRecall, maxLexical };
}

function middle<T>(xs: T[]): T {
  return xs[Math.floor((xs.length - 1) / 2)]!;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) out.push(Number((from + i * step).toFixed(3)));
  return out;
}
