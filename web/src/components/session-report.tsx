// The report of one session as the server computes it (GET /api/sessions/:id/report): overall and per-topic scores,
// the points most worth reviewing, each question, and the Markdown export.

import { lazy, Suspense, useState } from 'react';
import { api, type QuestionReportDto, type SessionReportResponse, type WeakPointDto } from '../api.js';
import { useI18n, type MessageKey } from '../i18n.js';
import { dateTime, duration, plainText, questionTitle } from '../format.js';
import { Icon } from './icon.js';
import { useNotePanel } from './note-panel.js';
import { formatScore, ScoreBar, scoreTone } from './score.js';
import { Stat } from './stat.js';
import { ErrorNotice } from './status.js';
import type { TopicScoreChartProps } from './topic-score-chart.js';

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

const REASON_KEY: Record<WeakPointDto['reason'], MessageKey> = { skipped: 'reasonSkipped', missed: 'reasonMissed', partial: 'reasonPartial' };
const POINT_KEY = { covered: 'pointCovered', partial: 'pointPartial', missed: 'pointMissed' } as const;

type TopicLabel = SessionReportResponse['topics'][number]['label'];

export function SessionReportView({ report, onNewInterview }: { report: SessionReportResponse; onNewInterview?: () => void }) {
  const { t, lang } = useI18n();
  const panel = useNotePanel();
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const { overall } = report;
  const labels = new Map(report.topics.map((tp) => [tp.id, tp.label]));
  const headingOf = (questionId: string) => report.questions.find((q) => q.questionId === questionId)?.heading;

  const exportMarkdown = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const markdown = await api.reportMarkdown(report.sessionId, lang);
      const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `interview-report-${report.createdAt.slice(0, 10)}-${report.sessionId.slice(0, 8)}.md`;
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

  const openWeakPoint = (w: WeakPointDto) =>
    panel.open({
      questionId: w.questionId,
      heading: headingOf(w.questionId) ?? w.heading,
      ...(w.reason === 'skipped' ? {} : { excerpt: w.point, excerptLabel: t('missedExcerpt') }),
    });

  return (
    <section aria-labelledby="report-title" data-testid="session-report">
      <div className="page-head">
        <div>
          <h1 id="report-title">{t('reportTitle')}</h1>
          <p>
            {dateTime(report.createdAt, lang)} · {t(STRATEGY_KEY[report.strategy])}
            {report.status !== 'finished' && ` · ${t('reportInProgress')}`}
            {report.endReason === 'finished_early' && ` · ${t('reportEndedEarly')}`}
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
          <Stat label={t('reportOverall')} className={`tone-${scoreTone(overall.score)}`} data-testid="report-score">
            {formatScore(overall.score)}
            <small style={{ fontSize: '0.9rem', color: 'var(--muted)' }}> / 10</small>
          </Stat>
          <Stat label={t('reportAnswered')}>{overall.answered}</Stat>
          <Stat label={t('reportSkipped')}>{overall.skipped}</Stat>
          <Stat label={t('reportTime')} style={{ fontSize: '1.2rem' }}>
            {duration(overall.totalTimeMs, lang)}
          </Stat>
        </div>
        <p className="hint">{t('reportScoreHint')}</p>
      </div>

      {overall.asked > 0 && (
        <div className="card" data-testid="report-weakest">
          <div className="card-title">
            <h2>{t('reportWeakest')}</h2>
          </div>
          {report.weakest.length === 0 ? (
            <p className="hint">{t('reportNoWeak')}</p>
          ) : (
            <>
              <ol className="weak-list">
                {report.weakest.map((w, i) => (
                  <li key={i} className="weak-item">
                    <div className="weak-point">{w.reason === 'skipped' ? questionTitle(w.heading) : plainText(w.point)}</div>
                    <div className="weak-meta">
                      <span className={`badge ${w.reason === 'partial' ? 'badge-warn' : 'badge-bad'}`}>{t(REASON_KEY[w.reason])}</span>
                      {w.reason !== 'skipped' && <span className="hint">{t('reportFrom', { heading: questionTitle(w.heading) })}</span>}
                      <button type="button" className="link-button" onClick={() => openWeakPoint(w)}>
                        {t('openSource')}
                      </button>
                    </div>
                  </li>
                ))}
              </ol>
              <p className="hint">{t('reportWeakestHint')}</p>
            </>
          )}
        </div>
      )}

      <div className="card">
        <div className="card-title">
          <h2>{t('reportTopics')}</h2>
        </div>
        {report.topics.length === 0 ? (
          <p className="hint">{t('reportNoTopics')}</p>
        ) : (
          <>
            <TopicScoreChart data={report.topics.map((tp) => ({ name: tp.label[lang], score: tp.score }))} lang={lang} valueLabel={t('scoreLabel')} />
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
                  {report.topics.map((tp) => (
                    <tr key={tp.id}>
                      <td>{tp.label[lang]}</td>
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

      <div className="card" data-testid="report-questions">
        <div className="card-title">
          <h2>{t('reportQuestions')}</h2>
        </div>
        {overall.asked === 0 && !report.questions.some((q) => q.outcome === 'in_progress') ? (
          <p className="hint">{t('reportNoAnswers')}</p>
        ) : (
          report.questions.map((q) => <ReportQuestion key={q.position} question={q} labels={labels} onOpen={() => panel.open({ questionId: q.questionId, heading: q.heading })} />)
        )}
      </div>
    </section>
  );
}

function ReportQuestion({ question: q, labels, onOpen }: { question: QuestionReportDto; labels: ReadonlyMap<string, TopicLabel>; onOpen: () => void }) {
  const { t, lang } = useI18n();
  const asked = q.outcome === 'answered' || q.outcome === 'skipped';
  // A skipped question with a reference answer counts 0 in the averages, so its bar shows 0 too.
  const barScore = q.outcome === 'skipped' ? (q.hasReference ? 0 : null) : q.score;
  const points = q.covered.length + q.partial.length + q.missed.length;
  const result =
    q.outcome === 'answered'
      ? q.score === null
        ? t('verdictNoReference')
        : `${formatScore(q.score)} / 10`
      : t(q.outcome === 'skipped' ? 'skipped' : q.outcome === 'unasked' ? 'reportUnasked' : 'reportCurrent');
  const f = q.followUp;
  const followUpFacts =
    f && !f.skipped
      ? [
          f.score !== null ? t('scoreOutOf', { score: formatScore(f.score) }) : null,
          f.targetStatus ? t('reportFollowUpTarget', { status: t(POINT_KEY[f.targetStatus]) }) : null,
          f.durationMs !== null ? duration(f.durationMs, lang) : null,
        ].filter((x): x is string => x !== null)
      : [];
  return (
    <div className="report-item" data-testid="report-question" data-outcome={q.outcome}>
      <div className="card-title" style={{ marginBottom: 6 }}>
        <h3>
          {q.position + 1}. {questionTitle(q.heading)}
        </h3>
        <span className={asked ? `tone-${scoreTone(barScore)}` : 'tone-none'} style={{ fontWeight: 700 }} data-testid="report-question-score">
          {result}
        </span>
      </div>
      {asked && <ScoreBar score={barScore} label={t('scoreOutOf', { score: formatScore(barScore) })} />}
      <div className="question-tags" style={{ margin: '8px 0' }}>
        {q.topics.map((id) => (
          <span key={id} className="badge badge-accent">
            {labels.get(id)?.[lang] ?? id}
          </span>
        ))}
        {q.durationMs !== null && (
          <span className="badge">
            <Icon name="clock" size={12} /> {duration(q.durationMs, lang)}
          </span>
        )}
        {q.outcome === 'answered' && points > 0 && (
          <span className={`badge${q.covered.length > 0 ? ' badge-good' : ''}`}>{t('reportCovered', { n: q.covered.length, total: points })}</span>
        )}
        {q.partial.length > 0 && <span className="badge badge-warn">{t('reportPartialBadge', { n: q.partial.length })}</span>}
      </div>
      {q.feedback && <p>{q.feedback}</p>}
      <PointList summary={t('reportMissed', { n: q.missed.length })} points={q.missed} />
      <PointList summary={t('reportPartial', { n: q.partial.length })} points={q.partial} />
      {q.answer && (
        <details>
          <summary>{t('reportYourAnswer')}</summary>
          <p className="answer-highlight">{q.answer}</p>
        </details>
      )}
      {q.followUp && (
        <details>
          <summary>
            {t('reportFollowUp')}: {q.followUp.prompt}
          </summary>
          <p className="answer-highlight">{q.followUp.skipped ? t('skipped') : q.followUp.answer}</p>
          {followUpFacts.length > 0 && <p className="hint">{followUpFacts.join(' · ')}</p>}
        </details>
      )}
      <button type="button" className="btn btn-quiet btn-small" onClick={onOpen}>
        {t('showReference')}
      </button>
    </div>
  );
}

/** Key points folded under a summary line; nothing at all when there are none. */
function PointList({ summary, points }: { summary: string; points: readonly string[] }) {
  if (points.length === 0) return null;
  return (
    <details>
      <summary>{summary}</summary>
      <ul>
        {points.map((p, i) => (
          <li key={i}>{plainText(p)}</li>
        ))}
      </ul>
    </details>
  );
}
