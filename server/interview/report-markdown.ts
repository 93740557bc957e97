// Renders a session report as Markdown in Chinese or English: summary, per-topic table, each question, weak points, delivery.

import type { Verdict } from '../grading/types.js';
import type { DeliveryMetrics } from './delivery-metrics.js';
import type { QuestionReport, SessionReport, WeakPoint } from './session-report.js';

/** The languages a report can be exported in; the web UI has the same two. */
export type ReportLang = 'zh' | 'en';

/**
 * The fixed text of a report in one language. Everything the renderer writes that is not the user's data comes from
 * here, so both languages share one layout; answers, headings, key points and feedback are shown as written.
 */
interface ReportMessages {
  /** Locale for the time-zone name of the times shown; the date and time themselves are always YYYY-MM-DD HH:mm. */
  locale: string;
  /** `label：value` / `label: value`. */
  field(label: string, value: string): string;
  /** Between two fields on one line. */
  gap: string;
  /** A remark after some text: `（…）` / ` (…)`. */
  aside(text: string): string;
  /** Between items of a list on one line (topics, filler words). */
  list: string;
  /** Between two clauses inside an aside. */
  comma: string;
  duration(minutes: number, seconds: number): string;
  title: string;
  started: string;
  finished: string;
  strategyLabel: string;
  strategy: Record<SessionReport['strategy'], string>;
  statusLabel: string;
  status: { inProgress: string; finishedEarly: string; completed: string };
  scoreLabel: string;
  counts(overall: SessionReport['overall']): string;
  totalTime: string;
  topicsHeading: string;
  topicsColumns: readonly [string, string, string];
  questionsHeading: string;
  verdict: Record<Verdict, string>;
  outcome: Record<Exclude<QuestionReport['outcome'], 'answered'>, string>;
  topicsLabel: string;
  timeLabel: string;
  covered(n: number): string;
  partial(n: number): string;
  missed(n: number): string;
  feedback: string;
  followUp: string;
  followUpSkipped: string;
  target: { covered: string; partial: string; missed: string };
  timeTaken(duration: string): string;
  weakHeading: string;
  weakNone: string;
  reason: Record<WeakPoint['reason'], string>;
  from(heading: string): string;
  deliveryHeading: string;
  deliveryNone: string;
  deliveryColumns: readonly [string, string, string, string, string, string];
  followUpTag: string;
  noFillers: string;
  deliverySummary(d: { averageLength: number | null; fillerCount: number; fillers: string | null; firstKeyPoint: string }): string;
  deliveryNote: string;
}

const zh: ReportMessages = {
  locale: 'zh-CN',
  field: (label, value) => `${label}：${value}`,
  gap: '　',
  aside: (text) => `（${text}）`,
  list: '、',
  comma: '，',
  duration: (m, s) => (m === 0 ? `${s} 秒` : `${m} 分 ${String(s).padStart(2, '0')} 秒`),
  title: '模拟面试报告',
  started: '开始时间',
  finished: '结束时间',
  strategyLabel: '出题策略',
  strategy: { due: '到期复习优先', weakest: '薄弱优先', random: '随机', sequential: '按笔记顺序' },
  statusLabel: '状态',
  status: { inProgress: '进行中（报告为当前进度）', finishedEarly: '提前结束', completed: '已完成' },
  scoreLabel: '总分',
  counts: (o) => `（作答 ${o.answered} 题，跳过 ${o.skipped} 题，追问 ${o.followUps} 次；跳过的题按 0 分计）`,
  totalTime: '总用时',
  topicsHeading: '各主题得分',
  topicsColumns: ['主题', '得分', '题数'],
  questionsHeading: '逐题回顾',
  verdict: { excellent: '优秀', good: '良好', partial: '部分答到', weak: '较弱', off_topic: '答非所问', empty: '未作答', no_reference: '笔记无参考答案' },
  outcome: { skipped: '跳过', unasked: '未作答（提前结束）', in_progress: '进行中' },
  topicsLabel: '主题',
  timeLabel: '用时',
  covered: (n) => `答到（${n}）：`,
  partial: (n) => `部分答到（${n}）：`,
  missed: (n) => `遗漏（${n}）：`,
  feedback: '点评',
  followUp: '追问',
  followUpSkipped: '跳过',
  target: { covered: '补上了追问的要点', partial: '追问的要点补上了一部分', missed: '追问的要点仍未答到' },
  timeTaken: (d) => `用时 ${d}`,
  weakHeading: '优先复习的三个要点',
  weakNone: '本次没有遗漏的要点，保持下去。',
  reason: { skipped: '整题跳过', missed: '遗漏', partial: '只答到一部分' },
  from: (heading) => `出自「${heading}」`,
  deliveryHeading: '表达习惯',
  deliveryNone: '本次没有作答，暂无表达数据。',
  deliveryColumns: ['题目', '字数', '用时', '语速（字/分）', '口头禅', '首个要点用时'],
  followUpTag: '追问',
  noFillers: '无',
  deliverySummary: (d) =>
    `平均字数 ${d.averageLength ?? '—'}；口头禅共 ${d.fillerCount} 次${d.fillers === null ? '' : `（${d.fillers}）`}；平均 ${d.firstKeyPoint} 说到第一个要点。`,
  deliveryNote: '首个要点用时按“第一个答到的要点在回答中的位置 × 作答时长”估算；口头禅中的“就是/然后/这个”也可能是正常用词，看趋势即可。',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// Wording follows the web UI's English messages (web/src/messages/en.ts), so the export reads like the screen.
const en: ReportMessages = {
  // en-GB: a 24-hour clock that says 00:00, not en-US's 24:00, and GMT offsets rather than ambiguous abbreviations.
  locale: 'en-GB',
  field: (label, value) => `${label}: ${value}`,
  gap: ' · ',
  aside: (text) => ` (${text})`,
  list: ', ',
  comma: ', ',
  duration: (m, s) => (m === 0 ? `${s} s` : `${m} min ${s} s`),
  title: 'Mock interview report',
  started: 'Started',
  finished: 'Finished',
  strategyLabel: 'Question order',
  strategy: { due: 'Due for review', weakest: 'Weakest first', random: 'Random', sequential: 'In notes order' },
  statusLabel: 'Status',
  status: { inProgress: 'In progress (the report shows progress so far)', finishedEarly: 'Ended early', completed: 'Completed' },
  scoreLabel: 'Overall score',
  counts: (o) => ` (${o.answered} answered, ${o.skipped} skipped, ${plural(o.followUps, 'follow-up')}; a skipped question counts as 0)`,
  totalTime: 'Total time',
  topicsHeading: 'Scores by topic',
  topicsColumns: ['Topic', 'Score', 'Questions'],
  questionsHeading: 'Question by question',
  verdict: { excellent: 'excellent', good: 'good', partial: 'partly there', weak: 'weak', off_topic: 'off topic', empty: 'no answer', no_reference: 'no reference answer in the notes' },
  outcome: { skipped: 'skipped', unasked: 'not asked (ended early)', in_progress: 'being answered' },
  topicsLabel: 'Topics',
  timeLabel: 'Time',
  covered: (n) => `Covered (${n}):`,
  partial: (n) => `Partly covered (${n}):`,
  missed: (n) => `Missed (${n}):`,
  feedback: 'Feedback',
  followUp: 'Follow-up',
  followUpSkipped: 'skipped',
  target: { covered: 'supplied the point asked about', partial: 'partly supplied the point asked about', missed: 'the point asked about is still missing' },
  timeTaken: (d) => `took ${d}`,
  weakHeading: 'Three points to review first',
  weakNone: 'Nothing missed this time. Keep it up.',
  reason: { skipped: 'question skipped', missed: 'missed', partial: 'partly covered' },
  from: (heading) => `from “${heading}”`,
  deliveryHeading: 'Delivery',
  deliveryNone: 'Nothing answered yet, so there are no delivery figures.',
  deliveryColumns: ['Question', 'Characters', 'Time', 'Pace (chars/min)', 'Fillers', 'Time to first key point'],
  followUpTag: 'follow-up',
  noFillers: 'none',
  deliverySummary: (d) =>
    `Average length ${d.averageLength === null ? '—' : plural(d.averageLength, 'character')}; ${plural(d.fillerCount, 'filler word')}${d.fillers === null ? '' : ` (${d.fillers})`}; ` +
    `the first key point came after ${d.firstKeyPoint} on average.`,
  deliveryNote:
    'Time to the first key point is estimated as where the first covered point starts in the answer × the time taken to answer. ' +
    'Some filler words are also ordinary words, so look at the trend rather than a single count.',
};

const MESSAGES: Record<ReportLang, ReportMessages> = { zh, en };
const COVERED_CHARS = 40;

export interface MarkdownOptions {
  /** IANA time zone for the times shown; the server's own by default. */
  timeZone?: string;
  /** Language of the report's fixed text and topic names; Chinese by default. */
  lang?: ReportLang;
}

export function renderReportMarkdown(report: SessionReport, options: MarkdownOptions = {}): string {
  const lang = options.lang ?? 'zh';
  const m = MESSAGES[lang];
  const time = (iso: string) => formatTime(iso, m.locale, options.timeZone);
  const duration = (ms: number) => formatDuration(ms, m);
  const o = report.overall;
  const status = report.status !== 'finished' ? m.status.inProgress : report.endReason === 'finished_early' ? m.status.finishedEarly : m.status.completed;
  const lines: string[] = [
    `# ${m.title}`,
    '',
    `- ${m.field(m.started, time(report.createdAt))}${report.finishedAt ? `${m.gap}${m.field(m.finished, time(report.finishedAt))}` : ''}`,
    `- ${m.field(m.strategyLabel, m.strategy[report.strategy])}${m.gap}${m.field(m.statusLabel, status)}`,
    `- ${m.field(m.scoreLabel, `**${o.score === null ? '—' : `${fmt(o.score)} / 10`}**`)}${m.counts(o)}`,
    `- ${m.field(m.totalTime, duration(o.totalTimeMs))}`,
    '',
    `## ${m.topicsHeading}`,
    '',
    `| ${m.topicsColumns.join(' | ')} |`,
    '| --- | ---: | ---: |',
    ...report.topics.map((t) => `| ${cell(t.label[lang])} | ${t.score === null ? '—' : fmt(t.score)} | ${t.questions} |`),
    '',
    `## ${m.questionsHeading}`,
    '',
  ];
  for (const q of report.questions) lines.push(...questionSection(q, report, lang, duration), '');
  lines.push(`## ${m.weakHeading}`, '');
  if (report.weakest.length === 0) lines.push(m.weakNone, '');
  else {
    report.weakest.forEach((w, i) =>
      lines.push(`${i + 1}. ${w.reason === 'skipped' ? `**${inline(w.heading)}**${m.aside(m.reason.skipped)}` : `**${point(w.point)}**${m.aside(`${m.reason[w.reason]}${m.comma}${m.from(inline(w.heading))}`)}`}`),
    );
    lines.push('');
  }
  lines.push(`## ${m.deliveryHeading}`, '');
  const answered = report.questions.filter((q) => q.metrics);
  if (answered.length === 0) lines.push(m.deliveryNone);
  else {
    lines.push(`| ${m.deliveryColumns.join(' | ')} |`, '| --- | ---: | ---: | ---: | --- | ---: |');
    for (const q of answered) lines.push(deliveryRow(q.heading, q.metrics!, m, duration));
    for (const q of answered) if (q.followUp?.metrics) lines.push(deliveryRow(`${q.heading}${m.aside(m.followUpTag)}`, q.followUp.metrics, m, duration));
    const d = report.delivery;
    const habit = Object.entries(d.fillers).sort((a, b) => b[1] - a[1]);
    lines.push(
      '',
      m.deliverySummary({
        averageLength: d.averageLength,
        fillerCount: d.fillerCount,
        fillers: habit.length > 0 ? habit.map(([w, n]) => `${w}×${n}`).join(m.list) : null,
        firstKeyPoint: d.averageTimeToFirstKeyPointMs === null ? '—' : duration(d.averageTimeToFirstKeyPointMs),
      }),
      '',
      `> ${m.deliveryNote}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function questionSection(q: QuestionReport, report: SessionReport, lang: ReportLang, duration: (ms: number) => string): string[] {
  const m = MESSAGES[lang];
  const score =
    q.outcome === 'answered' ? (q.score === null ? m.verdict[q.verdict ?? 'no_reference'] : `${fmt(q.score)} / 10${m.aside(m.verdict[q.verdict!])}`) : m.outcome[q.outcome];
  const out = [`### ${inline(q.heading)} — ${score}`, ''];
  const topics = q.topics.map((t) => report.topics.find((x) => x.id === t)?.label[lang] ?? t).join(m.list);
  out.push(`- ${m.field(m.topicsLabel, topics || '—')}${m.gap}${m.field(m.timeLabel, q.durationMs === null ? '—' : duration(q.durationMs))}`);
  if (q.outcome !== 'answered') return out;
  // Covered points are only a reminder, so they are shortened; missed ones are what to study and stay whole.
  if (q.covered.length > 0) out.push(`- ✅ ${m.covered(q.covered.length)}`, ...q.covered.map((p) => `  - ${clip(point(p), COVERED_CHARS)}`));
  if (q.partial.length > 0) out.push(`- ◐ ${m.partial(q.partial.length)}`, ...q.partial.map((p) => `  - ${point(p)}`));
  if (q.missed.length > 0) out.push(`- ❌ ${m.missed(q.missed.length)}`, ...q.missed.map((p) => `  - ${point(p)}`));
  if (q.feedback) out.push(`- ${m.field(m.feedback, inline(q.feedback))}`);
  const f = q.followUp;
  if (f) {
    const result = f.skipped ? m.followUpSkipped : `${f.score === null ? '—' : `${fmt(f.score)} / 10`}${m.comma}${m.target[f.targetStatus ?? 'missed']}`;
    out.push(`- ${m.field(m.followUp, `“${inline(f.prompt)}” → ${result}`)}${f.durationMs === null ? '' : m.aside(m.timeTaken(duration(f.durationMs)))}`);
  }
  return out;
}

function deliveryRow(name: string, metrics: DeliveryMetrics, m: ReportMessages, duration: (ms: number) => string): string {
  const fillers = Object.entries(metrics.fillers).map(([w, n]) => `${w}×${n}`).join(m.list) || m.noFillers;
  const time = (ms: number | null) => (ms === null ? '—' : duration(ms));
  return `| ${cell(name)} | ${metrics.length} | ${time(metrics.durationMs)} | ${metrics.charsPerMinute ?? '—'} | ${fillers} | ${time(metrics.timeToFirstKeyPointMs)} |`;
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

function formatDuration(ms: number, m: ReportMessages): string {
  const s = Math.round(ms / 1000);
  return m.duration(Math.floor(s / 60), s % 60);
}

function formatTime(iso: string, locale: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`.trim();
}
