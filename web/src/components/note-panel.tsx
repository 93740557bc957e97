// The side panel that shows one note section (opened from citations, feedback cards, notes and progress).

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, type QuestionDetail } from '../api.js';
import { useI18n } from '../i18n.js';
import { useAsync } from '../hooks/use-async.js';
import { useTopics } from '../hooks/use-topics.js';
import { SafeMarkdown } from './markdown.js';
import { ErrorNotice, Loading } from './status.js';
import { TopicTags } from './topic-tags.js';

export interface NoteTarget {
  questionId: string;
  /** Shown while the section loads, and if it cannot be loaded. */
  heading?: string;
  /** The lines that were cited or missed, shown above the whole section. */
  excerpt?: string;
  /** Label of the excerpt, e.g. the citation number. */
  excerptLabel?: string;
}

interface NotePanelContextValue {
  open(target: NoteTarget): void;
  close(): void;
}

const NotePanelContext = createContext<NotePanelContextValue | null>(null);

export function NotePanelProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<NoteTarget | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback((next: NoteTarget) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setTarget(next);
  }, []);
  const close = useCallback(() => {
    setTarget(null);
    // Back to where the reader was, so keyboard users do not lose their place.
    opener.current?.focus();
  }, []);
  return (
    <NotePanelContext.Provider value={{ open, close }}>
      {children}
      {target && <NotePanel target={target} onClose={close} />}
    </NotePanelContext.Provider>
  );
}

export function useNotePanel(): NotePanelContextValue {
  const value = useContext(NotePanelContext);
  if (!value) throw new Error('useNotePanel must be used inside <NotePanelProvider>');
  return value;
}

function NotePanel({ target, onClose }: { target: NoteTarget; onClose: () => void }) {
  const { t } = useI18n();
  const closeButton = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const section = useAsync<QuestionDetail>((signal) => api.question(target.questionId, signal), [target.questionId]);
  const info = useTopics().catalog.data?.questions.find((q) => q.id === target.questionId);

  useEffect(() => {
    closeButton.current?.focus();
  }, [target.questionId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
        return;
      }
      // Keep Tab inside the panel while it is open (it is modal on small screens).
      if (event.key === 'Tab' && panel.current) {
        const focusable = [...panel.current.querySelectorAll<HTMLElement>('button, [href], input, textarea, select, [tabindex]:not([tabindex="-1"])')];
        const first = focusable[0];
        const last = focusable.at(-1);
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const detail = section.data;
  const heading = detail?.heading ?? target.heading ?? t('notePanelTitle');
  return (
    <>
      <div className="panel-backdrop" onClick={onClose} aria-hidden="true" />
      <aside ref={panel} className="panel" role="dialog" aria-modal="true" aria-labelledby="note-panel-title" data-testid="note-panel">
        <div className="panel-head">
          <h2 id="note-panel-title">{heading}</h2>
          <button ref={closeButton} type="button" className="btn btn-quiet btn-small" onClick={onClose} aria-label={t('closePanel')}>
            ✕
          </button>
        </div>
        <div className="panel-body">
          {target.excerpt && (
            <div className="excerpt">
              <div className="excerpt-label">{target.excerptLabel ?? t('noteExcerpt')}</div>
              <SafeMarkdown>{target.excerpt}</SafeMarkdown>
            </div>
          )}
          {section.loading && <Loading label={t('noteLoading')} />}
          {section.error !== null && <ErrorNotice error={section.error} onRetry={section.reload} />}
          {detail && (
            <>
              <div className="panel-meta">
                <TopicTags topics={info?.topics ?? []} />
                {!detail.answer && <span className="badge badge-warn">{t('noReference')}</span>}
              </div>
              {detail.answer ? <SafeMarkdown>{detail.answer}</SafeMarkdown> : <p className="hint">{t('noReferenceHint')}</p>}
            </>
          )}
        </div>
      </aside>
    </>
  );
}
