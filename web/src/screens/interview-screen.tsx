// Interview: the setup form, a running session (/interview/<id>), or its report (/interview/<id>/report).

import { api, type SessionDetailResponse } from '../api.js';
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
  const { navigate } = useRouter();
  const { state } = useHealth();
  const ready = state.kind === 'ready';
  const detail = useAsync<SessionDetailResponse | null>((signal) => (ready ? api.session(sessionId, signal) : Promise.resolve(null)), [sessionId, ready, showReport]);
  const reportPath = `/interview/${encodeURIComponent(sessionId)}/report`;

  if (!ready || (detail.loading && !detail.data)) return <Loading label={ready ? t('sessionLoading') : t(waitingLabel(state))} />;
  if (detail.error !== null) {
    return (
      <>
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
        <Link to="/interview" className="btn">
          {t('newInterview')}
        </Link>
      </>
    );
  }
  if (!detail.data) return null;
  if (showReport || (detail.data.session.status === 'finished' && detail.data.attempts.length === 0)) {
    return <SessionReportView detail={detail.data} onNewInterview={() => navigate('/interview')} />;
  }
  return <InterviewSession initial={detail.data} onShowReport={() => navigate(reportPath)} />;
}
