// The default grader, no LLM needed: key-point coverage from concept overlap (with glossary synonyms) and
// embedding similarity, off-topic / empty / injection gates, and a score calibrated on labelled answers.

import { AppError } from '../errors.js';
import type { Chunk, Section } from '../notes/types.js';
import type { Embedder, Retriever } from '../retrieval/types.js';
import { cjkRatio } from '../text/normalize.js';
import { AnswerAnalyzer, DEFAULT_MATCH, type AnswerAnalysis, type MatchOptions } from './answer-analysis.js';
import { contentSize, stripFillers } from './answer-text.js';
import { DEFAULT_CALIBRATION, predictScore, type Calibration } from './calibration.js';
import { writeFeedback, type Language } from './feedback.js';
import { findInjections, withoutSpans, type InjectionSpan } from './injection.js';
import type { Reference, ReferenceBank } from './reference.js';
import { resolveQuestion } from './resolve-question.js';
import type { Grade, GradeInput, Grader, KeyPointResult, NoteSource, Verdict } from './types.js';

export interface RubricGraderDeps {
  sections: Section[];
  chunks: Chunk[];
  bank: ReferenceBank;
  embedder: Embedder;
  /** Finds the notes for a free question (one that is not a section of the notes). */
  retriever: Retriever;
  calibration?: Calibration;
  match?: MatchOptions;
}

/** Everything the rubric grader found, for the LLM cross-check and for evaluation. */
export interface Assessment {
  grade: Grade;
  /** What the answer was graded against; absent when the notes have nothing to grade against. */
  reference?: Reference;
  analysis?: AnswerAnalysis;
  /** The answer with grader-directed text removed (what was actually graded). */
  gradedAnswer: string;
  injections: InjectionSpan[];
  language: Language;
  /** The calibrated model's score before gates and caps, 0–10 (absent when a gate decided). */
  modelScore?: number;
}

/** An answer that tries to instruct the grader scores at most this, whatever else it says. */
export const INJECTION_CAP = 1.5;

// A free question is graded against its best section plus close runners-up (within 15 % of the best
// retrieval score), at most three: a question spanning two notes gets both, a clear match only one.
const FREE_RUNNER_UP = 0.85;
const FREE_MAX_SECTIONS = 3;

export class RubricGrader implements Grader {
  private readonly analyzer: AnswerAnalyzer;
  private readonly calibration: Calibration;
  private readonly byId: Map<string, Section>;
  private readonly chunksById: Map<string, Chunk>;

  constructor(private readonly deps: RubricGraderDeps) {
    this.analyzer = new AnswerAnalyzer(deps.bank, deps.embedder, deps.match ?? DEFAULT_MATCH);
    this.calibration = deps.calibration ?? DEFAULT_CALIBRATION;
    this.byId = new Map(deps.sections.map((s) => [s.id, s]));
    this.chunksById = new Map(deps.chunks.map((c) => [c.id, c]));
  }

  async grade(input: GradeInput): Promise<Grade> {
    return (await this.assess(input)).grade;
  }

  async assess(input: GradeInput): Promise<Assessment> {
    const target = await this.target(input);
    const injections = findInjections(input.answer);
    const gradedAnswer = withoutSpans(input.answer, injections);
    const language = languageOf(gradedAnswer || input.answer);
    const base = { gradedAnswer, injections, language };

    if (!target.reference) {
      const grade: Grade = { score: null, maxScore: 10, verdict: 'no_reference', keyPoints: [], citations: target.citations, grader: 'rubric', ...writeFeedback({ verdict: 'no_reference', language, matches: [], title: target.title }) };
      return { grade, ...base };
    }
    const reference = target.reference;
    const injection = injections.map((s) => s.text).join(' ') || undefined;
    const finish = (verdict: Verdict, score: number, analysis?: AnswerAnalysis, answersInstead?: string, modelScore?: number): Assessment => {
      const matches = analysis && verdict !== 'off_topic' && verdict !== 'empty' ? analysis.matches : [];
      const keyPoints: KeyPointResult[] = reference.keyPoints.map((kp, i) => {
        const m = matches[i];
        return {
          text: kp.point.text,
          status: m?.status ?? 'missed',
          weight: Number(kp.point.weight.toFixed(4)),
          ...(m?.evidence ? { evidence: m.evidence } : {}),
          source: kp.point.source,
        };
      });
      const cap = injection ? INJECTION_CAP : undefined;
      const words = writeFeedback({
        verdict,
        language,
        matches: analysis?.matches ?? [],
        title: target.title,
        ...(answersInstead ? { answersInstead } : {}),
        ...(injection ? { injection, cap: INJECTION_CAP } : {}),
      });
      const capped = cap === undefined ? score : Math.min(score, cap);
      const grade: Grade = { score: Number(capped.toFixed(1)), maxScore: 10, verdict, keyPoints, citations: reference.citations, grader: 'rubric', ...words };
      return { grade, reference, ...(analysis ? { analysis } : {}), ...base, ...(modelScore !== undefined ? { modelScore } : {}) };
    };

    if (this.isEmpty(gradedAnswer, reference)) return finish('empty', 0);
    const analysis = await this.analyzer.analyze(reference, gradedAnswer);
    const offTopic = this.offTopic(analysis);
    if (offTopic.offTopic) return finish('off_topic', 0, analysis, offTopic.instead);
    const modelScore = predictScore(this.calibration.model, analysis.features);
    return finish(verdictFor(injection ? Math.min(modelScore, INJECTION_CAP) : modelScore), modelScore, analysis, undefined, modelScore);
  }

  /** The reference to grade against, or the citations and title to report when there is none. */
  private async target(input: GradeInput): Promise<{ reference?: Reference; citations: NoteSource[]; title: string }> {
    if (input.questionId !== undefined) {
      const section = this.byId.get(input.questionId);
      if (!section) throw new AppError('not_found', `No question with id "${input.questionId}" in the notes`, 'question');
      return this.forSection(section);
    }
    const question = input.question?.trim();
    if (!question) throw new AppError('bad_request', 'Say which question is answered: give a questionId or the question text', 'question');
    const named = resolveQuestion(this.deps.sections, question);
    if ('section' in named && !/^\d+$/.test(question)) return this.forSection(named.section);

    const retrieval = await this.deps.retriever.retrieve(question, 5);
    const withAnswers = retrieval.hits.filter((h) => this.byId.get(h.questionId)?.hasReference);
    const best = withAnswers[0];
    if (!retrieval.inScope || !best) return { citations: [], title: question };
    const chosen = withAnswers.filter((h) => h.score >= best.score * FREE_RUNNER_UP).slice(0, FREE_MAX_SECTIONS);
    const parts = chosen.flatMap((h) => {
      const chunk = this.chunksById.get(h.chunkId);
      const section = this.byId.get(h.questionId);
      return chunk && section ? [{ section, chunk }] : [];
    });
    return { reference: await this.deps.bank.fromChunks(question, parts), citations: [], title: question };
  }

  private forSection(section: Section): { reference?: Reference; citations: NoteSource[]; title: string } {
    const reference = this.deps.bank.get(section.id);
    const citation: NoteSource = { questionId: section.id, heading: section.heading, file: section.file, startLine: section.startLine, endLine: section.endLine };
    return { ...(reference ? { reference } : {}), citations: [citation], title: section.title };
  }

  /** Nothing left once fillers, apologies and the question's own words are taken out. */
  private isEmpty(answer: string, reference: Reference): boolean {
    if (contentSize(answer) < 2) return true;
    const concepts = this.analyzer.concepts;
    const said = concepts
      .concepts(stripFillers(answer))
      .filter((c) => !reference.questionConcepts.has(c.key))
      // Bare numbers and single characters ("1乘1", "归") are fragments, not an answer.
      .filter((c) => !/^\d/.test(c.surface) && [...c.surface].length > 1)
      // A Latin-letter word found nowhere in the notes and in no glossary set ("asdf") is not content;
      // Chinese words and English words the grader can translate are.
      .filter((c) => c.setId !== undefined || /\p{Script=Han}/u.test(c.word ?? '') || concepts.isKnown(c));
    return said.length === 0;
  }

  /**
   * Off-topic: another section fits the answer much better than the asked one (thresholds fitted on the dev
   * split), or the answer matches nothing in the notes at all (chit-chat): no concept of the reference, no
   * other section close either.
   */
  private offTopic(analysis: AnswerAnalysis): { offTopic: boolean; instead?: string } {
    const f = analysis.features;
    const gate = this.calibration.offTopic;
    if (f.otherCoverage - f.coverage >= gate.minGap && f.coverage < gate.maxOwnCoverage) {
      return { offTopic: true, ...(analysis.closestOther ? { instead: analysis.closestOther.title } : {}) };
    }
    const nothing = f.ownMentions === 0 && f.coverage < 0.05 && f.otherCoverage < 0.2 && f.referenceSimilarity < 0.3 && f.otherSimilarity < 0.45;
    return { offTopic: nothing };
  }
}

export function verdictFor(score: number): Verdict {
  // The verdict bands follow the human rubric of the labelled set: 8+ complete, 6+ most points, 3.5+ some points.
  if (score >= 8) return 'excellent';
  if (score >= 6) return 'good';
  if (score >= 3.5) return 'partial';
  return 'weak';
}

function languageOf(text: string): Language {
  return /[a-z]/i.test(text) && cjkRatio(text) < 0.3 ? 'en' : 'zh';
}
