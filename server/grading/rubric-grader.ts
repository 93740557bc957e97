// The default grader, no LLM needed: key-point coverage from concept overlap (with glossary synonyms) and
// embedding similarity, off-topic / empty / injection gates, and a score calibrated on labelled answers.

import { AppError } from '../errors.js';
import type { Chunk, Section } from '../notes/types.js';
import type { Embedder, Retriever } from '../retrieval/types.js';
import { cjkRatio } from '../text/normalize.js';
import { EVERYDAY, wordSpecificity } from '../text/word-specificity.js';
import { AnswerAnalyzer, DEFAULT_MATCH, type AnswerAnalysis, type AnswerFeatures, type MatchOptions } from './answer-analysis.js';
import { contentSize, stripFillers } from './answer-text.js';
import { DEFAULT_CALIBRATION, isThin, predictScore, thinGateFor, type Calibration } from './calibration.js';
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
  /**
   * Finds the notes for a free question (one that is not a section of the notes), and gives the off-topic
   * test a second opinion on where in the notes an answer belongs.
   */
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
  /** Where a search of the notes with the answer put it, when the off-topic test asked for that opinion. */
  placement?: Placement;
}

/** The sections a search of the notes with the answer as the query found, best first. */
export interface Placement {
  /** Section ids with the retriever's fused relevance, 0–1 (higher is better). */
  hits: { sectionId: string; score: number }[];
}

/** An answer that tries to instruct the grader scores at most this, whatever else it says. */
export const INJECTION_CAP = 1.5;

// A free question is graded against its best section plus close runners-up (within 15 % of the best
// retrieval score), at most three: a question spanning two notes gets both, a clear match only one.
const FREE_RUNNER_UP = 0.85;
const FREE_MAX_SECTIONS = 3;
// Sections looked at when placing an answer in the notes: the asked one outside the best ten is as good as absent.
const PLACEMENT_HITS = 10;
// The search's placement of a fragment of a few words hangs on one term, so it is not asked for below this
// content size (Han characters + 2 per Latin word): short answers of the labelled set have at most 16, off-topic
// ones at least 30.
const MIN_PLACED_SIZE = 20;
// "Matches nothing": at most this share of what the answer says (rarity-weighted) is vocabulary of the notes.
// Chit-chat comes out at 0–0.06 on the dev split; the lowest on-topic answers are English ones (everyday English
// words are not in the Chinese notes) at 0.22 on the dev split, 0.19 on the held-out one.
const NOTHING_NOTES_SHARE = 0.15;

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
    let placement: Placement | undefined;
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
      return { grade, reference, ...(analysis ? { analysis } : {}), ...base, ...(modelScore !== undefined ? { modelScore } : {}), ...(placement ? { placement } : {}) };
    };

    if (this.isEmpty(gradedAnswer, reference)) return finish('empty', 0);
    const analysis = await this.analyzer.analyze(reference, gradedAnswer);
    const offTopic = await this.offTopic(analysis, reference, gradedAnswer);
    placement = offTopic.placement;
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
    if ('section' in named) return this.forSection(named.section);
    // A number ("16", "-1", "Q99") or an id names a question; searching the notes for "16" would silently grade
    // against whichever section happens to contain that number.
    if (named.named) throw new AppError('not_found', `No such question in the notes: ${named.error}`, 'question');

    const retrieval = await this.deps.retriever.retrieve(question, 5);
    // Not covered is not the same as "no reference answer yet" (a question the notes have, unanswered): saying
    // the latter would send the user looking for a section that does not exist.
    if (!retrieval.inScope || retrieval.hits.length === 0) {
      const shown = question.length > 80 ? `${question.slice(0, 80)}…` : question;
      throw new AppError('not_found', `The notes do not cover the question "${shown}", so there is nothing to grade the answer against`, 'question');
    }
    const withAnswers = retrieval.hits.filter((h) => this.byId.get(h.questionId)?.hasReference);
    const best = withAnswers[0];
    // Covered, but only by questions the notes have not answered yet: "no reference", naming and citing the closest.
    if (!best) {
      const closest = this.byId.get(retrieval.hits[0]!.questionId);
      return closest ? this.forSection(closest) : { citations: [], title: question };
    }
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
      .filter((c) => c.setId !== undefined || /\p{Script=Han}/u.test(c.word ?? '') || concepts.isKnown(c))
      // Everyday words ("很重要", "大家都关注", "第三个版本") are content only when the reference says them too
      // ("输出大小不变" for padding is an answer; praise of the question is not).
      .filter((c) => c.setId !== undefined || wordSpecificity(c.surface) >= EVERYDAY || concepts.mentions(c, reference.bag) > 0);
    return said.length === 0;
  }

  /**
   * Off-topic: the answer belongs to another question, or to none.
   * - Another section's key points fit it much better than the asked one's, which fit poorly (thresholds
   *   fitted on the dev split).
   * - Or two independent opinions agree that it belongs to the same other section: its key points fit the
   *   answer better than the asked section's (which fit poorly), and a search of the notes with the answer
   *   ranks that very section first while not finding the asked one among its best. The search is only run
   *   when the key points already point elsewhere (it costs as much as the rest of the grading).
   * - Or it is long and still mentions almost none of the asked section's characteristic concepts and words: an
   *   answer about another aspect of the topic or a neighbouring field (the thin-answer gate, fitted on the dev split).
   * - Or it matches nothing in the notes: it says none of the asked section's concepts, and little of what it
   *   says is vocabulary of the notes at all (chit-chat; or a neighbouring field, whose glossary terms the notes
   *   never use and which therefore count against it, not for it). Embedding similarity is not used here: for
   *   everyday words it is a property of the model (it rose from 0.42 to 0.48 for the same chit-chat when the
   *   bundled model was rebuilt), not of the answer.
   */
  private async offTopic(analysis: AnswerAnalysis, reference: Reference, answer: string): Promise<{ offTopic: boolean; instead?: string; placement?: Placement }> {
    // An answer that contradicts the asked section's points is about this question, however little of it is right.
    if (analysis.matches.some((m) => m.contradictions)) return { offTopic: false };
    const f = analysis.features;
    const gate = this.calibration.offTopic;
    const other = analysis.closestOther;
    const instead = other ? { instead: other.title } : {};
    if (f.otherCoverage - f.coverage >= gate.minGap && f.coverage < gate.maxOwnCoverage) return { offTopic: true, ...instead };
    if (other && f.otherCoverage > f.coverage && f.coverage < gate.maxOwnCoverage && analysis.contentSize >= MIN_PLACED_SIZE) {
      const placement = await this.place(answer);
      const own = new Set(reference.sections.map((s) => s.id));
      const agreed = placement.hits[0]?.sectionId === other.sectionId && !placement.hits.some((h) => own.has(h.sectionId));
      return agreed ? { offTopic: true, ...instead, placement } : { offTopic: this.saysNothingOfTheNotes(f), placement };
    }
    return { offTopic: this.saysNothingOfTheNotes(f) };
  }

  /** None of the asked section's concepts, and little that the notes use at all; or long and still thin on them. */
  private saysNothingOfTheNotes(f: AnswerFeatures): boolean {
    return (f.ownMentions === 0 && f.notesShare <= NOTHING_NOTES_SHARE) || isThin(thinGateFor(this.calibration.offTopic, f), f);
  }

  /** Where a search of the notes with the answer as the query puts it. */
  private async place(answer: string): Promise<Placement> {
    const retrieval = await this.deps.retriever.retrieve(answer, PLACEMENT_HITS);
    return { hits: retrieval.hits.map((h) => ({ sectionId: h.questionId, score: h.score })) };
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
