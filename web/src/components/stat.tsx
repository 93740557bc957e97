// One labelled figure in a summary row (sessions, answers, score, time …).

import type { ComponentPropsWithoutRef, ReactNode } from 'react';

/** `children` is the figure; `className` and other attributes go on the figure, after its own `stat-value` class. */
export function Stat({ label, className, ...value }: { label: ReactNode } & ComponentPropsWithoutRef<'div'>) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div {...value} className={className ? `stat-value ${className}` : 'stat-value'} />
    </div>
  );
}
