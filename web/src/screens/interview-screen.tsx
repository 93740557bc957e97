// Interview: the setup form, a running session (/interview/<id>), or its report (/interview/<id>/report).

import { api, type SessionDetailResponse, type SessionReportResponse } from '../api.js';
import { InterviewSession } from '../components/interview-session.js';
import { InterviewSetup } from '../components/interview-setup.js';
import { SessionReportView } from '../components/session-report.js';
import { ErrorNotice, Loading } from '../components/status.js';
import { useAsync } from '../hooks/use-async.js';
import { useHealth, waitingLabel } from '../hooks/use-health.js';
import { useI18n } from '../i18n.js';
import { Link, useRouter } from '../router.js';

export function InterviewScreen({ sessionId, view }: { sessionId?: string | undefined; view?: string | undefined }) {
  const { navigate } = useRouter();
  if (!sessionId) return <InterviewSetup onStarted={(session) => navigate(`/interview/${encodeURIComponent(session.id)}`)} />;
  return <SessionLoader key={sessionId} sessionId={sessionId} showReport={view === 'report'} />;
}

function SessionLoader({ sessionId, showReport }: { sessionId: string; showReport: boolean }) {
  const { t } = useI18n();
  const { state } = useHealth();
  if (state.kind !== 'ready') return <Loading label={t(waitingLabel(state))} />;
  // Keyed so that going back from the report loads the session afresh (and the report each time it is opened).
  return showReport ? <ReportLoader key="report" sessionId={sessionId} /> : <RunningSession key="session" sessionId={sessionId} />;
}

function RunningSession({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const detail = useAsync<SessionDetailResponse>((signal) => api.session(sessionId, signal), [sessionId]);

  if (detail.loading && !detail.data) return <Loading label={t('sessionLoading')} />;
  if (detail.error !== null) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return null;
  // A session finished before anything was answered has nothing to resume: show its (empty) report.
  if (detail.data.session.status === 'finished' && detail.data.attempts.length === 0) return <ReportLoader sessionId={sessionId} />;
  return <InterviewSession initial={detail.data} onShowReport={() => navigate(`/interview/${encodeURIComponent(sessionId)}/report`)} />;
}

function ReportLoader({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const report = useAsync<SessionReportResponse>((signal) => api.report(sessionId, signal), [sessionId]);

  if (report.loading && !report.data) return <Loading label={t('sessionLoading')} />;
  if (report.error !== null) return <LoadError error={report.error} onRetry={report.reload} />;
  if (!report.data) return null;
  return <SessionReportView report={report.data} onNewInterview={() => navigate('/interview')} />;
}

function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <ErrorNotice error={error} onRetry={onRetry} />
      <Link to="/interview" className="btn">
        {t('newInterview')}
      </Link>
    </>
  );
}
