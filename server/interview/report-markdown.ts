// Renders a session report as Chinese Markdown: summary, per-topic table, each question, weak points, delivery.

import type { Verdict } from '../grading/types.js';
import type { DeliveryMetrics } from './delivery-metrics.js';
import type { QuestionReport, SessionReport } from './session-report.js';

const STRATEGY: Record<SessionReport['strategy'], string> = { due: '到期复习优先', weakest: '薄弱优先', random: '随机', sequential: '按笔记顺序' };
const VERDICT: Record<Verdict, string> = {
  excellent: '优秀',
  good: '良好',
  partial: '部分答到',
  weak: '较弱',
  off_topic: '答非所问',
  empty: '未作答',
  no_reference: '笔记无参考答案',
};
const REASON = { skipped: '整题跳过', missed: '遗漏', partial: '只答到一部分' } as const;
const TARGET = { covered: '补上了追问的要点', partial: '追问的要点补上了一部分', missed: '追问的要点仍未答到' } as const;
const COVERED_CHARS = 40;

export interface MarkdownOptions {
  /** IANA time zone for the times shown; the server's own by default. */
  timeZone?: string;
}

export function renderReportMarkdown(report: SessionReport, options: MarkdownOptions = {}): string {
  const time = (iso: string) => formatTime(iso, options.timeZone);
  const o = report.overall;
  const status = report.status !== 'finished' ? '进行中（报告为当前进度）' : report.endReason === 'finished_early' ? '提前结束' : '已完成';
  const lines: string[] = [
    '# 模拟面试报告',
    '',
    `- 开始时间：${time(report.createdAt)}${report.finishedAt ? `　结束时间：${time(report.finishedAt)}` : ''}`,
    `- 出题策略：${STRATEGY[report.strategy]}　状态：${status}`,
    `- 总分：**${o.score === null ? '—' : `${fmt(o.score)} / 10`}**（作答 ${o.answered} 题，跳过 ${o.skipped} 题，追问 ${o.followUps} 次；跳过的题按 0 分计）`,
    `- 总用时：${duration(o.totalTimeMs)}`,
    '',
    '## 各主题得分',
    '',
    '| 主题 | 得分 | 题数 |',
    '| --- | ---: | ---: |',
    ...report.topics.map((t) => `| ${cell(t.label.zh)} | ${t.score === null ? '—' : fmt(t.score)} | ${t.questions} |`),
    '',
    '## 逐题回顾',
    '',
  ];
  for (const q of report.questions) lines.push(...questionSection(q, report), '');
  lines.push('## 优先复习的三个要点', '');
  if (report.weakest.length === 0) lines.push('本次没有遗漏的要点，保持下去。', '');
  else {
    report.weakest.forEach((w, i) => lines.push(`${i + 1}. ${w.reason === 'skipped' ? `**${inline(w.heading)}**（${REASON.skipped}）` : `**${point(w.point)}**（${REASON[w.reason]}，出自「${inline(w.heading)}」）`}`));
    lines.push('');
  }
  lines.push('## 表达习惯', '');
  const answered = report.questions.filter((q) => q.metrics);
  if (answered.length === 0) lines.push('本次没有作答，暂无表达数据。');
  else {
    lines.push('| 题目 | 字数 | 用时 | 语速（字/分） | 口头禅 | 首个要点用时 |', '| --- | ---: | ---: | ---: | --- | ---: |');
    for (const q of answered) lines.push(deliveryRow(q.heading, q.metrics!));
    for (const q of answered) if (q.followUp?.metrics) lines.push(deliveryRow(`${q.heading}（追问）`, q.followUp.metrics));
    const d = report.delivery;
    const habit = Object.entries(d.fillers).sort((a, b) => b[1] - a[1]);
    lines.push(
      '',
      `平均字数 ${d.averageLength ?? '—'}；口头禅共 ${d.fillerCount} 次${habit.length > 0 ? `（${habit.map(([w, n]) => `${w}×${n}`).join('、')}）` : ''}；` +
        `平均 ${d.averageTimeToFirstKeyPointMs === null ? '—' : duration(d.averageTimeToFirstKeyPointMs)} 说到第一个要点。`,
      '',
      '> 首个要点用时按“第一个答到的要点在回答中的位置 × 作答时长”估算；口头禅中的“就是/然后/这个”也可能是正常用词，看趋势即可。',
    );
  }
  return `${lines.join('\n')}\n`;
}

function questionSection(q: QuestionReport, report: SessionReport): string[] {
  const score = q.outcome === 'answered' ? (q.score === null ? `${VERDICT[q.verdict ?? 'no_reference']}` : `${fmt(q.score)} / 10（${VERDICT[q.verdict!]}）`) : OUTCOME[q.outcome];
  const out = [`### ${inline(q.heading)} — ${score}`, ''];
  const topics = q.topics.map((t) => report.topics.find((x) => x.id === t)?.label.zh ?? t).join('、');
  out.push(`- 主题：${topics || '—'}　用时：${q.durationMs === null ? '—' : duration(q.durationMs)}`);
  if (q.outcome !== 'answered') return out;
  // Covered points are only a reminder, so they are shortened; missed ones are what to study and stay whole.
  if (q.covered.length > 0) out.push(`- ✅ 答到（${q.covered.length}）：`, ...q.covered.map((p) => `  - ${clip(point(p), COVERED_CHARS)}`));
  if (q.partial.length > 0) out.push(`- ◐ 部分答到（${q.partial.length}）：`, ...q.partial.map((p) => `  - ${point(p)}`));
  if (q.missed.length > 0) out.push(`- ❌ 遗漏（${q.missed.length}）：`, ...q.missed.map((p) => `  - ${point(p)}`));
  if (q.feedback) out.push(`- 点评：${inline(q.feedback)}`);
  const f = q.followUp;
  if (f) {
    const result = f.skipped ? '跳过' : `${f.score === null ? '—' : `${fmt(f.score)} / 10`}，${TARGET[f.targetStatus ?? 'missed']}`;
    out.push(`- 追问：“${inline(f.prompt)}” → ${result}${f.durationMs === null ? '' : `（用时 ${duration(f.durationMs)}）`}`);
  }
  return out;
}

const OUTCOME: Record<Exclude<QuestionReport['outcome'], 'answered'>, string> = { skipped: '跳过', unasked: '未作答（提前结束）', in_progress: '进行中' };

function deliveryRow(name: string, m: DeliveryMetrics): string {
  const fillers = Object.entries(m.fillers).map(([w, n]) => `${w}×${n}`).join('、') || '无';
  return `| ${cell(name)} | ${m.length} | ${m.durationMs === null ? '—' : duration(m.durationMs)} | ${m.charsPerMinute ?? '—'} | ${fillers} | ${m.timeToFirstKeyPointMs === null ? '—' : duration(m.timeToFirstKeyPointMs)} |`;
}

/** One line of text: key points are excerpts of the notes and may span lines or carry list markers. */
function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** A key point as plain text: excerpts of the notes carry list markers and emphasis that break when nested. */
function point(text: string): string {
  return inline(text)
    .replace(/^(?:[-*+]|\d+[.、)）])\s+/, '')
    .replace(/\*\*|__|`/g, '')
    .trim();
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

function fmt(n: number): string {
  return n.toFixed(1);
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} 秒`;
  return `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒`;
}

function formatTime(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`.trim();
}
