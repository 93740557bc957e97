// @vitest-environment jsdom
// LLM replies are untrusted text like the notes: streamed into Ask token by token (HTML split across tokens
// included), as the final answer, as a notice, and as grading feedback — shown as text, never as HTML.

import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AskResponse, GradeView, HealthResponse } from '../../web/src/api.js';
import { FeedbackCard } from '../../web/src/components/feedback-card.js';
import { NotePanelProvider } from '../../web/src/components/note-panel.js';
import { HealthProvider } from '../../web/src/hooks/use-health.js';
import { I18nProvider } from '../../web/src/i18n.js';
import { AskScreen } from '../../web/src/screens/ask-screen.js';

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

const health: HealthResponse = { ready: true, status: 'ready', model: 'm', chunks: 1, sections: 1, llm: { configured: true, model: 'fake-llm' } };

/** An SSE response whose events arrive one by one when `release()` is called. */
function controlledStream(events: object[]) {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  let next = 0;
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    release(count = 1) {
      for (let i = 0; i < count && next < events.length; i++, next++) {
        const e = events[next] as { type: string };
        controller.enqueue(encoder.encode(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
      }
      if (next === events.length) controller.close();
    },
  };
}

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
    const stream = controlledStream([
      { type: 'meta', ...meta },
      ...HOSTILE_TOKENS.map((text) => ({ type: 'token', text })),
      { type: 'notice', message: result.notice },
      { type: 'done', result },
    ]);
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(stream.response)));
    const { container } = render(
      <I18nProvider initial="zh">
        <HealthProvider fetchHealth={() => Promise.resolve(health)}>
          <NotePanelProvider>
            <AskScreen />
          </NotePanelProvider>
        </HealthProvider>
      </I18nProvider>,
    );
    await screen.findByText('由 fake-llm 根据你的笔记作答，并标注出处。');
    const input = screen.getByLabelText('你的问题');
    fireEvent.change(input, { target: { value: '空洞卷积有什么作用？' } });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });

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
