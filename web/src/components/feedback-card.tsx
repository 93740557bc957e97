// The card after each answer: the score, statements the notes contradict (when the LLM judge found any), key
// points covered (the candidate's words marked) and missed (the note's words), the tutor's advice, the follow-up
// question, and a way to open the reference section.

import { useId } from 'react';
import type { GradeView } from '../api.js';
import { useI18n, type MessageKey } from '../i18n.js';
import { SafeMarkdown } from './markdown.js';
import { ScoreRing, scoreTone } from './score.js';

type KeyPoint = GradeView['keyPoints'][number];

export interface FeedbackCardProps {
  grade: GradeView;
  /** The follow-up the tutor asks next, when there is one (may differ from grade.followUp). */
  followUp?: string | null | undefined;
  /** Opens the question's note section; `excerpt` is the missed point to show above it. */
  onShowReference?: (excerpt?: string) => void;
}

const VERDICT_KEY: Record<GradeView['verdict'], MessageKey> = {
  excellent: 'verdictExcellent',
  good: 'verdictGood',
  partial: 'verdictPartial',
  weak: 'verdictWeak',
  off_topic: 'verdictOffTopic',
  empty: 'verdictEmpty',
  no_reference: 'verdictNoReference',
};

export function FeedbackCard({ grade, followUp, onShowReference }: FeedbackCardProps) {
  const { t } = useI18n();
  const id = useId();
  const covered = grade.keyPoints.filter((p) => p.status !== 'missed');
  const missed = grade.keyPoints.filter((p) => p.status === 'missed');
  const tone = scoreTone(grade.score);
  const ask = followUp === undefined ? grade.followUp : followUp;
  return (
    <article className="feedback" aria-label={t('feedbackLabel')} data-testid="feedback-card">
      <header className="feedback-head">
        <ScoreRing score={grade.score} />
        <div className={`verdict tone-${tone}`}>{t(VERDICT_KEY[grade.verdict])}</div>
        {grade.feedback && (
          <p className="advice">
            <span className="visually-hidden">{t('adviceLabel')}: </span>
            {grade.feedback}
          </p>
        )}
      </header>
      <div className="feedback-body">
        {grade.notice && <p className="hint">{grade.notice}</p>}
        {grade.corrections && grade.corrections.length > 0 && (
          <section className="feedback-section" aria-labelledby={`${id}-wrong`}>
            <h4 id={`${id}-wrong`}>{t('correctionsTitle', { n: grade.corrections.length })}</h4>
            <ul className="points" data-testid="corrections">
              {grade.corrections.map((c, i) => (
                <li key={i} className="point point-missed">
                  <span className="point-icon" role="img" aria-label={t('claimWrong')}>
                    !
                  </span>
                  <div className="point-text">
                    <div className="point-excerpt">
                      {t('yourWords')}「<mark>{c.said}</mark>」
                    </div>
                    <div className="point-evidence">
                      {t('notesSay')}
                      {c.notes}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
        {covered.length > 0 && (
          <section className="feedback-section" aria-labelledby={`${id}-covered`}>
            <h4 id={`${id}-covered`}>{t('coveredTitle', { n: covered.length, total: grade.keyPoints.length })}</h4>
            <ul className="points">
              {covered.map((point, i) => (
                <PointRow key={i} point={point} />
              ))}
            </ul>
          </section>
        )}
        {missed.length > 0 && (
          <section className="feedback-section" aria-labelledby={`${id}-missed`}>
            <h4 id={`${id}-missed`}>{t('missedTitle', { n: missed.length, total: grade.keyPoints.length })}</h4>
            <ul className="points">
              {missed.map((point, i) => (
                <PointRow key={i} point={point} onShowReference={onShowReference} />
              ))}
            </ul>
          </section>
        )}
        {grade.keyPoints.length === 0 && grade.verdict === 'no_reference' && <p className="hint">{t('noReferenceGrade')}</p>}
        {ask && (
          <div className="follow-up" data-testid="follow-up">
            <div className="follow-up-label">{t('followUpLabel')}</div>
            <div>{ask}</div>
          </div>
        )}
      </div>
      <footer className="feedback-foot">
        {onShowReference && (
          <button type="button" className="btn btn-small" onClick={() => onShowReference()}>
            {t('showReference')}
          </button>
        )}
        <span className="hint">{t('gradedBy', { grader: t(grade.grader === 'rubric' ? 'graderRubric' : 'graderLlm') })}</span>
      </footer>
    </article>
  );
}

/**
 * Key points are cut from the notes, so one may keep half of a `**bold**` pair; a lone marker would show as
 * literal asterisks, so unpaired ones are dropped.
 */
export function tidyExcerpt(text: string): string {
  const pairs = text.match(/\*\*/g)?.length ?? 0;
  return pairs % 2 === 1 ? text.replace(/\*\*/g, '') : text;
}

function PointRow({ point, onShowReference }: { point: KeyPoint; onShowReference?: ((excerpt?: string) => void) | undefined }) {
  const { t } = useI18n();
  const icon = point.status === 'covered' ? '✓' : point.status === 'partial' ? '½' : '✗';
  const statusLabel = t(point.status === 'covered' ? 'pointCovered' : point.status === 'partial' ? 'pointPartial' : 'pointMissed');
  return (
    <li className={`point point-${point.status}`}>
      <span className="point-icon" role="img" aria-label={statusLabel}>
        {icon}
      </span>
      <div className="point-text">
        {point.status === 'missed' ? (
          <>
            <div className="point-excerpt">
              <SafeMarkdown>{tidyExcerpt(point.text)}</SafeMarkdown>
            </div>
            {onShowReference && (
              <button type="button" className="link-button" onClick={() => onShowReference(point.text)}>
                {t('openSource')}
              </button>
            )}
          </>
        ) : (
          <>
            <div className="point-excerpt">
              <SafeMarkdown>{tidyExcerpt(point.text)}</SafeMarkdown>
            </div>
            {point.evidence && (
              <div className="point-evidence">
                {t('yourWords')}「<mark>{point.evidence}</mark>」
              </div>
            )}
          </>
        )}
      </div>
    </li>
  );
}
