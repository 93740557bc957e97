// Loading, empty and error states shared by every screen, so a person always knows what is happening and what to do.

import type { ReactNode } from 'react';
import { ApiError } from '../api.js';
import { useHealth } from '../hooks/use-health.js';
import { useI18n, type MessageKey } from '../i18n.js';
import { Icon, type IconName } from './icon.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

export function Notice({
  tone,
  title,
  children,
  actions,
  live,
}: {
  tone: 'info' | 'warn' | 'error';
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  live?: boolean;
}) {
  const icon: IconName = tone === 'error' ? 'error' : tone === 'warn' ? 'wait' : 'info';
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : live ? 'status' : undefined}>
      <span className="notice-icon">
        <Icon name={icon} size={18} />
      </span>
      <div className="notice-body">
        {title && <p className="notice-title">{title}</p>}
        {children}
        {actions && <div className="notice-actions">{actions}</div>}
      </div>
    </div>
  );
}

/** What went wrong and what to do about it, for any failed request. */
export function describeError(error: unknown): { title: MessageKey; hint: MessageKey; detail?: string } {
  if (error instanceof ApiError) {
    if (error.offline) return { title: 'errOfflineTitle', hint: 'errOfflineHint' };
    if (error.code === 'not_ready:index' || error.status === 503) return { title: 'errNotReadyTitle', hint: 'errNotReadyHint', detail: error.message };
    if (error.status === 401) return { title: 'errUnauthorizedTitle', hint: 'errUnauthorizedHint' };
    if (error.status === 404) return { title: 'errNotFoundTitle', hint: 'errNotFoundHint', detail: error.message };
    if (error.status === 502 || error.code.startsWith('upstream')) return { title: 'errLlmTitle', hint: 'errLlmHint', detail: error.message };
    if (error.status >= 400 && error.status < 500) return { title: 'errRequestTitle', hint: 'errRequestHint', detail: error.message };
    return { title: 'errServerTitle', hint: 'errServerHint', detail: error.message };
  }
  return { title: 'errServerTitle', hint: 'errServerHint', detail: (error as Error)?.message };
}

/** An error notice with one button that tries again (labelled "Retry" unless `retryLabel` says otherwise); no button without `onRetry`. */
export function RetryNotice({ title, onRetry, retryLabel, children }: { title: ReactNode; onRetry?: () => void; retryLabel?: ReactNode; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Notice
      tone="error"
      title={title}
      actions={
        onRetry && (
          <button type="button" className="btn btn-small" onClick={onRetry}>
            {retryLabel ?? t('retry')}
          </button>
        )
      }
    >
      {children}
    </Notice>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const { refresh } = useHealth();
  const { title, hint, detail } = describeError(error);
  // A failed request may mean the server went away: re-check health too, so the banner is up to date.
  const retry = () => {
    refresh();
    onRetry?.();
  };
  return (
    <RetryNotice title={t(title)} onRetry={onRetry && retry}>
      <p>{t(hint)}</p>
      {detail && <p className="hint">{detail}</p>}
    </RetryNotice>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
