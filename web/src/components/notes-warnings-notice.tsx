// The strip under the header that tells web users what in their notes was skipped when the index was prepared
// (GET /api/health `warnings`), so that questions missing from the bank are not a mystery. Dismissed until they change.

import { useState } from 'react';
import type { HealthResponse } from '../api.js';
import { useI18n } from '../i18n.js';
import { Notice } from './status.js';

const STORAGE_KEY = 'tutor.dismissedNotesWarnings';

/** One set of warnings: a dismissed notice comes back once the notes' problems are different. */
function signature(warnings: string[], total: number): string {
  return [String(total), ...warnings].join('\n');
}

function storedDismissal(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function NotesWarningsNotice({ health }: { health: HealthResponse }) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState(storedDismissal);
  const warnings = health.warnings ?? [];
  const total = Math.max(health.warningsTotal ?? 0, warnings.length);
  const current = signature(warnings, total);
  if (total === 0 || dismissed === current) return null;

  const dismiss = () => {
    setDismissed(current);
    try {
      localStorage.setItem(STORAGE_KEY, current);
    } catch {
      // Private mode or storage disabled: dismissed for this page only.
    }
  };
  return (
    <div className="banner" data-testid="notes-warnings" data-state="warnings">
      <Notice
        tone="warn"
        title={total === 1 ? t('notesWarningsTitleOne') : t('notesWarningsTitle', { n: total })}
        actions={
          <button type="button" className="btn btn-small" onClick={dismiss}>
            {t('notesWarningsDismiss')}
          </button>
        }
      >
        <p>{t('notesWarningsHint')}</p>
        <details className="notes-warnings">
          <summary>{t('notesWarningsDetails')}</summary>
          <ul>
            {warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
          {total > warnings.length && <p className="hint">{t('notesWarningsMore', { n: total - warnings.length })}</p>}
        </details>
      </Notice>
    </div>
  );
}
