// Progress: per-topic mastery chart, what is due for review today, and the history of sessions (each opens its report).

import { useState } from 'react';
import { api, type SessionReportResponse } from '../api.js';
import { NoteLinkList } from '../components/note-link-list.js';
import { formatScore, scoreTone } from '../components/score.js';
import { SessionReportView, STRATEGY_KEY, TopicScoreChart } from '../components/session-report.js';
import { Stat } from '../components/stat.js';
import { Empty, ErrorNotice, Loading } from '../components/status.js';
import { TopicTags } from '../components/topic-tags.js';
import { dateTime, questionTitle } from '../format.js';
import { useAsync } from '../hooks/use-async.js';
import { useHealth, waitingLabel } from '../hooks/use-health.js';
import { useI18n } from '../i18n.js';
import { Link, useRouter } from '../router.js';

export function ProgressScreen({ sessionId }: { sessionId?: string | undefined }) {
  if (sessionId) return <ReportPage key={sessionId} sessionId={sessionId} />;
  return <Overview />;
}

function ReportPage({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const { state } = useHealth();
  const ready = state.kind === 'ready';
  const report = useAsync<SessionReportResponse | null>((signal) => (ready ? api.report(sessionId, signal) : Promise.resolve(null)), [sessionId, ready]);
  return (
    <>
      <p>
        <Link to="/progress">← {t('backToProgress')}</Link>
      </p>
      {(!ready || report.loading) && <Loading label={ready ? t('sessionLoading') : t(waitingLabel(state))} />}
      {report.error !== null && <ErrorNotice error={report.error} onRetry={report.reload} />}
      {report.data && (
        <>
          {report.data.status !== 'finished' && (
            <p>
              <Link className="btn btn-primary" to={`/interview/${encodeURIComponent(sessionId)}`}>
                {t('resumeAction')}
              </Link>
            </p>
          )}
          <SessionReportView report={report.data} />
        </>
      )}
    </>
  );
}

function Overview() {
  const { t, lang } = useI18n();
  const { state } = useHealth();
  const { navigate } = useRouter();
  const ready = state.kind === 'ready';
  const progress = useAsync((signal) => (ready ? api.progress(signal) : Promise.resolve(null)), [ready]);
  const due = useAsync((signal) => (ready ? api.due(signal) : Promise.resolve(null)), [ready]);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);

  const startReview = async (count: number) => {
    setStarting(true);
    setStartError(null);
    try {
      const { session } = await api.startSession({ strategy: 'due', count: Math.max(1, Math.min(10, count)) });
      navigate(`/interview/${encodeURIComponent(session.id)}`);
    } catch (error) {
      setStartError(error);
      setStarting(false);
    }
  };

  const data = progress.data;
  const practised = data?.topics.filter((tp) => tp.mastery !== null) ?? [];
  return (
    <section aria-labelledby="progress-title">
      <div className="page-head">
        <div>
          <h1 id="progress-title">{t('progressTitle')}</h1>
          <p>{t('progressIntro')}</p>
        </div>
      </div>
      {(!ready || progress.loading) && !data && <Loading label={ready ? t('loading') : t(waitingLabel(state))} />}
      {progress.error !== null && <ErrorNotice error={progress.error} onRetry={progress.reload} />}

      {data && (
        <>
          <div className="card">
            <div className="report-summary" data-testid="progress-totals">
              <Stat label={t('totalSessions')}>{data.totals.sessions}</Stat>
              <Stat label={t('totalAnswers')}>{data.totals.answers}</Stat>
              <Stat label={t('totalAttempted')}>{data.totals.questionsAttempted}</Stat>
              <Stat label={t('streak')}>{t('streakDays', { n: data.streak.current })}</Stat>
            </div>
            <p className="hint">{data.streak.practisedToday ? t('practisedToday') : t('notPractisedToday')}</p>
          </div>

          <div className="progress-grid" style={{ marginTop: 16 }}>
            <div className="card">
              <div className="card-title">
                <h2>{t('masteryTitle')}</h2>
                <span className="hint">{t('masteryHint')}</span>
              </div>
              {practised.length === 0 ? (
                <Empty>
                  <p>{t('masteryEmpty')}</p>
                  <Link to="/interview" className="btn btn-primary">
                    {t('startFirst')}
                  </Link>
                </Empty>
              ) : (
                <TopicScoreChart data={practised.map((tp) => ({ name: tp.label[lang], score: tp.mastery }))} lang={lang} valueLabel={t('masteryLabel')} />
              )}
              <div className="table-wrap">
                <table className="data" data-testid="mastery-table">
                  <thead>
                    <tr>
                      <th>{t('topicColumn')}</th>
                      <th className="num">{t('masteryLabel')}</th>
                      <th className="num">{t('attemptedColumn')}</th>
                      <th className="num">{t('dueColumn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.topics.map((tp) => (
                      <tr key={tp.id}>
                        <td>{tp.label[lang]}</td>
                        <td className={`num tone-${scoreTone(tp.mastery)}`}>{tp.mastery === null ? t('notPractised') : formatScore(tp.mastery)}</td>
                        <td className="num">
                          {tp.attempted} / {tp.questions}
                        </td>
                        <td className="num">{tp.due}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>

            <div>
              <div className="card" data-testid="due-today">
                <div className="card-title">
                  <h2>{t('dueTitle')}</h2>
                  {due.data && due.data.due.length > 0 && (
                    <button type="button" className="btn btn-small btn-primary" onClick={() => void startReview(due.data!.due.length)} disabled={starting}>
                      {t('reviewNow', { n: Math.min(10, due.data.due.length) })}
                    </button>
                  )}
                </div>
                {startError !== null && <ErrorNotice error={startError} />}
                {due.loading && !due.data && <Loading />}
                {due.error !== null && <ErrorNotice error={due.error} onRetry={due.reload} />}
                {due.data && due.data.due.length === 0 && (
                  <p className="hint">{due.data.nextDue ? t('nothingDueNext', { when: dateTime(due.data.nextDue, lang) }) : t('nothingDue')}</p>
                )}
                {due.data && due.data.due.length > 0 && (
                  <NoteLinkList items={due.data.due} target={(item) => ({ questionId: item.questionId, heading: item.heading })} className="due-list" itemClassName="due-item">
                    {(item) => (
                      <span className="due-main">
                        <span className="due-title">{questionTitle(item.heading)}</span>
                        <span className="question-tags">
                          <TopicTags topics={item.topics} />
                          {item.lapses > 0 && <span className="badge badge-bad">{t('lapses', { n: item.lapses })}</span>}
                        </span>
                      </span>
                    )}
                  </NoteLinkList>
                )}
              </div>

              <div className="card" style={{ marginTop: 16 }} data-testid="session-history">
                <div className="card-title">
                  <h2>{t('historyTitle')}</h2>
                </div>
                {data.sessions.length === 0 ? (
                  <p className="hint">{t('historyEmpty')}</p>
                ) : (
                  <ul className="session-list">
                    {data.sessions.map((s) => (
                      <li key={s.id}>
                        <Link to={`/progress/${encodeURIComponent(s.id)}`} className="session-link">
                          <span className="session-main">
                            <span className="session-title">{dateTime(s.createdAt, lang)}</span>
                            <span className="session-sub">
                              {' · '}
                              {t(STRATEGY_KEY[s.strategy])} · {t('historyCounts', { answered: s.answered, total: s.questions })}
                              {s.status !== 'finished' && ` · ${t('reportInProgress')}`}
                            </span>
                          </span>
                          <strong className={`tone-${scoreTone(s.score)}`}>{formatScore(s.score)}</strong>
                          <span className="chevron" aria-hidden="true">
                            ›
                          </span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
