// Notes: browse and search the question bank by topic, see which questions lack a reference answer, open any one.

import { useEffect, useMemo, useState } from 'react';
import { api, type QuestionSummary, type SearchResponse } from '../api.js';
import { LabelledInput } from '../components/labelled-input.js';
import { NoteLinkList } from '../components/note-link-list.js';
import { useNotePanel } from '../components/note-panel.js';
import { Empty, ErrorNotice, Loading } from '../components/status.js';
import { TopicTags } from '../components/topic-tags.js';
import { useAsync } from '../hooks/use-async.js';
import { useDebounced } from '../hooks/use-debounced.js';
import { useHealth, waitingLabel } from '../hooks/use-health.js';
import { useTopics } from '../hooks/use-topics.js';
import { useI18n } from '../i18n.js';
import { useRouter } from '../router.js';
import { plainText, questionTitle } from '../format.js';

const ALL = '';
/** Ten sections is about what fits on a screen; past that the retriever's matches get loose. */
const SEARCH_HITS = 10;

export function NotesScreen({ questionId }: { questionId?: string | undefined }) {
  const { t, lang } = useI18n();
  const { catalog, topics } = useTopics();
  const { state } = useHealth();
  const panel = useNotePanel();
  const { navigate } = useRouter();
  const [topic, setTopic] = useState(ALL);
  const [query, setQuery] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const settledQuery = useDebounced(query.trim(), 300);

  const search = useAsync<SearchResponse | null>(
    (signal) => (settledQuery ? api.search({ query: settledQuery, k: SEARCH_HITS }, signal) : Promise.resolve(null)),
    [settledQuery],
  );

  const questions = catalog.data?.questions;
  const byId = useMemo(() => new Map((questions ?? []).map((q) => [q.id, q])), [questions]);

  // /notes/<id> opens that section (links from elsewhere, and reloads keep it open).
  useEffect(() => {
    if (!questionId || !questions) return;
    const q = byId.get(questionId);
    panel.open({ questionId, ...(q ? { heading: q.heading } : {}) });
    navigate('/notes', { replace: true });
  }, [questionId, questions, byId, panel, navigate]);

  const visible = useMemo(() => {
    if (!questions) return [];
    let list: QuestionSummary[] = questions;
    if (settledQuery && search.data) {
      const seen = new Set<string>();
      const ranked: QuestionSummary[] = [];
      const needle = settledQuery.toLowerCase();
      // Headings that contain the words typed come first, then the retriever's ranking.
      const add = (q: QuestionSummary | undefined) => {
        if (q && !seen.has(q.id)) {
          seen.add(q.id);
          ranked.push(q);
        }
      };
      questions.filter((q) => q.heading.toLowerCase().includes(needle)).forEach(add);
      search.data.hits.forEach((hit) => add(byId.get(hit.questionId)));
      list = ranked;
    } else if (settledQuery) {
      const needle = settledQuery.toLowerCase();
      list = questions.filter((q) => q.heading.toLowerCase().includes(needle));
    }
    return list.filter((q) => (topic === ALL || q.topics.includes(topic)) && (!onlyMissing || !q.hasReference));
  }, [questions, settledQuery, search.data, byId, topic, onlyMissing]);

  // The matching passage of each searched question, shown under its title.
  const snippets = useMemo(() => {
    const map = new Map<string, string>();
    if (settledQuery) for (const hit of search.data?.hits ?? []) if (!map.has(hit.questionId)) map.set(hit.questionId, hit.text);
    return map;
  }, [settledQuery, search.data]);

  const missingCount = questions?.filter((q) => !q.hasReference).length ?? 0;

  return (
    <section aria-labelledby="notes-title">
      <div className="page-head">
        <div>
          <h1 id="notes-title">{t('notesTitle')}</h1>
          <p>{questions ? t('notesSummary', { total: questions.length, missing: missingCount }) : t('notesIntro')}</p>
        </div>
      </div>

      {state.kind !== 'ready' && !questions && <Loading label={t(waitingLabel(state))} />}
      {catalog.error !== null && <ErrorNotice error={catalog.error} onRetry={catalog.reload} />}

      {questions && (
        <div className="notes-layout">
          <nav className="topic-nav" aria-label={t('topicFilterLabel')}>
            <button type="button" aria-pressed={topic === ALL} onClick={() => setTopic(ALL)}>
              <span>{t('allTopics')}</span>
              <span className="topic-count">{questions.length}</span>
            </button>
            {topics.map((tp) => (
              <button key={tp.id} type="button" aria-pressed={topic === tp.id} onClick={() => setTopic(tp.id)}>
                <span>{tp.label[lang]}</span>
                <span className="topic-count">{tp.count}</span>
              </button>
            ))}
          </nav>
          <div>
            <form className="search-row" role="search" onSubmit={(e) => e.preventDefault()}>
              <LabelledInput
                id="notes-search"
                label={t('notesSearchLabel')}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder={t('notesSearchPlaceholder')}
                autoComplete="off"
              />
              <label className="toggle-line">
                <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} />
                {t('onlyMissing', { n: missingCount })}
              </label>
            </form>
            {settledQuery && search.loading && <Loading label={t('searching')} />}
            {search.error !== null && <ErrorNotice error={search.error} onRetry={search.reload} />}
            {settledQuery && search.data && !search.data.inScope && <p className="hint">{t('searchOutOfScope')}</p>}
            <p className="hint" aria-live="polite">
              {t('notesShowing', { n: visible.length })}
            </p>
            {visible.length === 0 ? (
              <Empty>{t('notesNothing')}</Empty>
            ) : (
              <NoteLinkList items={visible} target={(q) => ({ questionId: q.id, heading: q.heading })} className="question-list" itemClassName="question-row">
                {(q) => (
                  <>
                    <span className="question-num">{q.number ?? '·'}</span>
                    <span className="question-main">
                      <span className="question-title">{questionTitle(q.heading)}</span>
                      {snippets.get(q.id) && <span className="question-sub">{plainText(snippets.get(q.id)!)}</span>}
                      <span className="question-tags">
                        <TopicTags topics={q.topics} />
                        {!q.hasReference && <span className="badge badge-warn">{t('noReference')}</span>}
                      </span>
                    </span>
                  </>
                )}
              </NoteLinkList>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
