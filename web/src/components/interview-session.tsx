// A running interview as a chat: the tutor's questions, the candidate's answers, a feedback card after each answer,
// and the answer box (Ctrl/⌘+Enter submits) with its timer.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, ApiError, type AttemptView, type PromptView, type SessionDetailResponse, type SessionView } from '../api.js';
import { useTopics } from '../hooks/use-topics.js';
import { useI18n } from '../i18n.js';
import { questionTitle } from '../format.js';
import { FeedbackCard } from './feedback-card.js';
import { Highlighted } from './highlight.js';
import { Message } from './message.js';
import { useNotePanel } from './note-panel.js';
import { formatScore } from './score.js';
import { ErrorNotice, Loading } from './status.js';
import { elapsedSince, Timer } from './timer.js';
import { TopicTags } from './topic-tags.js';

const draftKey = (sessionId: string, promptId: string) => `tutor.draft.${sessionId}.${promptId}`;

function readDraft(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function writeDraft(key: string, value: string): void {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // Storage disabled: the draft is not kept across reloads.
  }
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function InterviewSession({ initial, onShowReport }: { initial: SessionDetailResponse; onShowReport: () => void }) {
  const { t } = useI18n();
  const panel = useNotePanel();
  const { catalog } = useTopics();
  const [session, setSession] = useState<SessionView>(initial.session);
  const [attempts, setAttempts] = useState<AttemptView[]>(initial.attempts);
  const current = session.current;
  const key = current ? draftKey(session.id, current.id) : '';
  const [draft, setDraft] = useState(() => (key ? readDraft(key) : ''));
  const [pending, setPending] = useState<{ answer: string } | null>(null);
  const [busy, setBusy] = useState<null | 'answer' | 'skip' | 'pause' | 'finish'>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirmFinish, setConfirmFinish] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const lastCard = useRef<HTMLDivElement>(null);
  const headingOf = (questionId: string) => catalog.data?.questions.find((q) => q.id === questionId)?.heading;

  useEffect(() => {
    setDraft(key ? readDraft(key) : '');
  }, [key]);
  useEffect(() => {
    if (key) writeDraft(key, draft);
  }, [key, draft]);
  useEffect(() => {
    input.current?.focus({ preventScroll: attempts.length > 0 });
  }, [current?.id, attempts.length]);

  const openReference = (questionId: string, excerpt?: string) =>
    panel.open({ questionId, ...(headingOf(questionId) ? { heading: headingOf(questionId)! } : {}), ...(excerpt ? { excerpt, excerptLabel: t('missedExcerpt') } : {}) });

  const reload = async () => {
    const detail = await api.session(session.id);
    setSession(detail.session);
    setAttempts(detail.attempts);
  };

  const run = async (kind: 'answer' | 'skip', action: () => Promise<{ attempt: AttemptView; session: SessionView }>) => {
    setBusy(kind);
    setError(null);
    try {
      const step = await action();
      if (key) writeDraft(key, '');
      setAttempts((all) => [...all, step.attempt]);
      setSession(step.session);
      setDraft('');
      const grade = step.attempt.grade;
      setAnnouncement(grade ? t('announceScore', { score: formatScore(grade.score) }) : t('skipped'));
      requestAnimationFrame(() => lastCard.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' }));
    } catch (reason) {
      // Another tab (or a repeated click) already moved the session on: show where it really is.
      if (reason instanceof ApiError && reason.status === 409) await reload().catch(() => setError(reason));
      else setError(reason);
    } finally {
      setPending(null);
      setBusy(null);
    }
  };

  const submit = () => {
    const answer = draft.trim();
    if (!current || !answer || busy) return;
    setPending({ answer });
    void run('answer', () => api.answer(session.id, { answer, durationMs: Math.round(elapsedSince(current.askedAt)), promptId: current.id }));
  };
  const skip = () => {
    if (!current || busy) return;
    void run('skip', () => api.skip(session.id, { promptId: current.id }));
  };
  const move = async (kind: 'pause' | 'finish', action: () => Promise<{ session: SessionView }>) => {
    setBusy(kind);
    setError(null);
    try {
      setSession((await action()).session);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(null);
      setConfirmFinish(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const followUpAfter = (attempt: AttemptView): string | null => {
    if (attempt.kind !== 'main') return null;
    const next = attempts.find((a) => a.position === attempt.position && a.kind === 'follow_up');
    if (next) return next.prompt;
    if (current?.kind === 'follow_up' && current.position === attempt.position) return current.text;
    return null;
  };

  const paused = session.status === 'paused';
  const finished = session.status === 'finished';
  const lastIndex = attempts.length - 1;
  const total = session.progress.total;

  return (
    <div className="interview-layout">
      <div>
        <div className="thread" data-testid="interview-thread">
          {attempts.map((attempt, index) => (
            <div key={attempt.id} className="thread" ref={index === lastIndex ? lastCard : undefined}>
              {/* A follow-up is asked inside the previous feedback card, so it has no bubble of its own. */}
              {attempt.kind === 'main' && (
                <QuestionBubble
                  position={attempt.position}
                  total={total}
                  text={attempt.prompt}
                  topics={catalog.data?.questions.find((q) => q.id === attempt.questionId)?.topics ?? []}
                />
              )}
              <AnswerBubble attempt={attempt} />
              {attempt.grade && (
                <FeedbackCard grade={attempt.grade} followUp={followUpAfter(attempt)} onShowReference={(excerpt) => openReference(attempt.questionId, excerpt)} />
              )}
            </div>
          ))}
          {current && current.kind === 'main' && <QuestionBubble position={current.position} total={total} text={current.text} topics={current.topics} prompt={current} />}
          {pending && (
            <>
              <Message from="you">{pending.answer}</Message>
              <Loading label={t('grading')} />
            </>
          )}
        </div>

        <div className="visually-hidden" aria-live="polite">
          {announcement}
        </div>

        {error !== null && <ErrorNotice error={error} onRetry={() => setError(null)} />}

        {finished ? (
          <div className="card" style={{ marginTop: 16 }} data-testid="interview-done">
            <div className="card-title">
              <h2>{session.endReason === 'finished_early' ? t('doneEarlyTitle') : t('doneTitle')}</h2>
            </div>
            <p>{t('doneHint', { answered: session.progress.answered, skipped: session.progress.skipped })}</p>
            <button type="button" className="btn btn-primary" onClick={onShowReport} data-testid="show-report">
              {t('showReport')}
            </button>
          </div>
        ) : paused ? (
          <div className="card" style={{ marginTop: 16 }}>
            <div className="card-title">
              <h2>{t('pausedTitle')}</h2>
            </div>
            <p>{t('pausedHint')}</p>
            <button type="button" className="btn btn-primary" onClick={() => void move('pause', () => api.resume(session.id))} disabled={busy !== null}>
              {t('resumeAction')}
            </button>
          </div>
        ) : (
          current && (
            <form
              className="composer composer-static"
              onSubmit={(e) => {
                e.preventDefault();
                submit();
              }}
            >
              <div className="composer-box">
                <label htmlFor="answer-input" className="field-label" style={{ display: 'block', padding: '2px 8px' }}>
                  {current.kind === 'follow_up' ? t('answerFollowUpLabel') : t('answerLabel', { n: current.position + 1 })}
                </label>
                <textarea
                  id="answer-input"
                  ref={input}
                  className="textarea"
                  value={draft}
                  maxLength={10_000}
                  onChange={(e) => setDraft(e.target.value)}
                  onKeyDown={onKeyDown}
                  placeholder={t('answerPlaceholder')}
                  disabled={busy !== null}
                  aria-describedby="answer-keys"
                />
                <div className="composer-bar">
                  <Timer since={current.askedAt} running={busy === null} />
                  <span id="answer-keys" className="hint">
                    {t('submitKeysHint', { keys: isMac ? '⌘ + Enter' : 'Ctrl + Enter' })}
                  </span>
                  <span className="spacer" />
                  <button type="button" className="btn btn-quiet" onClick={skip} disabled={busy !== null}>
                    {busy === 'skip' ? t('skipping') : t('skip')}
                  </button>
                  <button type="submit" className="btn btn-primary" disabled={busy !== null || draft.trim() === ''} data-testid="submit-answer">
                    {busy === 'answer' ? t('grading') : t('submitAnswer')} <span className="kbd" aria-hidden="true">{isMac ? '⌘↵' : 'Ctrl↵'}</span>
                  </button>
                </div>
              </div>
            </form>
          )
        )}
      </div>

      <aside className="session-aside card" aria-label={t('sessionAsideLabel')}>
        <div className="card-title">
          <h2>{t('sessionProgress', { done: session.progress.answered + session.progress.skipped, total })}</h2>
        </div>
        <ol className="progress-steps">
          {Array.from({ length: total }, (_, position) => {
            const main = attempts.find((a) => a.position === position && a.kind === 'main');
            const isCurrent = current?.position === position;
            const score = main?.grade?.score;
            return (
              <li key={position} className={main ? 'step-done' : isCurrent ? 'step-current' : undefined} aria-current={isCurrent ? 'step' : undefined}>
                <span className="step-dot">{position + 1}</span>
                <span className="step-label">
                  {main ? (main.skipped ? t('skipped') : `${formatScore(score)} · ${questionTitle(main.prompt)}`) : isCurrent ? t('stepCurrent') : t('stepUpcoming')}
                </span>
              </li>
            );
          })}
        </ol>
        {!finished && (
          <div className="notice-actions" style={{ marginTop: 16 }}>
            {!paused && (
              <button type="button" className="btn btn-small" onClick={() => void move('pause', () => api.pause(session.id))} disabled={busy !== null}>
                {t('pause')}
              </button>
            )}
            {confirmFinish ? (
              <>
                <button type="button" className="btn btn-small btn-danger" onClick={() => void move('finish', () => api.finish(session.id))} disabled={busy !== null}>
                  {t('finishConfirm')}
                </button>
                <button type="button" className="btn btn-small btn-quiet" onClick={() => setConfirmFinish(false)}>
                  {t('cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="btn btn-small" onClick={() => setConfirmFinish(true)} disabled={busy !== null}>
                {t('finishEarly')}
              </button>
            )}
          </div>
        )}
      </aside>
    </div>
  );
}

function QuestionBubble({ position, total, text, topics, prompt }: { position: number; total: number; text: string; topics: string[]; prompt?: PromptView }) {
  const { t } = useI18n();
  return (
    <Message from="tutor" data-testid={prompt ? 'current-question' : undefined}>
      <div className="bubble-meta">
        <span>{t('questionOf', { n: position + 1, total })}</span>
        <TopicTags topics={topics} />
        {prompt && !prompt.hasReference && <span className="badge badge-warn">{t('noReference')}</span>}
      </div>
      <h2 className="question-text">{questionTitle(text)}</h2>
    </Message>
  );
}

function AnswerBubble({ attempt }: { attempt: AttemptView }) {
  const { t } = useI18n();
  // The candidate's words that matched a key point, marked where they said them.
  const evidence = attempt.grade?.keyPoints.flatMap((p) => (p.status !== 'missed' && p.evidence ? [p.evidence] : [])) ?? [];
  return (
    <Message from="you">
      {attempt.kind === 'follow_up' && <div className="bubble-meta">{t('followUpAnswer')}</div>}
      {attempt.skipped ? <em>{t('skipped')}</em> : <Highlighted text={attempt.answer ?? ''} phrases={evidence} />}
    </Message>
  );
}
