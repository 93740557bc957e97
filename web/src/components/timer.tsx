// The visible answer timer: time since the question was put, ticking every second.

import { useEffect, useState } from 'react';
import { clock } from '../format.js';
import { useI18n } from '../i18n.js';
import { Icon } from './icon.js';

/** Past three minutes an interview answer is running long; the timer turns amber as a nudge. */
const LONG_ANSWER_MS = 3 * 60_000;

export function elapsedSince(iso: string, now = Date.now()): number {
  const start = Date.parse(iso);
  return Number.isFinite(start) ? Math.max(0, now - start) : 0;
}

export function Timer({ since, running }: { since: string; running: boolean }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [running, since]);
  const ms = elapsedSince(since, now);
  return (
    <span className={ms > LONG_ANSWER_MS ? 'timer timer-long' : 'timer'} role="timer" aria-label={t('timerLabel', { time: clock(ms) })} data-testid="answer-timer">
      <Icon name="clock" size={14} />
      {clock(ms)}
    </span>
  );
}
