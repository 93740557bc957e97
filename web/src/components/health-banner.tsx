// The strip under the header that says when the tutor cannot work yet (index building, index broken, server down)
// and, once it can, what in the notes was skipped.

import { useState, type FormEvent } from 'react';
import { accessToken } from '../api.js';
import { useHealth } from '../hooks/use-health.js';
import { useI18n } from '../i18n.js';
import { LabelledInput } from './labelled-input.js';
import { NotesWarningsNotice } from './notes-warnings-notice.js';
import { Notice, RetryNotice } from './status.js';

export function HealthBanner() {
  const { t } = useI18n();
  const { state, refresh } = useHealth();
  const [token, setToken] = useState('');

  if (state.kind === 'ready') return <NotesWarningsNotice health={state.health} />;
  const saveToken = (event: FormEvent) => {
    event.preventDefault();
    accessToken.set(token.trim() || null);
    refresh();
  };
  return (
    <div className="banner" data-testid="health-banner" data-state={state.kind}>
      {state.kind === 'checking' && <Notice tone="info" live title={t('healthChecking')} />}
      {state.kind === 'indexing' && (
        <Notice tone="warn" live title={t('healthIndexingTitle')}>
          <p>{t('healthIndexingHint')}</p>
          {state.health.message && <p className="hint">{state.health.message}</p>}
        </Notice>
      )}
      {state.kind === 'error' && (
        <RetryNotice title={t('healthErrorTitle')} onRetry={refresh}>
          <p>
            {t('healthErrorHint')} <code>npm run ingest</code>
          </p>
          {state.health.message && <p className="hint">{state.health.message}</p>}
        </RetryNotice>
      )}
      {state.kind === 'down' && (
        <RetryNotice title={t('healthDownTitle')} onRetry={refresh} retryLabel={t('retryNow')}>
          <p>
            {t('healthDownHint')} <code>npm start</code>
          </p>
        </RetryNotice>
      )}
      {state.kind === 'unauthorized' && (
        <Notice tone="warn" title={t('healthTokenTitle')}>
          <p>{t('healthTokenHint')}</p>
          <form className="search-row" onSubmit={saveToken}>
            <LabelledInput id="token-input" label={t('healthTokenLabel')} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder="TUTOR_TOKEN" />
            <button type="submit" className="btn btn-primary">
              {t('healthTokenSave')}
            </button>
          </form>
        </Notice>
      )}
    </div>
  );
}
