// The Markdown export of a session report, in Chinese (the default) and English: one renderer, two message tables.

import { describe, expect, it } from 'vitest';
import type { DeliveryMetrics } from '../../server/interview/delivery-metrics.js';
import { renderReportMarkdown } from '../../server/interview/report-markdown.js';
import type { SessionReport } from '../../server/interview/session-report.js';
import { questionReport } from '../support/question-report.js';

const metrics = (over: Partial<DeliveryMetrics>): DeliveryMetrics => ({
  length: 60,
  fillers: {},
  fillerCount: 0,
  fillerRate: 0,
  durationMs: 65_000,
  charsPerMinute: 55,
  firstKeyPointOffset: 10,
  timeToFirstKeyPointMs: 8_000,
  ...over,
});

const question = questionReport;

/** Every branch the renderer has: each verdict kind, a scored and a skipped follow-up, fillers, all three weak reasons. */
const full: SessionReport = {
  sessionId: 's1',
  createdAt: '2025-03-03T01:00:00.000Z',
  finishedAt: '2025-03-03T01:10:00.000Z',
  status: 'finished',
  endReason: 'finished_early',
  strategy: 'weakest',
  overall: { score: 4.25, asked: 4, answered: 3, skipped: 1, followUps: 2, totalTimeMs: 95_000 },
  topics: [
    { id: 'cnn', label: { zh: '卷积神经网络', en: 'CNN' }, score: 4.25, questions: 3 },
    { id: 'custom', label: { zh: '自定义|主题', en: '自定义|主题' }, score: null, questions: 1 },
  ],
  questions: [
    question(0, {
      heading: '1. pooling的作用和缺点',
      topics: ['cnn', 'custom', 'unknown'],
      answer: '嗯，池化能减少参数，就是防止过拟合。',
      score: 7.5,
      verdict: 'good',
      covered: ['- **减少参数**，降低计算量，同时还能在一定程度上让模型对输入的微小平移保持不变，这也是它最常被提到的优点', '防止过拟合'],
      partial: ['平移不变性'],
      missed: ['**池化**会丢失\n位置信息'],
      feedback: '再说说缺点。',
      durationMs: 65_000,
      metrics: metrics({ fillers: { 嗯: 1, 就是: 1 }, fillerCount: 2 }),
      followUp: { prompt: '池化有什么缺点？', target: '**池化**会丢失位置信息', skipped: false, answer: '会丢信息', score: 4, targetStatus: 'partial', durationMs: 12_000, metrics: metrics({ length: 4, durationMs: 12_000, charsPerMinute: 20, timeToFirstKeyPointMs: null }) },
    }),
    question(1, {
      score: 1,
      verdict: 'off_topic',
      missed: ['要点乙'],
      durationMs: 18_000,
      metrics: metrics({ durationMs: 18_000, charsPerMinute: null, timeToFirstKeyPointMs: null }),
      followUp: { prompt: '那要点乙呢？', target: '要点乙', skipped: true, answer: null, score: null, targetStatus: null, durationMs: null, metrics: null },
    }),
    question(2, { hasReference: false, verdict: 'no_reference', durationMs: 125_000, metrics: metrics({ durationMs: 125_000, charsPerMinute: 29 }) }),
    question(3, { outcome: 'skipped' }),
    question(4, { outcome: 'unasked', topics: [] }),
  ],
  weakest: [
    { point: '4. 问题3', questionId: 'q3', heading: '4. 问题3', reason: 'skipped', loss: 1 },
    { point: '**池化**会丢失位置信息', questionId: 'q0', heading: '1. pooling的作用和缺点', reason: 'missed', loss: 0.4 },
    { point: '平移不变性', questionId: 'q0', heading: '1. pooling的作用和缺点', reason: 'partial', loss: 0.15 },
  ],
  delivery: { averageLength: 60, fillerCount: 2, fillers: { 嗯: 1, 就是: 1 }, averageTimeToFirstKeyPointMs: 8_000 },
};

/** A session just started: nothing answered yet, the first question on screen. */
const fresh: SessionReport = {
  ...full,
  finishedAt: null,
  status: 'active',
  endReason: null,
  strategy: 'due',
  overall: { score: null, asked: 0, answered: 0, skipped: 0, followUps: 0, totalTimeMs: 0 },
  topics: [{ id: 'cnn', label: { zh: '卷积神经网络', en: 'CNN' }, score: null, questions: 2 }],
  questions: [question(0, { outcome: 'in_progress' }), question(1, { outcome: 'unasked' })],
  weakest: [],
  delivery: { averageLength: null, fillerCount: 0, fillers: {}, averageTimeToFirstKeyPointMs: null },
};

const completed: SessionReport = { ...full, endReason: 'completed', strategy: 'sequential', questions: full.questions.slice(0, 3), weakest: [] };

/** Han characters, CJK punctuation and full-width forms: none of them belongs in the English report's own text. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
/** The same report with every run of Chinese in its data (headings, answers, points, fillers, topic names) made `x`. */
const withoutChinese = (r: SessionReport): SessionReport => JSON.parse(JSON.stringify(r).replace(new RegExp(`${CJK.source}+`, 'g'), 'x')) as SessionReport;

/** The Chinese report as it was before the English one existed, byte for byte. */
const FULL_ZH = `# 模拟面试报告

- 开始时间：2025-03-03 09:00 GMT+8　结束时间：2025-03-03 09:10 GMT+8
- 出题策略：薄弱优先　状态：提前结束
- 总分：**4.3 / 10**（作答 3 题，跳过 1 题，追问 2 次；跳过的题按 0 分计）
- 总用时：1 分 35 秒

## 各主题得分

| 主题 | 得分 | 题数 |
| --- | ---: | ---: |
| 卷积神经网络 | 4.3 | 3 |
| 自定义\\|主题 | — | 1 |

## 逐题回顾

### 1. pooling的作用和缺点 — 7.5 / 10（良好）

- 主题：卷积神经网络、自定义|主题、unknown　用时：1 分 05 秒
- ✅ 答到（2）：
  - 减少参数，降低计算量，同时还能在一定程度上让模型对输入的微小平移保持不变，这也是…
  - 防止过拟合
- ◐ 部分答到（1）：
  - 平移不变性
- ❌ 遗漏（1）：
  - 池化会丢失 位置信息
- 点评：再说说缺点。
- 追问：“池化有什么缺点？” → 4.0 / 10，追问的要点补上了一部分（用时 12 秒）

### 2. 问题1 — 1.0 / 10（答非所问）

- 主题：卷积神经网络　用时：18 秒
- ❌ 遗漏（1）：
  - 要点乙
- 追问：“那要点乙呢？” → 跳过

### 3. 问题2 — 笔记无参考答案

- 主题：卷积神经网络　用时：2 分 05 秒

### 4. 问题3 — 跳过

- 主题：卷积神经网络　用时：—

### 5. 问题4 — 未作答（提前结束）

- 主题：—　用时：—

## 优先复习的三个要点

1. **4. 问题3**（整题跳过）
2. **池化会丢失位置信息**（遗漏，出自「1. pooling的作用和缺点」）
3. **平移不变性**（只答到一部分，出自「1. pooling的作用和缺点」）

## 表达习惯

| 题目 | 字数 | 用时 | 语速（字/分） | 口头禅 | 首个要点用时 |
| --- | ---: | ---: | ---: | --- | ---: |
| 1. pooling的作用和缺点 | 60 | 1 分 05 秒 | 55 | 嗯×1、就是×1 | 8 秒 |
| 2. 问题1 | 60 | 18 秒 | — | 无 | — |
| 3. 问题2 | 60 | 2 分 05 秒 | 29 | 无 | 8 秒 |
| 1. pooling的作用和缺点（追问） | 4 | 12 秒 | 20 | 无 | — |

平均字数 60；口头禅共 2 次（嗯×1、就是×1）；平均 8 秒 说到第一个要点。

> 首个要点用时按“第一个答到的要点在回答中的位置 × 作答时长”估算；口头禅中的“就是/然后/这个”也可能是正常用词，看趋势即可。
`;

describe('renderReportMarkdown', () => {
  it('keeps the Chinese report byte for byte when no language is given, and gives the same for lang zh', () => {
    expect(renderReportMarkdown(full, { timeZone: 'Asia/Shanghai' })).toBe(FULL_ZH);
    for (const r of [full, fresh, completed]) {
      expect(renderReportMarkdown(r, { timeZone: 'Asia/Shanghai', lang: 'zh' })).toBe(renderReportMarkdown(r, { timeZone: 'Asia/Shanghai' }));
    }
  });

  it('writes the English report with English headings, strategy, status, verdicts, reasons, table headers and units', () => {
    const md = renderReportMarkdown(full, { timeZone: 'Asia/Shanghai', lang: 'en' });
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Mock interview report',
      '## Scores by topic',
      '## Question by question',
      '### 1. pooling的作用和缺点 — 7.5 / 10 (good)',
      '### 2. 问题1 — 1.0 / 10 (off topic)',
      '### 3. 问题2 — no reference answer in the notes',
      '### 4. 问题3 — skipped',
      '### 5. 问题4 — not asked (ended early)',
      '## Three points to review first',
      '## Delivery',
    ]);
    expect(md).toContain('- Started: 2025-03-03 09:00 GMT+8 · Finished: 2025-03-03 09:10 GMT+8\n');
    expect(md).toContain('- Question order: Weakest first · Status: Ended early\n');
    expect(md).toContain('- Overall score: **4.3 / 10** (3 answered, 1 skipped, 2 follow-ups; a skipped question counts as 0)\n');
    expect(md).toContain('- Total time: 1 min 35 s\n');
    expect(md).toContain('| Topic | Score | Questions |\n');
    expect(md).toContain('- Topics: CNN, 自定义|主题, unknown · Time: 1 min 5 s\n');
    expect(md).toContain('- Follow-up: “池化有什么缺点？” → 4.0 / 10, partly supplied the point asked about (took 12 s)\n');
    expect(md).toContain('- Follow-up: “那要点乙呢？” → skipped\n');
    expect(md).toContain('1. **4. 问题3** (question skipped)\n2. **池化会丢失位置信息** (missed, from “1. pooling的作用和缺点”)\n3. **平移不变性** (partly covered, from “1. pooling的作用和缺点”)\n');
    expect(md).toContain('| Question | Characters | Time | Pace (chars/min) | Fillers | Time to first key point |\n');
    expect(md).toContain('| 1. pooling的作用和缺点 | 60 | 1 min 5 s | 55 | 嗯×1, 就是×1 | 8 s |\n');
    expect(md).toContain('| 1. pooling的作用和缺点 (follow-up) | 4 | 12 s | 20 | none | — |\n');
    expect(md).toContain('Average length 60 characters; 2 filler words (嗯×1, 就是×1); the first key point came after 8 s on average.\n');
    expect(renderReportMarkdown(completed, { lang: 'en' })).toContain('Status: Completed\n');
    const started = renderReportMarkdown(fresh, { lang: 'en' });
    expect(started).toContain('- Question order: Due for review · Status: In progress (the report shows progress so far)\n');
    expect(started).toContain('### 1. 问题0 — being answered\n');
    expect(started).toContain('\nNothing missed this time. Keep it up.\n');
    expect(started).toContain('\nNothing answered yet, so there are no delivery figures.\n');
  });

  it('has no Chinese in the English report’s own text: a report whose data has none comes out with none', () => {
    for (const r of [full, fresh, completed, { ...full, status: 'paused' as const }]) {
      const md = renderReportMarkdown(withoutChinese(r), { timeZone: 'Asia/Shanghai', lang: 'en' });
      expect(md.split('\n').filter((line) => CJK.test(line))).toEqual([]);
    }
  });

  it('keeps the candidate’s answers, headings, note excerpts and feedback as written in the English report', () => {
    const md = renderReportMarkdown(full, { lang: 'en' });
    expect(md).toContain('### 1. pooling的作用和缺点 — ');
    expect(md).toContain('  - 减少参数，降低计算量，同时还能在一定程度上让模型对输入的微小平移保持不变，这也是…\n');
    expect(md).toContain('- ❌ Missed (1):\n  - 池化会丢失 位置信息\n');
    expect(md).toContain('- Feedback: 再说说缺点。\n');
  });

  it('names topics by their English names in English, keeping a name that has no English one as written', () => {
    const en = renderReportMarkdown(full, { lang: 'en' });
    expect(en).toContain('| CNN | 4.3 | 3 |\n| 自定义\\|主题 | — | 1 |\n');
    expect(renderReportMarkdown(full, { lang: 'zh' })).toContain('| 卷积神经网络 | 4.3 | 3 |\n');
  });
});
