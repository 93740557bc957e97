import { describe, expect, it } from 'vitest';
import type { AnswerFeatures } from '../../server/grading/answer-analysis.js';
import { DEFAULT_CALIBRATION, isThin, predictScore, thinGateFor } from '../../server/grading/calibration.js';
import { chooseRidge, fitOffTopicGate, fitScoreModel, NEVER_THIN } from '../../server/grading/fit-calibration.js';
import { meanAbsoluteError, pearson, quantile, ranks, spearman } from '../../server/grading/statistics.js';

const base: AnswerFeatures = {
  coverage: 0.5, statusShare: 0.5, lexical: 0.4, semantic: 0.6, referenceSimilarity: 0.7, otherSimilarity: 0.6, conceptRecall: 0.3,
  foreignTerms: 0.3, otherRecall: 0.2, otherCoverage: 0.3, ownMentions: 5, logLength: 4, hedges: 0, english: 0, contradictions: 0,
  notesShare: 0.8,
};
const at = (overrides: Partial<AnswerFeatures>): AnswerFeatures => ({ ...base, ...overrides });

describe('statistics', () => {
  it('computes Spearman over tie-averaged ranks and Pearson', () => {
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 1000])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(meanAbsoluteError([1, 2], [2, 4])).toBe(1.5);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });
});

describe('the committed calibration', () => {
  it('was produced by the fitting command on the dev split', () => {
    expect(DEFAULT_CALIBRATION.producedBy).toMatch(/eval:grading -- --fit .*dev/);
  });

  it('never lowers the score when more of the notes is covered, nor raises it for contradictions', () => {
    const scores = [0, 0.2, 0.4, 0.6, 0.8, 1].map((x) => predictScore(DEFAULT_CALIBRATION.model, at({ coverage: x, lexical: x, conceptRecall: x, semantic: 0.4 + x / 2 })));
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThanOrEqual(scores[i - 1]!);
    expect(scores[0]!).toBeLessThan(3);
    expect(scores[5]!).toBeGreaterThan(8);
    expect(predictScore(DEFAULT_CALIBRATION.model, at({ contradictions: 1 }))).toBeLessThanOrEqual(predictScore(DEFAULT_CALIBRATION.model, base));
  });
});

describe('fitScoreModel', () => {
  it('recovers a monotone mapping from synthetic labelled data, keeping weights on their declared side', () => {
    const samples = Array.from({ length: 60 }, (_, i) => {
      const coverage = (i % 20) / 19;
      const hedges = i % 3;
      return { features: at({ coverage, hedges }), human: Math.max(0, Math.min(10, 10 * coverage - hedges)) };
    });
    const model = fitScoreModel(samples, [
      { name: 'coverage', sign: 1 },
      { name: 'hedges', sign: -1 },
      { name: 'english', sign: 1 },
    ]);
    expect(model.weights[0]!).toBeGreaterThan(0);
    expect(model.weights[1]!).toBeLessThan(0);
    expect(model.weights[2]).toBe(0); // a constant feature carries nothing
    const predicted = samples.map((s) => predictScore(model, s.features));
    expect(spearman(predicted, samples.map((s) => s.human))).toBeGreaterThan(0.95);
  });

  it('picks the ridge penalty with the lowest cross-validated error', () => {
    const samples = Array.from({ length: 20 }, (_, i) => ({ features: at({ coverage: i / 19 }), human: (10 * i) / 19 }));
    const { ridge, errors } = chooseRidge(samples, [{ name: 'coverage', sign: 1 }], [0.01, 100]);
    expect(errors).toHaveLength(2);
    expect(ridge).toBe(0.01);
  });

  it('is deterministic', () => {
    const samples = [0, 0.5, 1].map((c) => ({ features: at({ coverage: c }), human: c * 10 }));
    expect(fitScoreModel(samples, [{ name: 'coverage', sign: 1 }])).toEqual(fitScoreModel(samples, [{ name: 'coverage', sign: 1 }]));
  });
});

describe('fitOffTopicGate', () => {
  it('finds a gate that separates off-topic answers without catching on-topic ones', () => {
    const samples = [
      ...[0.5, 0.6, 0.7].map((g) => ({ features: at({ coverage: 0.05, otherCoverage: 0.05 + g }), offTopic: true })),
      ...[0.1, 0.2, 0.3].map((g) => ({ features: at({ coverage: 0.3, otherCoverage: 0.3 + g }), offTopic: false })),
    ];
    const gate = fitOffTopicGate(samples);
    for (const s of samples) expect(s.features.otherCoverage - s.features.coverage >= gate.minGap && s.features.coverage < gate.maxOwnCoverage).toBe(s.offTopic);
  });

  it('finds the thin-answer gate: long answers that say almost nothing of the asked section, but not short ones', () => {
    const long = Math.log1p(150);
    const short = Math.log1p(25);
    const samples = [
      ...[0, 0.05, 0.1].map((r) => ({ features: at({ logLength: long, conceptRecall: r, lexical: 0.1 }), offTopic: true })),
      ...[0, 0.05, 0.1].map((r) => ({ features: at({ logLength: short, conceptRecall: r, lexical: 0.1 }), offTopic: false })),
      ...[0.3, 0.5].map((r) => ({ features: at({ logLength: long, conceptRecall: r, lexical: 0.5 }), offTopic: false })),
    ];
    const gate = fitOffTopicGate(samples);
    for (const s of samples) expect(isThin(thinGateFor(gate, s.features), s.features)).toBe(s.offTopic);
    // No English answers to learn from: the English gate never fires.
    expect(gate.thin.en).toEqual(NEVER_THIN);
  });
});
