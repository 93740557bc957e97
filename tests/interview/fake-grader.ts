// A deterministic Grader for tests: a key point is covered when the answer contains its keyword.

import type { Grade, GradeInput, Grader, KeyPointResult, NoteSource, Verdict } from '../../server/grading/types.js';

export interface FakeKeyPoint {
  text: string;
  /** Covered when the answer contains this. */
  keyword: string;
  weight: number;
}

/** Three points on padding; answers in the tests say 尺寸 / 边界 / 统一 to cover them. */
export const PADDING_POINTS: FakeKeyPoint[] = [
  { text: '卷积层加入padding可以使输入维度和输出维度保持一致', keyword: '尺寸', weight: 0.5 },
  { text: '保持信息边界，边缘像素也能被多次卷积', keyword: '边界', weight: 0.3 },
  { text: '对尺寸有差异的输入图片进行补齐', keyword: '补齐', weight: 0.2 },
];

export interface FakeGraderOptions {
  points?: FakeKeyPoint[];
  /** Questions the notes have no answer for: graded with a null score. */
  noReference?: ReadonlySet<string>;
  /** Waits this long before answering, so tests can overlap two requests. */
  delayMs?: number;
  followUp?: string;
}

export class FakeGrader implements Grader {
  readonly calls: GradeInput[] = [];

  constructor(private readonly options: FakeGraderOptions = {}) {}

  async grade(input: GradeInput): Promise<Grade> {
    this.calls.push(input);
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    const source: NoteSource = { questionId: input.questionId ?? 'free', heading: 'fake', file: 'fake.md', startLine: 1, endLine: 1 };
    if (input.questionId && this.options.noReference?.has(input.questionId)) {
      return { score: null, maxScore: 10, verdict: 'no_reference', keyPoints: [], feedback: '笔记里没有参考答案。', citations: [], grader: 'rubric' };
    }
    const keyPoints: KeyPointResult[] = (this.options.points ?? PADDING_POINTS).map((p) =>
      input.answer.includes(p.keyword) ? { text: p.text, status: 'covered', weight: p.weight, evidence: p.keyword, source } : { text: p.text, status: 'missed', weight: p.weight, source },
    );
    const score = Math.round(keyPoints.reduce((s, p) => s + (p.status === 'covered' ? p.weight : 0), 0) * 100) / 10;
    const verdict: Verdict = input.answer.trim() === '' ? 'empty' : score === 0 ? 'off_topic' : score >= 8.5 ? 'excellent' : score >= 6 ? 'good' : score >= 4 ? 'partial' : 'weak';
    return {
      score,
      maxScore: 10,
      verdict,
      keyPoints,
      feedback: score === 10 ? '要点齐全。' : '还可以补充遗漏的要点。',
      ...(this.options.followUp ? { followUp: this.options.followUp } : {}),
      citations: [source],
      grader: 'rubric',
    };
  }
}

export const GOOD_ANSWER = '嗯，padding 主要是为了保持输出尺寸不变，同时保留边界信息，还能把不同大小的输入补齐。';
export const WEAK_ANSWER = '就是保持尺寸吧，然后，嗯，别的不太清楚。';
export const OFF_TOPIC_ANSWER = '我觉得今天天气不错，适合出去散步。';
