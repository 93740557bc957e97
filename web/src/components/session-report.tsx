// The report of one session: overall score, per-topic scores (chart and table), each question, Markdown export.

import { lazy, Suspense, useState } from 'react';
import { api, type AttemptView, type QuestionsResponse, type SessionDetailResponse } from '../api.js';
import { useTopics } from '../hooks/use-topics.js';
import { useI18n } from '../i18n.js';
import { dateTime, duration, questionTitle } from '../format.js';
import { Icon } from './icon.js';
import { useNotePanel } from './note-panel.js';
import { formatScore, ScoreBar, scoreTone } from './score.js';
import { ErrorNotice } from './status.js';
import type { TopicScoreChartProps } from './topic-score-chart.js';
import { TopicTags } from './topic-tags.js';

export interface QuestionRow {
  position: number;
  questionId: string;
  heading: string;
  topics: string[];
  hasReference: boolean;
  main: AttemptView | null;
  followUp: AttemptView | null;
}

export interface ReportModel {
  /** Mean over asked questions that have a reference answer, skipped ones counting 0 (as the server's report). */
  score: number | null;
  answered: number;
  skipped: number;
  totalMs: number;
  topics: { id: string; score: number | null; questions: number }[];
  questions: QuestionRow[];
}

const mean = (values: number[]) => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10);

/** The value a question adds to an average: skipped counts 0 when it could have been scored; unscorable is left out. */
function averageValue(row: QuestionRow): number | null {
  if (!row.main) return null;
  if (row.main.skipped) return row.hasReference ? 0 : null;
  return row.main.grade?.score ?? null;
}

export function buildReportModel(detail: SessionDetailResponse, questions: QuestionsResponse['questions']): ReportModel {
  const info = new Map(questions.map((q) => [q.id, q]));
  const positions = [...new Set(detail.attempts.map((a) => a.position))].sort((a, b) => a - b);
  const rows: QuestionRow[] = positions.map((position) => {
    const main = detail.attempts.find((a) => a.position === position && a.kind === 'main') ?? null;
    const followUp = detail.attempts.find((a) => a.position === position && a.kind === 'follow_up') ?? null;
    const questionId = (main ?? followUp)!.questionId;
    const q = info.get(questionId);
    return {
      position,
      questionId,
      heading: q?.heading ?? main?.prompt ?? questionId,
      topics: q?.topics ?? [],
      hasReference: q?.hasReference ?? main?.grade?.score !== null,
      main,
      followUp,
    };
  });
  const topicIds = [...new Set(rows.flatMap((r) => r.topics))];
  return {
    score: mean(rows.map(averageValue).filter((v): v is number => v !== null)),
    answered: rows.filter((r) => r.main && !r.main.skipped).length,
    skipped: rows.filter((r) => r.main?.skipped).length,
    totalMs: detail.attempts.reduce((sum, a) => sum + (a.durationMs ?? 0), 0),
    topics: topicIds.map((id) => {
      const mine = rows.filter((r) => r.topics.includes(id));
      return { id, score: mean(mine.map(averageValue).filter((v): v is number => v !== null)), questions: mine.length };
    }),
    questions: rows,
  };
}

// The chart library is most of the bundle: load it only when a chart is on screen.
const LazyChart = lazy(() => import('./topic-score-chart.js'));

export function TopicScoreChart(props: TopicScoreChartProps) {
  return (
    <Suspense fallback={<div className="chart-box" style={{ height: Math.max(160, props.data.length * 44 + 40) }} />}>
      <LazyChart {...props} />
    </Suspense>
  );
}

export const STRATEGY_KEY = { due: 'strategyDue', weakest: 'strategyWeakest', random: 'strategyRandom', sequential: 'strategySequential' } as const;

export function SessionReportView({ detail, onNewInterview }: { detail: SessionDetailResponse; onNewInterview?: () => void }) {
  const { t, lang } = useI18n();
  const { catalog, label } = useTopics();
  const panel = useNotePanel();
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const model = buildReportModel(detail, catalog.data?.questions ?? []);
  const { session } = detail;

  const exportMarkdown = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const markdown = await api.reportMarkdown(session.id);
      const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `interview-report-${session.createdAt.slice(0, 10)}-${session.id.slice(0, 8)}.md`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section aria-labelledby="report-title" data-testid="session-report">
      <div className="page-head">
        <div>
          <h1 id="report-title">{t('reportTitle')}</h1>
          <p>
            {dateTime(session.createdAt, lang)} · {t(STRATEGY_KEY[session.strategy])}
            {session.status !== 'finished' && ` · ${t('reportInProgress')}`}
            {session.endReason === 'finished_early' && ` · ${t('reportEndedEarly')}`}
          </p>
        </div>
        <div className="notice-actions">
          <button type="button" className="btn" onClick={() => void exportMarkdown()} disabled={exporting} data-testid="export-markdown">
            {exporting ? t('exporting') : t('exportMarkdown')}
          </button>
          {onNewInterview && (
            <button type="button" className="btn btn-primary" onClick={onNewInterview}>
              {t('newInterview')}
            </button>
          )}
        </div>
      </div>
      {exportError !== null && <ErrorNotice error={exportError} onRetry={() => void exportMarkdown()} />}

      <div className="card">
        <div className="report-summary">
          <div className="stat">
            <div className="stat-label">{t('reportOverall')}</div>
            <div className={`stat-value tone-${scoreTone(model.score)}`} data-testid="report-score">
              {formatScore(model.score)}
              <small style={{ fontSize: '0.9rem', color: 'var(--muted)' }}> / 10</small>
            </div>
          </div>
          <div className="stat">
            <div className="stat-label">{t('reportAnswered')}</div>
            <div className="stat-value">{model.answered}</div>
          </div>
          <div className="stat">
            <div className="stat-label">{t('reportSkipped')}</div>
            <div className="stat-value">{model.skipped}</div>
          </div>
          <div className="stat">
            <div className="stat-label">{t('reportTime')}</div>
            <div className="stat-value" style={{ fontSize: '1.2rem' }}>
              {duration(model.totalMs, lang)}
            </div>
          </div>
        </div>
        <p className="hint">{t('reportScoreHint')}</p>
      </div>

      <div className="card">
        <div className="card-title">
          <h2>{t('reportTopics')}</h2>
        </div>
        {model.topics.length === 0 ? (
          <p className="hint">{t('reportNoTopics')}</p>
        ) : (
          <>
            <TopicScoreChart data={model.topics.map((tp) => ({ name: label(tp.id, lang), score: tp.score }))} lang={lang} valueLabel={t('scoreLabel')} />
            <div className="table-wrap">
              <table className="data" data-testid="report-topics">
                <thead>
                  <tr>
                    <th>{t('topicColumn')}</th>
                    <th className="num">{t('scoreColumn')}</th>
                    <th className="num">{t('questionsColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {model.topics.map((tp) => (
                    <tr key={tp.id}>
                      <td>{label(tp.id, lang)}</td>
                      <td className="num">{formatScore(tp.score)}</td>
                      <td className="num">{tp.questions}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>

      <div className="card">
        <div className="card-title">
          <h2>{t('reportQuestions')}</h2>
        </div>
        {model.questions.length === 0 && <p className="hint">{t('reportNoAnswers')}</p>}
        {model.questions.map((row) => (
          <ReportQuestion key={row.position} row={row} onOpen={() => panel.open({ questionId: row.questionId, heading: row.heading })} />
        ))}
      </div>
    </section>
  );
}

function ReportQuestion({ row, onOpen }: { row: QuestionRow; onOpen: () => void }) {
  const { t, lang } = useI18n();
  const grade = row.main?.grade ?? null;
  const missed = grade?.keyPoints.filter((p) => p.status === 'missed') ?? [];
  const covered = grade?.keyPoints.filter((p) => p.status !== 'missed') ?? [];
  return (
    <div className="report-item">
      <div className="card-title" style={{ marginBottom: 6 }}>
        <h3>
          {row.position + 1}. {questionTitle(row.heading)}
        </h3>
        <span className={`tone-${scoreTone(grade?.score)}`} style={{ fontWeight: 700 }}>
          {row.main?.skipped ? t('skipped') : `${formatScore(grade?.score)} / 10`}
        </span>
      </div>
      <ScoreBar score={row.main?.skipped ? 0 : (grade?.score ?? null)} label={t('scoreOutOf', { score: formatScore(grade?.score) })} />
      <div className="question-tags" style={{ margin: '8px 0' }}>
        <TopicTags topics={row.topics} />
        {row.main?.durationMs != null && <span className="badge">
            <Icon name="clock" size={12} /> {duration(row.main.durationMs, lang)}
          </span>}
        {grade && <span className="badge badge-good">{t('reportCovered', { n: covered.length, total: grade.keyPoints.length })}</span>}
      </div>
      {grade?.feedback && <p>{grade.feedback}</p>}
      {missed.length > 0 && (
        <details>
          <summary>{t('reportMissed', { n: missed.length })}</summary>
          <ul>
            {missed.map((p, i) => (
              <li key={i}>{p.text}</li>
            ))}
          </ul>
        </details>
      )}
      {row.main?.answer && (
        <details>
          <summary>{t('reportYourAnswer')}</summary>
          <p className="answer-highlight">{row.main.answer}</p>
        </details>
      )}
      {row.followUp && (
        <details>
          <summary>
            {t('reportFollowUp')}: {row.followUp.prompt}
          </summary>
          <p className="answer-highlight">{row.followUp.skipped ? t('skipped') : row.followUp.answer}</p>
          {row.followUp.grade && <p className="hint">{t('scoreOutOf', { score: formatScore(row.followUp.grade.score) })}</p>}
        </details>
      )}
      <button type="button" className="btn btn-quiet btn-small" onClick={onOpen}>
        {t('showReference')}
      </button>
    </div>
  );
}
