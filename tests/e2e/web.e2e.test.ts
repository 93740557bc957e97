// End to end in a real browser: Debian's Chromium driven by playwright-core against the real server (npm start's
// entry point) on a free port with a temporary data folder. Screenshots of every screen go to test-artifacts/e2e/.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(PROJECT, 'test-artifacts', 'e2e');
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium) {
  console.warn(`Skipping the browser tests: ${CHROMIUM} is missing (install it with: apt-get install -y chromium).`);
}

/** Answers written the way a candidate would, each touching some of the notes' key points and missing others. */
const ANSWERS: Record<string, string> = {
  padding: 'padding 主要是为了保持边界信息，不加 padding 的话边缘像素只被卷积核扫描一次；另外它能让卷积层输入输出的尺寸保持一致。',
  pooling: 'Pooling 层反向传播时要保证梯度总和不变。max pooling 把梯度只传给前向时取最大值的位置，其他位置为 0；average pooling 把梯度平均分给每个位置。',
  'max pooling': 'Max Pooling 能减少模型参数，一定程度上避免过拟合，还能保证特征的平移不变性。',
};
const FALLBACK_ANSWER = '这个问题我理解的关键是先说结论，再解释原理：它能减少参数量，防止过拟合，并且保持特征不变性。';

function answerFor(question: string): string {
  const lower = question.toLowerCase();
  const key = Object.keys(ANSWERS).find((k) => lower.includes(k));
  return key ? ANSWERS[key]! : FALLBACK_ANSWER;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForReady(base: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 100_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok && ((await res.json()) as { ready: boolean }).ready) return;
    } catch {
      // Not listening yet (it builds the web app and the index first).
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become ready in time:\n${log()}`);
}

describe.skipIf(!haveChromium)('the web app in Chromium', () => {
  let server: ChildProcess;
  let serverLog = '';
  let base: string;
  let dataDir: string;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const shot = async (name: string, options: { fullPage?: boolean } = {}) => {
    await page.waitForTimeout(150); // let transitions settle so screenshots are stable
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: options.fullPage ?? true });
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'tutor-e2e-data-'));
    profileDir = mkdtempSync(path.join(tmpdir(), 'tutor-e2e-chromium-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // No LLM: the tests must not depend on a model service, and the extractive paths are the default.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LLM_') && k !== 'TUTOR_TOKEN'));
    server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: PROJECT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
    await waitForReady(base, server, () => serverLog);

    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 150_000);

  afterAll(async () => {
    await context?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('prints the URL it serves', () => {
    expect(serverLog).toContain(base);
  });

  it('runs a three-question interview with the keyboard, survives a reload, and exports the report', async () => {
    await page.goto(`${base}/interview`);
    await page.getByRole('heading', { name: '开始一场模拟面试' }).waitFor();
    await page.getByRole('radio', { name: '3 题', exact: true }).check();
    await page.getByRole('radio', { name: /按笔记顺序/ }).check();
    await shot('01-interview-setup');
    await page.getByTestId('start-interview').click();
    await page.waitForURL(/\/interview\/[^/]+$/);
    await page.getByTestId('current-question').waitFor();
    await expect.poll(() => page.getByTestId('answer-timer').textContent()).toMatch(/0:0[1-9]/);

    let cards = 0;
    let reloaded = false;
    let followUpShot = false;
    // Three questions, plus any follow-ups the tutor asks: answer whatever is asked until the interview ends.
    for (let turn = 0; turn < 8; turn++) {
      if (await page.getByTestId('interview-done').isVisible()) break;
      const followUp = (await page.getByLabel('回答追问').count()) > 0;
      const question = followUp ? ((await page.getByTestId('follow-up').last().textContent()) ?? '') : ((await page.getByTestId('current-question').locator('h2').textContent()) ?? '');
      const box = page.locator('#answer-input');
      await box.click();

      if (cards === 1 && !reloaded) {
        // Reload mid-interview, with an unsent draft: the session, its feedback and the draft come back.
        await box.fill('草稿：还没写完');
        await page.reload();
        await page.locator('#answer-input').waitFor();
        expect(await page.getByTestId('feedback-card').count()).toBe(1);
        expect(await page.locator('#answer-input').inputValue()).toBe('草稿：还没写完');
        await shot('03-interview-after-reload');
        reloaded = true;
        await page.locator('#answer-input').fill('');
      }

      await page.locator('#answer-input').pressSequentially(answerFor(question), { delay: 0 });
      await page.keyboard.press('Control+Enter');
      cards++;
      await expect.poll(() => page.getByTestId('feedback-card').count(), { timeout: 20_000 }).toBe(cards);
      const latest = page.getByTestId('feedback-card').last();
      if (!followUpShot && (await latest.getByTestId('follow-up').count()) > 0 && (await latest.locator('.point-missed').count()) > 0) {
        // The README's picture: a question, the answer with its matched words marked, and a full feedback card.
        await page.waitForTimeout(1000); // the app's own smooth scroll to the new card ends first
        await latest.locator('xpath=..').evaluate((round) => round.scrollIntoView({ block: 'start' }));
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(ARTIFACTS, 'interview-feedback-follow-up.png') });
        followUpShot = true;
      }
      if (cards === 1) {
        const card = page.getByTestId('feedback-card').first();
        await expect.poll(() => card.getByRole('img', { name: /\/ 10 分/ }).count()).toBe(1);
        expect(await card.locator('mark').count()).toBeGreaterThan(0);
        await card.scrollIntoViewIfNeeded();
        await shot('02-interview-feedback');
        await page.screenshot({ path: path.join(ARTIFACTS, 'interview-feedback-viewport.png') });
      }
    }
    expect(reloaded).toBe(true);
    await page.getByTestId('interview-done').waitFor();
    expect(await page.getByTestId('interview-done').textContent()).toContain('面试结束');
    await shot('04-interview-done');

    // "Show reference" opens the question's note section in the side panel.
    await page.getByTestId('feedback-card').first().getByRole('button', { name: '查看参考答案' }).click();
    await page.getByTestId('note-panel').locator('.markdown').first().waitFor();
    expect(await page.getByTestId('note-panel').locator('h2').textContent()).toContain('padding');
    await page.keyboard.press('Escape');
    await page.getByTestId('note-panel').waitFor({ state: 'detached' });

    await page.getByTestId('show-report').click();
    await page.waitForURL(/\/report$/);
    await page.getByTestId('session-report').waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    expect(await page.getByTestId('report-topics').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('report-score').textContent()).toMatch(/\d/);
    // The server's report: every planned question, and the points most worth reviewing.
    expect(await page.getByTestId('report-question').count()).toBe(3);
    await page.getByTestId('report-weakest').waitFor();
    await shot('05-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    expect(download.suggestedFilename()).toMatch(/^interview-report-.*\.md$/);
    const saved = path.join(ARTIFACTS, 'report.md');
    await download.saveAs(saved);
    const markdown = readFileSync(saved, 'utf8');
    expect(markdown).toContain('# 模拟面试报告');
    expect(markdown).toContain('padding');
  });

  it('asks a question, opens its citation, and shows an out-of-scope reply with the nearest sections', async () => {
    await page.goto(`${base}/ask`);
    await page.locator('#ask-input').fill('空洞卷积有什么作用？');
    await page.keyboard.press('Enter');
    const answer = page.locator('[data-testid=ask-answer][data-coverage=answered]').last();
    await answer.waitFor({ timeout: 20_000 });
    const chip = answer.locator('.markdown button.cite').first();
    await chip.waitFor();
    await shot('06-ask-answer');
    await chip.click();
    const panel = page.getByTestId('note-panel');
    await panel.locator('.excerpt').waitFor();
    expect(await panel.locator('h2').textContent()).toContain('空洞卷积');
    await shot('07-ask-citation', { fullPage: false });
    await page.keyboard.press('Escape');

    await page.locator('#ask-input').fill('今天北京的天气怎么样？');
    await page.keyboard.press('Enter');
    const outside = page.locator('[data-testid=ask-answer][data-coverage=not_covered]').last();
    await outside.waitFor({ timeout: 20_000 });
    expect(await outside.textContent()).toContain('笔记里没有这个问题的答案');
    expect(await outside.locator('.suggestion').count()).toBeGreaterThan(0);
    await shot('08-ask-out-of-scope');
    await outside.locator('.suggestion').first().click();
    await panel.waitFor();
    await page.keyboard.press('Escape');
  });

  it('shows progress updated by the interview, and opens its report from the history', async () => {
    await page.goto(`${base}/progress`);
    const totals = page.getByTestId('progress-totals');
    await totals.waitFor();
    expect(await totals.locator('.stat-value').first().textContent()).toBe('1');
    await page.locator('.recharts-surface').first().waitFor();
    expect(await page.getByTestId('mastery-table').textContent()).toContain('卷积神经网络');
    await page.getByTestId('due-today').waitFor();
    await shot('09-progress');
    const historyScore = await page.getByTestId('session-history').locator('a strong').first().textContent();
    await page.getByTestId('session-history').locator('a').first().click();
    await page.getByTestId('session-report').waitFor();
    expect(page.url()).toMatch(/\/progress\/[^/]+$/);
    expect(await page.getByTestId('report-score').textContent()).toBe(`${historyScore} / 10`);
  });

  it('browses the notes by topic and search, and flags questions without a reference answer', async () => {
    await page.goto(`${base}/notes`);
    await page.locator('.question-list').waitFor();
    const all = await page.locator('.question-row').count();
    expect(all).toBeGreaterThan(50);
    const topics = page.getByRole('navigation', { name: '按主题筛选' });
    await topics.getByRole('button', { name: /目标检测/ }).click();
    await expect.poll(() => page.locator('.question-row').count()).toBeLessThan(all);
    await topics.getByRole('button', { name: /全部主题/ }).click();
    await page.getByLabel(/只看无参考答案/).check();
    await expect.poll(() => page.locator('.question-row').count()).toBeLessThan(all);
    expect(await page.locator('.question-row .badge-warn').count()).toBe(await page.locator('.question-row').count());
    await page.getByLabel(/只看无参考答案/).uncheck();
    await page.getByLabel('搜索题目').fill('感受野');
    await expect.poll(() => page.locator('.question-row').first().textContent()).toContain('感受野');
    await shot('10-notes-search');
    await page.locator('.question-row').first().click();
    await page.getByTestId('note-panel').locator('.markdown').first().waitFor();
    await shot('11-notes-section', { fullPage: false });
    await page.keyboard.press('Escape');
  });

  it('switches to English and remembers it across reloads', async () => {
    await page.goto(`${base}/interview`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Start a mock interview' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Start a mock interview' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shot('12-interview-setup-en');
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByRole('heading', { name: '开始一场模拟面试' }).waitFor();
  });

  it('tells the user when the index is building and when the server is down', async () => {
    await page.route('**/api/health', (route) =>
      route.fulfill({
        json: { ready: false, status: 'indexing', message: 'indexing corpus', model: null, chunks: 0, sections: 0, llm: { configured: false, model: null } },
      }),
    );
    await page.goto(`${base}/notes`);
    await page.locator('[data-testid=health-banner][data-state=indexing]').waitFor();
    await shot('13-state-indexing', { fullPage: false });
    await page.unroute('**/api/health');
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.reload();
    await page.locator('[data-testid=health-banner][data-state=down]').waitFor();
    expect(await page.getByTestId('health-banner').textContent()).toContain('npm start');
    await shot('14-state-server-down', { fullPage: false });
    await page.unroute('**/api/**');
    // Back up: the banner goes away by itself.
    await page.locator('[data-testid=health-banner]').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('fits a 360 px phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const [screen, name] of [
      ['/interview', '15-phone-interview'],
      ['/ask', '16-phone-ask'],
      ['/notes', '17-phone-notes'],
      ['/progress', '18-phone-progress'],
    ] as const) {
      await page.goto(`${base}${screen}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // The viewport, as a phone shows it (a full-page capture would smear the sticky header down the page).
      await shot(name, { fullPage: false });
    }
    // A session's report too: its chart, weak points and question rows wrap instead of widening the page.
    await page.goto(`${base}/progress`);
    await page.getByTestId('session-history').locator('a').first().click();
    await page.getByTestId('report-weakest').waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByTestId('report-weakest').scrollIntoViewIfNeeded();
    await shot('19-phone-report', { fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('keeps the browser console free of page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
