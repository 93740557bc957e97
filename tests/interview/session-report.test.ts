import { describe, expect, it } from 'vitest';
import type { Grade, KeyPointResult } from '../../server/grading/types.js';
import type { PlannedQuestion } from '../../server/interview/interview-machine.js';
import { renderReportMarkdown } from '../../server/interview/report-markdown.js';
import { buildReport } from '../../server/interview/session-report.js';
import type { AttemptRecord, SessionRecord } from '../../server/store/session-store.js';

const source = { questionId: 'q', heading: 'h', file: 'f.md', startLine: 1, endLine: 1 };
const kp = (text: string, status: KeyPointResult['status'], weight: number): KeyPointResult => ({ text, status, weight, source });
const grade = (score: number | null, keyPoints: KeyPointResult[]): Grade => ({ score, maxScore: 10, verdict: score === null ? 'no_reference' : 'partial', keyPoints, feedback: '继续加油。', citations: [], grader: 'rubric' });
const plan: PlannedQuestion[] = [
  { questionId: 'a', number: 1, heading: '1. 甲', title: '甲', topics: ['cnn'], hasReference: true },
  { questionId: 'b', number: 2, heading: '2. 乙', title: '乙', topics: ['cnn', 'rnn'], hasReference: true },
  { questionId: 'c', number: 3, heading: '3. 丙', title: '丙', topics: ['rnn'], hasReference: false },
  { questionId: 'd', number: 4, heading: '4. 丁', title: '丁', topics: ['rnn'], hasReference: true },
];
const session: SessionRecord = {
  id: 's',
  createdAt: '2025-03-03T01:00:00.000Z',
  updatedAt: '2025-03-03T01:10:00.000Z',
  finishedAt: '2025-03-03T01:10:00.000Z',
  status: 'finished',
  strategy: 'due',
  count: 4,
  topics: [],
  includeUnanswered: true,
  state: { status: 'finished', plan, current: null, followUps: true, endReason: 'finished_early' },
  version: 6,
};
let id = 0;
const attempt = (position: number, over: Partial<AttemptRecord>): AttemptRecord => ({
  id: ++id,
  sessionId: 's',
  parentId: null,
  position,
  kind: 'main',
  questionId: plan[position]!.questionId,
  prompt: plan[position]!.title,
  target: null,
  answer: '回答',
  skipped: false,
  grade: null,
  metrics: null,
  durationMs: 10_000,
  askedAt: session.createdAt,
  answeredAt: session.createdAt,
  ...over,
});
const attempts = [
  attempt(0, { grade: grade(6, [kp('**要点一**', 'covered', 0.4), kp('要点二', 'missed', 0.35), kp('要点三', 'missed', 0.25)]) }),
  attempt(0, { kind: 'follow_up', parentId: 1, target: '要点二', prompt: '那要点二呢？', grade: grade(4, [kp('要点二', 'partial', 0.35)]) }),
  attempt(1, { skipped: true, answer: null, durationMs: null }),
  attempt(2, { grade: grade(null, []) }),
];
const label = (t: string) => ({ zh: t === 'cnn' ? '卷积' : '循环', en: t });

describe('buildReport', () => {
  const report = buildReport(session, attempts, label);

  it('averages asked questions with a reference answer, a skip counting 0 and unasked ones left out', () => {
    expect(report.overall).toMatchObject({ score: 3, asked: 3, answered: 2, skipped: 1, followUps: 1 });
    expect(report.questions.map((q) => q.outcome)).toEqual(['answered', 'skipped', 'answered', 'unasked']);
    expect(report.topics).toEqual([
      { id: 'cnn', label: { zh: '卷积', en: 'cnn' }, score: 3, questions: 2 },
      { id: 'rnn', label: { zh: '循环', en: 'rnn' }, score: 0, questions: 2 },
    ]);
  });

  it('ranks a skipped question first and counts a point the follow-up partly supplied as partial', () => {
    expect(report.weakest.map((w) => [w.reason, w.point])).toEqual([
      ['skipped', '2. 乙'],
      ['missed', '要点三'],
      ['partial', '要点二'],
    ]);
    expect(report.questions[0]!.followUp).toMatchObject({ prompt: '那要点二呢？', targetStatus: 'partial', score: 4 });
  });

  it('renders headings, the topic table and each outcome in Chinese Markdown', () => {
    const md = renderReportMarkdown(report, { timeZone: 'Asia/Shanghai' });
    expect(md).toContain('- 开始时间：2025-03-03 09:00 GMT+8');
    expect(md).toContain('状态：提前结束');
    expect(md).toContain('| 卷积 | 3.0 | 2 |');
    expect(md).toContain('### 1. 甲 — 6.0 / 10（部分答到）');
    expect(md).toContain('  - 要点一');
    expect(md).toContain('→ 4.0 / 10，追问的要点补上了一部分');
    expect(md).toContain('### 2. 乙 — 跳过');
    expect(md).toContain('### 3. 丙 — 笔记无参考答案');
    expect(md).toContain('### 4. 丁 — 未作答（提前结束）');
    expect(md).toContain('1. **2. 乙**（整题跳过）');
  });
});
