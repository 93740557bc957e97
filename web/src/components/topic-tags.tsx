// A question's topics as small labels in the current language.

import { useTopics } from '../hooks/use-topics.js';
import { useI18n } from '../i18n.js';

export function TopicTags({ topics }: { topics: readonly string[] }) {
  const { lang } = useI18n();
  const { label } = useTopics();
  if (topics.length === 0) return null;
  return (
    <>
      {topics.map((id) => (
        <span key={id} className="badge badge-accent">
          {label(id, lang)}
        </span>
      ))}
    </>
  );
}
