// @vitest-environment jsdom
// The session report screen against a fake server: it shows the server's report (GET /api/sessions/:id/report) as is.

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HealthResponse, QuestionDetail, SessionReportResponse } from '../../web/src/api.js';
import { NotePanelProvider } from '../../web/src/components/note-panel.js';
import type { TopicScoreChartProps } from '../../web/src/components/topic-score-chart.js';
import { HealthProvider } from '../../web/src/hooks/use-health.js';
import { I18nProvider, type Lang } from '../../web/src/i18n.js';
import { RouterProvider } from '../../web/src/router.js';
import { ProgressScreen } from '../../web/src/screens/progress-screen.js';
import { questionReport } from '../support/question-report.js';

// recharts needs a laid-out page (jsdom has none): the chart shows the data it was given instead.
vi.mock('../../web/src/components/topic-score-chart.js', () => ({
  default: ({ data }: TopicScoreChartProps) => <div data-testid="chart">{data.map((d) => `${d.name}=${d.score}`).join(';')}</div>,
}));

const question = (position: number, over: Partial<SessionReportResponse['questions'][number]>): SessionReportResponse['questions'][number] =>
  questionReport(position, over);

/** Numbers as the server sent them; some (4.2 overall, 7.5 for a topic) could not be worked out from the questions shown. */
const report: SessionReportResponse = {
  sessionId: 's1',
  createdAt: '2025-03-03T01:00:00.000Z',
  finishedAt: '2025-03-03T01:10:00.000Z',
  status: 'finished',
  endReason: 'finished_early',
  strategy: 'sequential',
  overall: { score: 4.2, asked: 3, answered: 2, skipped: 1, followUps: 1, totalTimeMs: 95_000 },
  topics: [
    { id: 'cnn', label: { zh: '卷积神经网络', en: 'CNNs' }, score: 4.2, questions: 3 },
    { id: 'opt', label: { zh: '优化与训练', en: 'Optimisation' }, score: 7.5, questions: 1 },
  ],
  questions: [
    question(0, {
      heading: '1. pooling的作用和缺点',
      topics: ['cnn', 'opt'],
      answer: '池化能减少参数。',
      score: 7.5,
      verdict: 'good',
      covered: ['减少参数', '防止过拟合'],
      partial: ['平移不变性'],
      missed: ['**池化**会丢失位置信息'],
      feedback: '再说说缺点。',
      durationMs: 65_000,
      followUp: { prompt: '池化有什么缺点？', target: '**池化**会丢失位置信息', skipped: false, answer: '会丢信息', score: 4, targetStatus: 'partial', durationMs: 12_000, metrics: null },
    }),
    question(1, { score: 5.1, verdict: 'partial', covered: ['要点甲'], missed: ['要点乙'], durationMs: 18_000 }),
    question(2, { outcome: 'skipped' }),
    question(3, { outcome: 'unasked' }),
  ],
  weakest: [
    { point: '3. 问题2', questionId: 'q2', heading: '3. 问题2', reason: 'skipped', loss: 1 },
    { point: '**池化**会丢失位置信息', questionId: 'q0', heading: '1. pooling的作用和缺点', reason: 'missed', loss: 0.4 },
    { point: '平移不变性', questionId: 'q0', heading: '1. pooling的作用和缺点', reason: 'partial', loss: 0.15 },
  ],
  delivery: { averageLength: 8, fillerCount: 0, fillers: {}, averageTimeToFirstKeyPointMs: null },
};

const health: HealthResponse = { ready: true, status: 'ready', model: 'm', chunks: 1, sections: 1, llm: { configured: false, model: null } };
const section: QuestionDetail = { id: 'q0', number: 1, heading: '1. pooling的作用和缺点', answer: '池化的全文。', hasReference: true, topics: ['cnn'], source: { file: 'n.md', startLine: 1, endLine: 2 } };

let fetchMock: ReturnType<typeof vi.fn>;
const requested = () => fetchMock.mock.calls.map(([url]) => url as string);

beforeEach(() => {
  localStorage.clear();
  fetchMock = vi.fn((url: string) => {
    if (url === '/api/sessions/s1/report') return Promise.resolve(Response.json(report));
    if (url === '/api/questions/q0') return Promise.resolve(Response.json(section));
    // The export echoes the language it was asked for, so a test can see which one the download holds.
    if (url.startsWith('/api/sessions/s1/report.md?')) return Promise.resolve(new Response(`# report ${new URLSearchParams(url.split('?')[1]).get('lang')}\n`));
    return Promise.resolve(Response.json({ code: 'not_found', message: 'no' }, { status: 404 }));
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function renderReport(lang: Lang = 'zh') {
  render(
    <I18nProvider initial={lang}>
      <HealthProvider fetchHealth={() => Promise.resolve(health)}>
        <RouterProvider>
          <NotePanelProvider>
            <ProgressScreen sessionId="s1" />
          </NotePanelProvider>
        </RouterProvider>
      </HealthProvider>
    </I18nProvider>,
  );
  return screen.findByTestId('session-report');
}

const rows = (table: HTMLElement) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));

describe('SessionReportView', () => {
  it('asks the server for the report and shows its overall and per-topic scores without computing any', async () => {
    await renderReport();
    expect(requested()).toEqual(['/api/sessions/s1/report']);
    expect(screen.getByTestId('report-score').textContent).toBe('4.2 / 10');
    expect(screen.getByText('1 分 35 秒')).toBeTruthy();
    expect(rows(screen.getByTestId('report-topics'))).toEqual([
      ['卷积神经网络', '4.2', '3'],
      ['优化与训练', '7.5', '1'],
    ]);
    expect((await screen.findByTestId('chart')).textContent).toBe('卷积神经网络=4.2;优化与训练=7.5');
  });

  it('shows each question with the server’s score, covered / partial / missed points, time and follow-up', async () => {
    await renderReport();
    const [first, second, skipped, unasked] = screen.getAllByTestId('report-question');
    const first_ = within(first!);
    expect(first_.getByTestId('report-question-score').textContent).toBe('7.5 / 10');
    expect(first_.getByText('卷积神经网络')).toBeTruthy();
    expect(first_.getByText('优化与训练')).toBeTruthy();
    expect(first_.getByText('答到 2/4 个要点')).toBeTruthy();
    expect(first_.getByText('部分答到 1 个')).toBeTruthy();
    expect(first!.textContent).toContain('1 分 5 秒');
    expect(first_.getByText('遗漏的 1 个要点').closest('details')!.querySelector('li')!.textContent).toBe('池化会丢失位置信息');
    expect(first_.getByText('部分答到的 1 个要点').closest('details')!.querySelector('li')!.textContent).toBe('平移不变性');
    expect(first_.getByText('4 / 10 分 · 追问的要点：部分答到 · 12 秒')).toBeTruthy();
    expect(within(second!).getByTestId('report-question-score').textContent).toBe('5.1 / 10');
    expect(within(skipped!).getByTestId('report-question-score').textContent).toBe('已跳过');
    expect(within(skipped!).getByRole('img').getAttribute('aria-label')).toBe('0 / 10 分');
    expect(unasked!.getAttribute('data-outcome')).toBe('unasked');
    expect(within(unasked!).getByTestId('report-question-score').textContent).toBe('未作答（提前结束）');
  });

  it('lists the weakest points worst first and opens a missed one in the notes with the point quoted', async () => {
    await renderReport();
    const items = within(screen.getByTestId('report-weakest')).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.weak-point')!.textContent)).toEqual(['问题2', '池化会丢失位置信息', '平移不变性']);
    expect(items[0]!.textContent).toContain('整题跳过');
    expect(items[1]!.textContent).toContain('遗漏');
    expect(items[1]!.textContent).toContain('出自「pooling的作用和缺点」');
    expect(items[2]!.textContent).toContain('只答到一部分');
    fireEvent.click(within(items[1]!).getByRole('button', { name: '在笔记中查看' }));
    const panel = await screen.findByTestId('note-panel');
    expect(panel.querySelector('.excerpt')!.textContent).toContain('你遗漏的要点');
    expect(panel.querySelector('.excerpt')!.textContent).toContain('池化会丢失位置信息');
    expect(await within(panel).findByText('池化的全文。')).toBeTruthy();
  });

  it('uses the topic names the report carries in the reader’s language', async () => {
    await renderReport('en');
    expect(rows(screen.getByTestId('report-topics')).map((r) => r[0])).toEqual(['CNNs', 'Optimisation']);
  });

  // Bug: the Markdown export was all Chinese even for a reader of the English interface.
  it('downloads the Markdown report in the language the reader is using', async () => {
    // jsdom has no object URLs and does not download: record what would be saved instead.
    const saved: { name: string; blob: Blob }[] = [];
    const objectUrls = new Map<string, Blob>();
    vi.stubGlobal(
      'URL',
      class extends URL {
        static override createObjectURL(blob: Blob): string {
          const url = `blob:${objectUrls.size}`;
          objectUrls.set(url, blob);
          return url;
        }
        static override revokeObjectURL(): void {}
      },
    );
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: objectUrls.get(this.getAttribute('href')!)! });
    });

    for (const lang of ['en', 'zh'] as const) {
      await renderReport(lang);
      fireEvent.click(screen.getByTestId('export-markdown'));
      await vi.waitFor(() => expect(saved).toHaveLength(lang === 'en' ? 1 : 2));
      cleanup();
    }
    expect(requested().filter((url) => url.includes('report.md'))).toEqual(['/api/sessions/s1/report.md?lang=en', '/api/sessions/s1/report.md?lang=zh']);
    expect(saved.map((s) => s.name)).toEqual(['interview-report-2025-03-03-s1.md', 'interview-report-2025-03-03-s1.md']);
    expect(await Promise.all(saved.map((s) => s.blob.text()))).toEqual(['# report en\n', '# report zh\n']);
  });

  it('offers to resume an interview that is not finished, with no score or weak points before the first answer', async () => {
    const fresh: SessionReportResponse = {
      ...report,
      status: 'active',
      endReason: null,
      finishedAt: null,
      overall: { score: null, asked: 0, answered: 0, skipped: 0, followUps: 0, totalTimeMs: 0 },
      questions: [question(0, { outcome: 'in_progress' }), question(1, { outcome: 'unasked' })],
      weakest: [],
    };
    fetchMock.mockImplementation(() => Promise.resolve(Response.json(fresh)));
    await renderReport();
    expect(screen.getByRole('link', { name: '继续' }).getAttribute('href')).toBe('/interview/s1');
    expect(screen.getByTestId('report-score').textContent).toBe('— / 10');
    expect(screen.queryByTestId('report-weakest')).toBeNull();
    expect(within(screen.getByTestId('report-questions')).getAllByTestId('report-question').map((q) => q.getAttribute('data-outcome'))).toEqual(['in_progress', 'unasked']);
  });
});
