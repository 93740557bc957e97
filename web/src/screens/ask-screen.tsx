// Ask: free-form questions in a chat thread, answered from the notes with citation chips that open the cited section.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, type AskRequest, type AskResponse } from '../api.js';
import { SafeMarkdown } from '../components/markdown.js';
import { Message } from '../components/message.js';
import { NoteLinkList } from '../components/note-link-list.js';
import { useNotePanel } from '../components/note-panel.js';
import { describeError, Loading, Notice, RetryNotice } from '../components/status.js';
import { useHealth } from '../hooks/use-health.js';
import { useI18n } from '../i18n.js';

type AskResult = AskResponse;
type AskTurn = NonNullable<AskRequest['history']>[number];
type Citation = AskResponse['citations'][number];
type Suggestion = AskResponse['suggestions'][number];
type TurnStatus = 'thinking' | 'streaming' | 'done' | 'error' | 'stopped';

interface Turn {
  id: string;
  question: string;
  status: TurnStatus;
  /** Markdown so far (all of it once done). */
  answer: string;
  coverage?: AskResult['coverage'];
  inScope?: boolean;
  mode?: AskResult['mode'];
  resolvedQuestion?: string;
  citations: Citation[];
  suggestions: Suggestion[];
  notices: string[];
  error?: unknown;
}

const STORAGE_KEY = 'tutor.ask.thread';
/** Enough turns to resolve follow-ups ("那它呢？") without sending the whole thread every time. */
const HISTORY_TURNS = 4;
const KEPT_TURNS = 30;

function loadThread(): Turn[] {
  try {
    const turns = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as Turn[];
    // A turn cut off by a reload has no answer to show: keep only finished ones.
    return Array.isArray(turns) ? turns.filter((t) => t.status === 'done') : [];
  } catch {
    return [];
  }
}

function saveThread(turns: Turn[]): void {
  try {
    const done = turns.filter((t) => t.status === 'done').slice(-KEPT_TURNS);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(done.map(({ error: _e, ...rest }) => rest)));
  } catch {
    // Storage full or disabled: the thread lasts for this page only.
  }
}

export function AskScreen() {
  const { t } = useI18n();
  const { state, last } = useHealth();
  const [turns, setTurns] = useState<Turn[]>(loadThread);
  const [draft, setDraft] = useState('');
  const controller = useRef<AbortController | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const threadEnd = useRef<HTMLDivElement>(null);
  const busy = turns.some((turn) => turn.status === 'thinking' || turn.status === 'streaming');
  const llm = last?.llm.configured ?? false;

  useEffect(() => saveThread(turns), [turns]);
  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    threadEnd.current?.scrollIntoView?.({ block: 'end', behavior: 'smooth' });
  }, [turns.length]);

  const update = (id: string, change: (turn: Turn) => Turn) => setTurns((all) => all.map((turn) => (turn.id === id ? change(turn) : turn)));

  const ask = async (question: string) => {
    const text = question.trim();
    if (!text || busy) return;
    const history: AskTurn[] = turns
      .filter((turn) => turn.status === 'done')
      .slice(-HISTORY_TURNS)
      .map((turn) => ({ question: turn.question, answer: turn.answer }));
    const id = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    setTurns((all) => [...all, { id, question: text, status: 'thinking', answer: '', citations: [], suggestions: [], notices: [] }]);
    setDraft('');
    const abort = new AbortController();
    controller.current = abort;
    try {
      if (llm) {
        for await (const event of api.askStream({ question: text, history }, abort.signal)) {
          if (event.type === 'meta') {
            update(id, (turn) => ({
              ...turn,
              status: 'streaming',
              coverage: event.coverage,
              inScope: event.inScope,
              mode: event.mode,
              resolvedQuestion: event.resolvedQuestion,
              citations: event.citations,
              suggestions: event.suggestions,
            }));
          } else if (event.type === 'token') update(id, (turn) => ({ ...turn, status: 'streaming', answer: turn.answer + event.text }));
          else if (event.type === 'notice') update(id, (turn) => ({ ...turn, notices: [...turn.notices, event.message] }));
          else if (event.type === 'reset') update(id, (turn) => ({ ...turn, answer: '' }));
          else if (event.type === 'done') update(id, (turn) => fromResult(turn, event.result));
        }
        update(id, (turn) => (turn.status === 'done' ? turn : { ...turn, status: 'done' }));
      } else {
        const result = await api.ask({ question: text, history }, abort.signal);
        update(id, (turn) => fromResult(turn, result));
      }
    } catch (error) {
      if (abort.signal.aborted) update(id, (turn) => ({ ...turn, status: 'stopped' }));
      else update(id, (turn) => ({ ...turn, status: 'error', error }));
    } finally {
      if (controller.current === abort) controller.current = null;
      input.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; an IME composing Chinese keeps its Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void ask(draft);
    }
  };

  const starters = [t('askStarter1'), t('askStarter2'), t('askStarter3')];
  return (
    <section className="ask-layout" aria-labelledby="ask-title">
      <div className="page-head">
        <div>
          <h1 id="ask-title">{t('askTitle')}</h1>
          <p>{llm ? t('askIntroLlm', { model: last?.llm.model ?? '' }) : t('askIntroExtractive')}</p>
        </div>
        {turns.length > 0 && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              controller.current?.abort();
              setTurns([]);
            }}
          >
            {t('askClear')}
          </button>
        )}
      </div>

      <div className="thread" aria-live="polite" data-testid="ask-thread">
        {turns.length === 0 && (
          <div className="card empty">
            <p>{t('askEmpty')}</p>
            <div className="starter-list">
              {starters.map((s) => (
                <button key={s} type="button" className="btn btn-small" onClick={() => void ask(s)} disabled={state.kind !== 'ready'}>
                  {s}
                </button>
              ))}
            </div>
          </div>
        )}
        {turns.map((turn) => (
          <TurnView key={turn.id} turn={turn} onRetry={() => void ask(turn.question)} />
        ))}
        <div ref={threadEnd} />
      </div>

      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault();
          void ask(draft);
        }}
      >
        <div className="composer-box">
          <label htmlFor="ask-input" className="visually-hidden">
            {t('askInputLabel')}
          </label>
          <textarea
            id="ask-input"
            ref={input}
            className="textarea"
            rows={2}
            value={draft}
            maxLength={2000}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder={t('askPlaceholder')}
            style={{ minHeight: 64 }}
          />
          <div className="composer-bar">
            <span className="hint">{t('askKeysHint')}</span>
            <span className="spacer" />
            {busy && (
              <button type="button" className="btn btn-small" onClick={() => controller.current?.abort()}>
                {t('askStop')}
              </button>
            )}
            <button type="submit" className="btn btn-primary" disabled={busy || draft.trim() === '' || state.kind !== 'ready'}>
              {t('askSend')}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

function fromResult(turn: Turn, result: AskResult): Turn {
  return {
    ...turn,
    status: 'done',
    answer: result.answer,
    coverage: result.coverage,
    inScope: result.inScope,
    mode: result.mode,
    resolvedQuestion: result.resolvedQuestion,
    citations: result.citations,
    suggestions: result.suggestions,
    notices: result.notice && !turn.notices.includes(result.notice) ? [...turn.notices, result.notice] : turn.notices,
  };
}

function TurnView({ turn, onRetry }: { turn: Turn; onRetry: () => void }) {
  const { t } = useI18n();
  const panel = useNotePanel();
  const openCitation = (n: number) => {
    const c = turn.citations.find((x) => x.n === n);
    if (c) panel.open({ questionId: c.questionId, heading: c.heading, excerpt: c.excerpt, excerptLabel: t('citedExcerpt', { n }) });
  };
  const failure = turn.status === 'error' ? describeError(turn.error) : null;
  return (
    <>
      <Message from="you">
        <span className="visually-hidden">{t('youSaid')}: </span>
        {turn.question}
      </Message>
      <Message from="tutor" data-testid="ask-answer" data-coverage={turn.coverage ?? ''}>
        <div className="bubble-meta">
          {turn.coverage !== 'not_covered' && turn.mode === 'llm' && <span className="badge badge-accent">{t('modeLlm')}</span>}
          {turn.coverage !== 'not_covered' && turn.mode === 'extractive' && <span className="badge">{t('modeExtractive')}</span>}
          {turn.resolvedQuestion && turn.resolvedQuestion !== turn.question && <span>{t('resolvedAs', { q: turn.resolvedQuestion })}</span>}
        </div>
        {turn.status === 'thinking' && <Loading label={t('askThinking')} />}
        {turn.coverage === 'not_covered' && (
          <Notice tone="info" title={t('outOfScopeTitle')}>
            <p>{t('outOfScopeHint')}</p>
          </Notice>
        )}
        {turn.coverage === 'unanswered' && (
          <Notice tone="warn" title={t('unansweredTitle')}>
            <p>{t('unansweredHint')}</p>
          </Notice>
        )}
        {/* Out of scope, the server's text only lists the nearest sections, which are shown as buttons below. */}
        {turn.answer && !(turn.coverage === 'not_covered' && turn.suggestions.length > 0) && (
          <SafeMarkdown citations={turn.citations} onCite={openCitation} className={turn.status === 'streaming' ? 'cursor' : undefined}>
            {turn.answer}
          </SafeMarkdown>
        )}
        {turn.notices.map((notice) => (
          <p key={notice} className="hint">
            {notice}
          </p>
        ))}
        {turn.status === 'stopped' && <p className="hint">{t('askStopped')}</p>}
        {failure && (
          <RetryNotice title={t(failure.title)} onRetry={onRetry}>
            <p>{t(failure.hint)}</p>
            {failure.detail && <p className="hint">{failure.detail}</p>}
          </RetryNotice>
        )}
        {turn.suggestions.length > 0 && (
          <div>
            <div className="hint">{t('nearestSections')}</div>
            <NoteLinkList items={turn.suggestions} target={(s) => ({ questionId: s.questionId, heading: s.heading })} className="suggestions" itemClassName="suggestion">
              {(s) => (
                <>
                  <span>{s.heading}</span>
                  {!s.hasAnswer && <span className="badge badge-warn">{t('noReference')}</span>}
                </>
              )}
            </NoteLinkList>
          </div>
        )}
        {turn.citations.length > 0 && turn.status === 'done' && (
          <div className="sources">
            <span>{t('sourcesLabel')}</span>
            {turn.citations.map((c) => (
              <button key={c.n} type="button" className="source-link" onClick={() => openCitation(c.n)} aria-label={t('citeOpen', { n: c.n, heading: c.heading })}>
                <span className="cite" aria-hidden="true">
                  {c.n}
                </span>
                <span>{c.heading}</span>
              </button>
            ))}
          </div>
        )}
      </Message>
    </>
  );
}
