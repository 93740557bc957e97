// The start of an interview: how many questions, which topics, which strategy, then "start".

import { useState, type FormEvent } from 'react';
import { api, type CreateSessionRequest, type SessionView } from '../api.js';
import { useAsync } from '../hooks/use-async.js';
import { useHealth, waitingLabel } from '../hooks/use-health.js';
import { useTopics } from '../hooks/use-topics.js';
import { useI18n, type MessageKey } from '../i18n.js';
import { Link } from '../router.js';
import { dateTime } from '../format.js';
import { LabelledInput } from './labelled-input.js';
import { ErrorNotice, Loading } from './status.js';

type Strategy = NonNullable<CreateSessionRequest['strategy']>;

const STRATEGIES: { id: Strategy; title: MessageKey; description: MessageKey }[] = [
  { id: 'due', title: 'strategyDue', description: 'strategyDueHint' },
  { id: 'weakest', title: 'strategyWeakest', description: 'strategyWeakestHint' },
  { id: 'random', title: 'strategyRandom', description: 'strategyRandomHint' },
  { id: 'sequential', title: 'strategySequential', description: 'strategySequentialHint' },
];
const QUICK_COUNTS = [3, 5, 10];
const MAX_COUNT = 50;

export function InterviewSetup({ onStarted }: { onStarted: (session: SessionView) => void }) {
  const { t, lang } = useI18n();
  const { state } = useHealth();
  const { topics, catalog } = useTopics();
  const [count, setCount] = useState(5);
  const [chosen, setChosen] = useState<string[]>([]);
  const [strategy, setStrategy] = useState<Strategy>('due');
  const [followUps, setFollowUps] = useState(true);
  const [includeUnanswered, setIncludeUnanswered] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ready = state.kind === 'ready';
  const due = useAsync((signal) => (ready ? api.due(signal) : Promise.resolve(null)), [ready]);
  const open = useAsync((signal) => (ready ? api.sessions(signal) : Promise.resolve(null)), [ready]);
  const unfinished = open.data?.sessions.filter((s) => s.status !== 'finished') ?? [];

  const toggle = (id: string) => setChosen((all) => (all.includes(id) ? all.filter((x) => x !== id) : [...all, id]));
  const start = async (event: FormEvent) => {
    event.preventDefault();
    setStarting(true);
    setError(null);
    try {
      const { session } = await api.startSession({ count, strategy, followUps, includeUnanswered, ...(chosen.length > 0 ? { topics: chosen } : {}) });
      onStarted(session);
    } catch (reason) {
      setError(reason);
      setStarting(false);
    }
  };

  return (
    <div className="setup">
      <div className="page-head">
        <div>
          <h1 id="setup-title">{t('setupTitle')}</h1>
          <p>{t('setupIntro')}</p>
        </div>
      </div>

      {unfinished.length > 0 && (
        <div className="card" data-testid="unfinished-sessions">
          <div className="card-title">
            <h2>{t('resumeTitle')}</h2>
          </div>
          <ul className="session-list">
            {unfinished.slice(0, 3).map((s) => (
              <li key={s.id}>
                <Link to={`/interview/${encodeURIComponent(s.id)}`} className="session-link">
                  <span className="session-main">
                    <span className="session-title">{t('resumeItem', { answered: s.answered + s.skipped, total: s.questions })}</span>
                    <span className="session-sub"> · {dateTime(s.createdAt, lang)}</span>
                  </span>
                  <span className="btn btn-small">{t('resumeAction')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}

      <form className="card" onSubmit={start} aria-labelledby="setup-title">
        <fieldset>
          <legend>{t('countLabel')}</legend>
          <div className="count-row">
            {QUICK_COUNTS.map((n) => (
              <label key={n} className="chip-toggle">
                <input type="radio" name="count-quick" checked={count === n} onChange={() => setCount(n)} />
                <span>{t('countQuestions', { n })}</span>
              </label>
            ))}
            <LabelledInput
              id="count-input"
              label={t('countCustom')}
              type="number"
              min={1}
              max={MAX_COUNT}
              value={count}
              onChange={(e) => setCount(Math.max(1, Math.min(MAX_COUNT, Math.round(Number(e.target.value)) || 1)))}
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('topicsLabel')}</legend>
          {catalog.loading && !catalog.data ? (
            <Loading label={t(waitingLabel(state))} />
          ) : (
            <>
              <div className="chips">
                {topics.map((tp) => (
                  <label key={tp.id} className="chip-toggle">
                    <input type="checkbox" checked={chosen.includes(tp.id)} onChange={() => toggle(tp.id)} />
                    <span>
                      {tp.label[lang]} <span className="topic-count">{tp.count}</span>
                    </span>
                  </label>
                ))}
              </div>
              <p className="hint">{chosen.length === 0 ? t('topicsAllHint') : t('topicsChosenHint', { n: chosen.length })}</p>
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('strategyLabel')}</legend>
          <div className="choice-grid">
            {STRATEGIES.map((s) => (
              <label key={s.id} className="choice">
                <input type="radio" name="strategy" value={s.id} checked={strategy === s.id} onChange={() => setStrategy(s.id)} />
                <span className="choice-title">{t(s.title)}</span>
                <span className="choice-desc">
                  {t(s.description)}
                  {s.id === 'due' && due.data && due.data.due.length > 0 && ` ${t('dueNow', { n: due.data.due.length })}`}
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('optionsLabel')}</legend>
          <div className="chips">
            <label className="toggle-line">
              <input type="checkbox" checked={followUps} onChange={(e) => setFollowUps(e.target.checked)} />
              {t('optionFollowUps')}
            </label>
            <label className="toggle-line">
              <input type="checkbox" checked={includeUnanswered} onChange={(e) => setIncludeUnanswered(e.target.checked)} />
              {t('optionUnanswered')}
            </label>
          </div>
        </fieldset>

        {error !== null && <ErrorNotice error={error} />}
        <button type="submit" className="btn btn-primary" disabled={!ready || starting} data-testid="start-interview">
          {starting ? t('starting') : t('startInterview', { n: count })}
        </button>
        {!ready && <p className="hint">{t(waitingLabel(state))}</p>}
      </form>
    </div>
  );
}
