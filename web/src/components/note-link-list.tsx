// A list of buttons that each open one note section in the side panel (the notes list, due reviews, Ask's nearest sections).

import type { ReactNode } from 'react';
import { useNotePanel, type NoteTarget } from './note-panel.js';

export function NoteLinkList<T>({
  items,
  target,
  className,
  itemClassName,
  children,
}: {
  items: readonly T[];
  /** The section an item opens; its question id is also the list key. */
  target: (item: T) => NoteTarget;
  /** Class of the `<ul>`. */
  className: string;
  /** Class of each button. */
  itemClassName: string;
  /** What a button shows. */
  children: (item: T) => ReactNode;
}) {
  const panel = useNotePanel();
  return (
    <ul className={className}>
      {items.map((item) => {
        const note = target(item);
        return (
          <li key={note.questionId}>
            <button type="button" className={itemClassName} onClick={() => panel.open(note)}>
              {children(item)}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
