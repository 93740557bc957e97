// A text field whose label is read by screen readers but not shown (the placeholder or the row around it says the rest).

import type { ComponentPropsWithoutRef, ReactNode } from 'react';

/** Renders the hidden `<label>` and its `<input className="input">`, tied together by `id`. */
export function LabelledInput({ id, label, ...input }: { id: string; label: ReactNode } & Omit<ComponentPropsWithoutRef<'input'>, 'id' | 'className'>) {
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input {...input} id={id} className="input" />
    </>
  );
}
