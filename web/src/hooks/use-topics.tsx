// The topic labels (from the notes' topics file, via the questions list), loaded once and shared by every screen.

import { createContext, useContext, type ReactNode } from 'react';
import { api, type QuestionsResponse, type TopicDto } from '../api.js';
import { useHealth } from './use-health.js';
import { useAsync, type AsyncState } from './use-async.js';

interface TopicsContextValue {
  catalog: AsyncState<QuestionsResponse>;
  /** Topics in the notes' order, with how many questions each has. */
  topics: (TopicDto & { count: number })[];
  label(id: string, lang: 'zh' | 'en'): string;
}

const TopicsContext = createContext<TopicsContextValue | null>(null);

export function TopicsProvider({ children }: { children: ReactNode }) {
  const { state } = useHealth();
  const ready = state.kind === 'ready';
  // Loaded again when the index becomes ready (the question bank may have changed with it).
  const catalog = useAsync<QuestionsResponse>((signal) => (ready ? api.questions(signal) : new Promise<QuestionsResponse>(() => {})), [ready]);
  const questions = catalog.data?.questions ?? [];
  const topics = (catalog.data?.topics ?? []).map((t) => ({ ...t, count: questions.filter((q) => q.topics.includes(t.id)).length }));
  const byId = new Map(topics.map((t) => [t.id, t]));
  const label = (id: string, lang: 'zh' | 'en') => byId.get(id)?.label[lang] ?? id;
  return <TopicsContext.Provider value={{ catalog, topics, label }}>{children}</TopicsContext.Provider>;
}

const WITHOUT_PROVIDER: TopicsContextValue = {
  catalog: { data: null, error: null, loading: false, reload: () => {} },
  topics: [],
  label: (id) => id,
};

/** Outside a provider (a component rendered on its own, as in tests) topics show by id. */
export function useTopics(): TopicsContextValue {
  return useContext(TopicsContext) ?? WITHOUT_PROVIDER;
}
