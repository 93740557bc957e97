// The 0–10 score made visible: a ring for one answer, a bar for lists, both coloured by how good the score is.

import { useI18n } from '../i18n.js';

export type Tone = 'good' | 'mid' | 'bad' | 'none';

/** The grader's verdict bands (server/grading/rubric-grader.ts): 6+ good or excellent, 3.5+ partial, below weak. */
export function scoreTone(score: number | null | undefined): Tone {
  if (score === null || score === undefined) return 'none';
  if (score >= 6) return 'good';
  if (score >= 3.5) return 'mid';
  return 'bad';
}

const TONE_COLOR: Record<Tone, string> = { good: 'var(--good)', mid: 'var(--mid)', bad: 'var(--bad)', none: 'var(--border-strong)' };

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : (Math.round(score * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

export function ScoreRing({ score, size = 72 }: { score: number | null; size?: number }) {
  const { t } = useI18n();
  const radius = size / 2 - 6;
  const circumference = 2 * Math.PI * radius;
  const fraction = score === null ? 0 : Math.max(0, Math.min(1, score / 10));
  const tone = scoreTone(score);
  const label = score === null ? t('scoreNone') : t('scoreOutOf', { score: formatScore(score) });
  return (
    <div className="score-ring" role="img" aria-label={label} style={{ width: size, height: size }}>
      <svg width={size} height={size} aria-hidden="true">
        <circle cx={size / 2} cy={size / 2} r={radius} fill="none" stroke="var(--surface-2)" strokeWidth="7" />
        <circle
          cx={size / 2}
          cy={size / 2}
          r={radius}
          fill="none"
          stroke={TONE_COLOR[tone]}
          strokeWidth="7"
          strokeLinecap="round"
          strokeDasharray={circumference}
          strokeDashoffset={circumference * (1 - fraction)}
        />
      </svg>
      <div className={`score-ring-value tone-${tone}`} aria-hidden="true">
        <div>
          <strong>{formatScore(score)}</strong>
          <small>/ 10</small>
        </div>
      </div>
    </div>
  );
}

export function ScoreBar({ score, label }: { score: number | null; label?: string }) {
  const tone = scoreTone(score);
  const width = score === null ? 0 : Math.max(2, Math.min(100, score * 10));
  return (
    <div className="score-bar" role="img" aria-label={label ?? formatScore(score)}>
      <span style={{ width: `${width}%`, background: TONE_COLOR[tone] }} />
    </div>
  );
}
