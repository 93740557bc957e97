// The app shell: header with the four screens and the language toggle, the health banner, and the routed screen.

import { HealthBanner } from './components/health-banner.js';
import { NotePanelProvider } from './components/note-panel.js';
import { TopicsProvider } from './hooks/use-topics.js';
import { HealthProvider } from './hooks/use-health.js';
import { I18nProvider, useI18n, type MessageKey } from './i18n.js';
import { Link, RouterProvider, useRouter } from './router.js';
import { AskScreen } from './screens/ask-screen.js';
import { InterviewScreen } from './screens/interview-screen.js';
import { NotesScreen } from './screens/notes-screen.js';
import { ProgressScreen } from './screens/progress-screen.js';

const TABS: { path: string; label: MessageKey; english: string }[] = [
  { path: '/interview', label: 'tabInterview', english: 'Interview' },
  { path: '/ask', label: 'tabAsk', english: 'Ask' },
  { path: '/notes', label: 'tabNotes', english: 'Notes' },
  { path: '/progress', label: 'tabProgress', english: 'Progress' },
];

export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <HealthProvider>
          <TopicsProvider>
            <NotePanelProvider>
              <Shell />
            </NotePanelProvider>
          </TopicsProvider>
        </HealthProvider>
      </RouterProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { t, lang, setLang } = useI18n();
  const { path } = useRouter();
  const section = '/' + (path.split('/')[1] ?? '');
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/interview" className="brand" aria-label={t('appTitle')}>
            <svg className="brand-mark" viewBox="0 0 64 64" aria-hidden="true">
              <rect width="64" height="64" rx="14" fill="#2f5d62" />
              <path d="M18 22h28v16H30l-8 7v-7h-4z" fill="none" stroke="#f4f1ea" strokeWidth="4" strokeLinejoin="round" />
            </svg>
            <span>
              {t('appName')} <small>{t('appTagline')}</small>
            </span>
          </Link>
          <nav className="tabs" aria-label={t('navLabel')}>
            {TABS.map((tab) => {
              const current = section === tab.path || (section === '/' && tab.path === '/interview');
              return (
                <Link key={tab.path} to={tab.path} className="tab" aria-current={current ? 'page' : undefined}>
                  {t(tab.label)}
                  {lang === 'zh' && <span className="tab-en">{tab.english}</span>}
                </Link>
              );
            })}
          </nav>
          <button
            type="button"
            className="btn btn-small lang-toggle"
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            aria-label={t('langToggleLabel')}
            lang={lang === 'zh' ? 'en' : 'zh'}
          >
            {lang === 'zh' ? 'English' : '中文'}
          </button>
        </div>
      </header>
      <HealthBanner />
      <main id="main" className="main" tabIndex={-1}>
        <Screen section={section} path={path} />
      </main>
      <footer className="footer">{t('footer')}</footer>
    </div>
  );
}

function Screen({ section, path }: { section: string; path: string }) {
  const rest = path.split('/').slice(2).filter(Boolean).map(decodeURIComponent);
  switch (section) {
    case '/ask':
      return <AskScreen />;
    case '/notes':
      return <NotesScreen questionId={rest[0]} />;
    case '/progress':
      return <ProgressScreen sessionId={rest[0]} />;
    default:
      return <InterviewScreen sessionId={rest[0]} view={rest[1]} />;
  }
}
