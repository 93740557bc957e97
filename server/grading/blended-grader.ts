// Rubric grade cross-checked by the optional LLM judge: the two scores are blended with the LLM held near
// the rubric unless it shows why the rubric is wrong, injections stay capped, and any LLM failure or timeout
// leaves the rubric grade with a notice.

import { ChatTimeoutError } from '../llm/errors.js';
import type { JudgeRequest, LlmJudge, LlmVerdict } from './llm-judge.js';
import { INJECTION_CAP, verdictFor, type Assessment, type RubricGrader } from './rubric-grader.js';
import type { Correction, Grade, GradeInput, Grader, KeyPointResult } from './types.js';

export interface BlendOptions {
  /** Share of the final score that comes from the LLM (the rest from the rubric), 0–1. */
  llmWeight: number;
  /** The LLM's score is first clamped to within this many points of the rubric's, so one bad reply cannot produce a wild grade. */
  maxDeviation: number;
  /**
   * Share of the final score that comes from the LLM when it lowers a grade for a reason it can show: false
   * statements quoted from the answer, or an answer to another question. No clamp applies then.
   */
  groundedLlmWeight: number;
  /** Time allowed for the LLM's reply, in milliseconds; past it the rubric grade stands. */
  timeoutMs: number;
}

// The LLM judges correctness the rubric cannot (a wrong answer in the right words), so it gets the larger
// share; ±3 points lets it move a grade by a verdict band either way but never from "weak" to "excellent".
// A wrong answer in the right words is exactly where the rubric scores 4–6 and a human 0–1: held within 3
// points, the LLM could only bring it to "partial". When the LLM quotes the false statements (the quotes are
// checked against the answer) it may lower the grade that far; raising stays bounded, since that is what an
// injected or careless reply would do.
export const DEFAULT_BLEND: Omit<BlendOptions, 'timeoutMs'> = { llmWeight: 0.6, maxDeviation: 3, groundedLlmWeight: 0.8 };

// "About another question" alone does not overturn a grade the rubric found excellent: that is two graders
// disagreeing, not one showing the other wrong.
const OVERRULABLE_BELOW = 8;

export class BlendedGrader implements Grader {
  constructor(
    private readonly rubric: RubricGrader,
    private readonly judge: LlmJudge,
    private readonly options: BlendOptions,
  ) {}

  async grade(input: GradeInput): Promise<Grade> {
    const assessment = await this.rubric.assess(input);
    const { grade, reference } = assessment;
    // Nothing to cross-check: no reference answer, or nothing was said.
    if (!reference || grade.score === null || grade.verdict === 'empty') return grade;

    let verdict: LlmVerdict;
    try {
      verdict = await this.judge.judge(request(assessment, input), { timeoutMs: this.options.timeoutMs, ...(input.signal ? { signal: input.signal } : {}) });
    } catch (error) {
      if (input.signal?.aborted) throw error;
      const why = error instanceof ChatTimeoutError ? `did not answer within ${this.options.timeoutMs} ms` : `failed (${(error as Error).message})`;
      return { ...grade, notice: `The language model ${why}; this is the rubric grade.` };
    }
    return this.blend(assessment, verdict);
  }

  private blend(assessment: Assessment, llm: LlmVerdict): Grade {
    const rubric = assessment.grade;
    const rubricScore = rubric.score!;
    const { llmWeight, maxDeviation, groundedLlmWeight } = this.options;
    // Only statements the candidate really made count.
    const corrections: Correction[] = llm.falseClaims
      .filter((c) => contains(assessment.gradedAnswer, c.quote) && c.correction.trim() !== '')
      .map((c) => ({ said: c.quote.trim(), notes: c.correction.trim() }));
    const elsewhere = llm.answersAnotherQuestion && rubricScore < OVERRULABLE_BELOW;
    const grounded = llm.score < rubricScore && (corrections.length > 0 || elsewhere);
    const bounded = grounded ? llm.score : Math.min(rubricScore + maxDeviation, Math.max(rubricScore - maxDeviation, llm.score));
    const weight = grounded ? groundedLlmWeight : llmWeight;
    let score = (1 - weight) * rubricScore + weight * bounded;
    const notices: string[] = [];
    if (bounded !== llm.score) {
      notices.push(`The language model's score (${llm.score}) was more than ${maxDeviation} points from the rubric's (${rubricScore}) and was limited.`);
    }
    // Text that instructs the grader never raises a score, whichever of the two graders noticed it.
    const injected = assessment.injections.length > 0 || llm.instructionsInAnswer;
    if (injected) score = Math.min(score, INJECTION_CAP, rubricScore);
    score = Number(score.toFixed(1));

    const keyPoints: KeyPointResult[] = rubric.keyPoints.map((kp, i) => {
      const judged = llm.keyPoints.find((k) => k.index === i + 1);
      if (!judged) return kp;
      // The LLM's quote is kept only if the candidate really said it; a covered point needs some evidence.
      const quote = judged.evidence && contains(assessment.gradedAnswer, judged.evidence) ? judged.evidence.trim() : kp.evidence;
      const status = judged.status === 'covered' && !quote ? 'partial' : judged.status;
      const { evidence: _old, ...rest } = kp;
      return { ...rest, status, ...(status !== 'missed' && quote ? { evidence: quote } : {}) };
    });

    const verdict = (rubric.verdict === 'off_topic' || elsewhere) && score < 3.5 ? 'off_topic' : verdictFor(score);
    const feedback = injected && !llm.instructionsInAnswer ? rubric.feedback : llm.feedback.trim() || rubric.feedback;
    const followUp = llm.followUp?.trim() || rubric.followUp;
    return {
      ...rubric,
      score,
      verdict,
      keyPoints,
      feedback,
      ...(followUp ? { followUp } : {}),
      ...(corrections.length > 0 ? { corrections } : {}),
      grader: 'rubric+llm',
      ...(notices.length ? { notice: notices.join(' ') } : {}),
    };
  }
}

function request(assessment: Assessment, input: GradeInput): JudgeRequest {
  const reference = assessment.reference!;
  return {
    question: input.question?.trim() || reference.sections.map((s) => s.title).join(' / '),
    keyPoints: reference.keyPoints.map((kp) => ({ text: kp.point.plain, weight: kp.point.weight })),
    excerpts: reference.sections.map((s) => s.answer.slice(0, 3000)),
    // The LLM sees what the rubric graded: text addressed to the grader is already cut out.
    answer: assessment.gradedAnswer,
    language: assessment.language,
  };
}

/** Whether the candidate's answer contains the quote, ignoring whitespace and case. */
function contains(answer: string, quote: string): boolean {
  const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const q = squash(quote);
  return q.length > 0 && squash(answer).includes(q);
}
