// One turn of a conversation (interview or Ask): who is speaking, and their bubble.

import type { ComponentPropsWithoutRef } from 'react';
import { useI18n } from '../i18n.js';

/**
 * A chat message. `from` picks the avatar and the side; `children` fill the bubble; any other
 * attributes (test ids, data attributes) go on the outer element so tests and styles can find it.
 */
export function Message({ from, children, ...attributes }: { from: 'tutor' | 'you' } & ComponentPropsWithoutRef<'div'>) {
  const { t } = useI18n();
  return (
    <div {...attributes} className={from === 'you' ? 'msg msg-user' : 'msg'}>
      <div className="msg-avatar" aria-hidden="true">
        {from === 'you' ? t('youShort') : t('tutorShort')}
      </div>
      <div className="bubble">{children}</div>
    </div>
  );
}
