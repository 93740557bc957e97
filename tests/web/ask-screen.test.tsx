// @vitest-environment jsdom
// The Ask screen against a fake server: a streamed answer with citation chips, and an out-of-scope reply.

import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AskResponse } from '../../web/src/api.js';
import { askQuestion, renderAsk, sseResponse } from '../support/ask-screen.js';

const citation = {
  n: 1,
  questionId: 'q-dilated',
  heading: '11. 卷积神经网络中空洞卷积的作用是什么',
  excerpt: '空洞卷积在保持参数不变的情况下增大了卷积核的感受野 <img src=x onerror=alert(1)>',
  source: { file: 'notes.md', startLine: 38, endLine: 38 },
};
const answered: AskResponse = {
  inScope: true,
  coverage: 'answered',
  answer: '空洞卷积能增大感受野 [1]。',
  citations: [citation],
  mode: 'llm',
  resolvedQuestion: '空洞卷积有什么作用？',
  suggestions: [],
};

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  localStorage.clear();
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AskScreen', () => {
  it('streams the answer when an LLM is configured and turns [1] into a chip that opens the cited section', async () => {
    fetchMock.mockImplementation((url: string) => {
      if (url === '/api/ask/stream') {
        const { answer: _a, notice: _n, ...meta } = answered;
        return Promise.resolve(sseResponse([{ type: 'meta', ...meta }, { type: 'token', text: '空洞卷积能增大' }, { type: 'token', text: '感受野 [1]。' }, { type: 'done', result: answered }]));
      }
      return Promise.resolve(Response.json({ code: 'not_found', message: 'no' }, { status: 404 }));
    });
    await renderAsk(true);
    await askQuestion('空洞卷积有什么作用？');
    // The chip in the text comes first; the sources line under the answer has one too.
    const [chip, source] = await screen.findAllByRole('button', { name: `打开引用 [1]：${citation.heading}` });
    expect(chip!.closest('.markdown')).not.toBeNull();
    expect(source!.closest('.sources')).not.toBeNull();
    expect(screen.getByText('大模型作答')).toBeTruthy();
    const [url, init] = fetchMock.mock.calls.find(([u]) => u === '/api/ask/stream')!;
    expect(url).toBe('/api/ask/stream');
    expect(JSON.parse((init as RequestInit).body as string)).toEqual({ question: '空洞卷积有什么作用？', history: [] });

    fireEvent.click(chip!);
    const panel = await screen.findByTestId('note-panel');
    expect(panel.textContent).toContain('引用 [1] 的原文');
    expect(panel.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(panel.querySelector('img')).toBeNull();
  });

  it('shows an error event from the stream as a failure the user can retry', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(sseResponse([{ type: 'error', code: 'upstream:llm', message: 'model unreachable' }])));
    await renderAsk(true);
    await askQuestion('空洞卷积有什么作用？');
    expect(await screen.findByText('大模型暂时不可用')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });

  it('without an LLM asks POST /api/ask, and out of scope lists the nearest sections instead of an answer', async () => {
    const outside: AskResponse = {
      ...answered,
      inScope: false,
      coverage: 'not_covered',
      answer: '你的笔记里没有涉及这个问题。',
      citations: [],
      mode: 'extractive',
      suggestions: [{ questionId: 'q-bn', heading: '14. 解释批量归一化的原理', hasAnswer: true, source: { file: 'notes.md', startLine: 46, endLine: 47 } }],
    };
    fetchMock.mockImplementation((url: string) => Promise.resolve(url === '/api/ask' ? Response.json(outside) : Response.json({ code: 'x', message: 'x' }, { status: 404 })));
    await renderAsk(false);
    await askQuestion('今天天气怎么样？');
    expect(await screen.findByText('笔记里没有这个问题的答案')).toBeTruthy();
    expect(screen.getByRole('button', { name: '14. 解释批量归一化的原理' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('ask-answer').getAttribute('data-coverage')).toBe('not_covered'));
  });
});
