// @vitest-environment jsdom
// LLM replies are untrusted text like the notes: streamed into Ask token by token (HTML split across tokens
// included), as the final answer, as a notice, and as grading feedback — shown as text, never as HTML.

import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AskResponse, GradeView } from '../../web/src/api.js';
import { FeedbackCard } from '../../web/src/components/feedback-card.js';
import { I18nProvider } from '../../web/src/i18n.js';
import { askQuestion, controlledSse, renderAsk } from '../support/ask-screen.js';

const HOSTILE_TOKENS = ['空洞卷积能增大感受野 [1]。<scr', 'ipt>alert(1)</script> <img src=x ', 'onerror=alert(2)> ', '[点我](javascript:alert(3)) ', '<iframe src="//evil.example"></iframe>'];
const HOSTILE_ANSWER = HOSTILE_TOKENS.join('');
const DANGEROUS = 'script, img, iframe, object, embed, [onerror], [onclick], [onmouseover], a[href^="javascript:"]';

const citation = {
  n: 1,
  questionId: 'q-dilated',
  heading: '11. 卷积神经网络中空洞卷积的作用是什么',
  excerpt: '空洞卷积在保持参数不变的情况下增大了卷积核的感受野',
  source: { file: 'notes.md', startLine: 38, endLine: 38 },
};
const result: AskResponse = {
  inScope: true,
  coverage: 'answered',
  answer: HOSTILE_ANSWER,
  citations: [citation],
  mode: 'llm',
  resolvedQuestion: '空洞卷积有什么作用？<img src=x onerror=alert(4)>',
  suggestions: [],
  notice: '<b onmouseover=alert(5)>模型提示</b>',
};

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('an LLM reply in Ask', () => {
  it('stays text while it streams and after it is done', async () => {
    const { answer: _a, notice: _n, ...meta } = result;
    const stream = controlledSse([
      { type: 'meta', ...meta },
      ...HOSTILE_TOKENS.map((text) => ({ type: 'token', text })),
      { type: 'notice', message: result.notice },
      { type: 'done', result },
    ]);
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(stream.response)));
    const container = await renderAsk(true);
    await askQuestion('空洞卷积有什么作用？');

    // Half-way: the tag is split across tokens, the worst moment for a renderer that concatenates HTML.
    await act(async () => stream.release(3));
    await waitFor(() => expect(container.textContent).toContain('<scr'));
    expect(container.querySelectorAll(DANGEROUS)).toHaveLength(0);

    await act(async () => stream.release(10));
    await waitFor(() => expect(container.textContent).toContain('<iframe src="//evil.example"></iframe>'));
    expect(container.textContent).toContain('<script>alert(1)</script>');
    expect(container.textContent).toContain('<img src=x onerror=alert(2)>');
    expect(container.querySelectorAll(DANGEROUS)).toHaveLength(0);
    // The [1] citation still works: markdown structure is kept, only HTML is not.
    expect(screen.getAllByRole('button', { name: `打开引用 [1]：${citation.heading}` }).length).toBeGreaterThan(0);
  });
});

describe('LLM grading feedback', () => {
  it('shows feedback and a follow-up holding HTML as text', () => {
    const grade: GradeView = {
      score: 4,
      maxScore: 10,
      verdict: 'partial',
      keyPoints: [{ text: '增大感受野', status: 'missed', weight: 1 }],
      feedback: '<img src=x onerror=alert(1)>再具体一些<script>alert(2)</script>',
      followUp: '<iframe src="//evil.example"></iframe>那感受野是多少？',
      grader: 'llm',
    };
    const { container } = render(
      <I18nProvider initial="zh">
        <FeedbackCard grade={grade} />
      </I18nProvider>,
    );
    expect(container.querySelectorAll(DANGEROUS)).toHaveLength(0);
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>再具体一些');
    expect(container.textContent).toContain('<iframe src="//evil.example"></iframe>那感受野是多少？');
  });
});
