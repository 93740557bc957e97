// @vitest-environment jsdom
// The notice under the header that lists what in the notes was skipped (GET /api/health `warnings`), in zh and en.

import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../web/src/api.js';
import { HealthBanner } from '../../web/src/components/health-banner.js';
import { HealthProvider } from '../../web/src/hooks/use-health.js';
import { I18nProvider, type Lang } from '../../web/src/i18n.js';

const WARNINGS = ['gbk.md: not valid UTF-8 text, skipped; save it as UTF-8 to include it.', 'ml.md:7: "##2. Pooling" is not read as a heading: put a space after the #s.'];

const health = (over: Partial<HealthResponse> = {}): HealthResponse => ({
  ready: true,
  status: 'ready',
  model: 'm',
  chunks: 1,
  sections: 1,
  llm: { configured: false, model: null },
  warnings: WARNINGS,
  warningsTotal: 2,
  ...over,
});

beforeEach(() => localStorage.clear());
afterEach(cleanup);

/** Until the health report came through (the banner says it is connecting until then). */
const healthArrived = () => waitFor(() => expect(screen.queryByTestId('health-banner')).toBeNull());

function renderBanner(report: HealthResponse, lang: Lang = 'zh') {
  return render(
    <I18nProvider initial={lang}>
      <HealthProvider fetchHealth={() => Promise.resolve(report)}>
        <HealthBanner />
      </HealthProvider>
    </I18nProvider>,
  );
}

describe('NotesWarningsNotice', () => {
  it('says how many files or headings were skipped and lists each under the details, in Chinese', async () => {
    renderBanner(health());
    const notice = await screen.findByTestId('notes-warnings');
    expect(within(notice).getByText('笔记中有 2 个文件或标题被跳过')).toBeTruthy();
    expect(within(notice).getByText('查看详情')).toBeTruthy();
    expect([...notice.querySelectorAll('li')].map((li) => li.textContent)).toEqual(WARNINGS);
    expect(screen.queryByTestId('health-banner')).toBeNull();
  });

  it('says so in English, and counts the warnings the server left out', async () => {
    renderBanner(health({ warnings: WARNINGS, warningsTotal: 27 }), 'en');
    const notice = await screen.findByTestId('notes-warnings');
    expect(within(notice).getByText('27 files or headings in your notes were skipped')).toBeTruthy();
    expect(within(notice).getByText('See details')).toBeTruthy();
    expect(within(notice).getByText('… and 25 more (npm run ingest lists them all)')).toBeTruthy();
  });

  it('uses the singular for a single warning', async () => {
    renderBanner(health({ warnings: WARNINGS.slice(0, 1), warningsTotal: 1 }), 'en');
    expect(within(await screen.findByTestId('notes-warnings')).getByText('A file or heading in your notes was skipped')).toBeTruthy();
  });

  it('stays dismissed after a reload until the warnings change', async () => {
    const first = renderBanner(health(), 'en');
    fireEvent.click(within(await screen.findByTestId('notes-warnings')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('notes-warnings')).toBeNull();
    first.unmount();

    const again = renderBanner(health(), 'en');
    await healthArrived();
    expect(screen.queryByTestId('notes-warnings')).toBeNull();
    again.unmount();

    renderBanner(health({ warnings: [...WARNINGS, 'new.txt: not a markdown file, skipped; rename it to .md to include it.'], warningsTotal: 3 }), 'en');
    expect(await screen.findByTestId('notes-warnings')).toBeTruthy();
  });

  it('shows nothing when the notes had no warnings', async () => {
    const { container } = renderBanner(health({ warnings: [], warningsTotal: 0 }));
    await healthArrived();
    expect(container.textContent).toBe('');
  });
});
