// The Ask screen rendered as the app renders it, against a stubbed fetch, and the server-sent events it reads.

import { act, fireEvent, render, screen } from '@testing-library/react';
import type { HealthResponse } from '../../web/src/api.js';
import { NotePanelProvider } from '../../web/src/components/note-panel.js';
import { HealthProvider } from '../../web/src/hooks/use-health.js';
import { I18nProvider } from '../../web/src/i18n.js';
import { AskScreen } from '../../web/src/screens/ask-screen.js';

export function healthWith(llm: boolean): HealthResponse {
  return { ready: true, status: 'ready', model: 'm', chunks: 1, sections: 1, llm: { configured: llm, model: llm ? 'fake-llm' : null } };
}

const encoder = new TextEncoder();
const encode = (e: object) => encoder.encode(`event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`);
const sseHeaders = { 'content-type': 'text/event-stream' };

/** An SSE response carrying all `events` at once. */
export function sseResponse(events: object[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const e of events) controller.enqueue(encode(e));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: sseHeaders });
}

/** An SSE response whose events arrive only when `release()` is called. */
export function controlledSse(events: object[]) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  let next = 0;
  return {
    response: new Response(body, { status: 200, headers: sseHeaders }),
    release(count = 1) {
      for (let i = 0; i < count && next < events.length; i++, next++) controller.enqueue(encode(events[next]!));
      if (next === events.length) controller.close();
    },
  };
}

/** Renders Ask in Chinese and waits until it knows whether an LLM answers. */
export async function renderAsk(llm: boolean): Promise<HTMLElement> {
  const { container } = render(
    <I18nProvider initial="zh">
      <HealthProvider fetchHealth={() => Promise.resolve(healthWith(llm))}>
        <NotePanelProvider>
          <AskScreen />
        </NotePanelProvider>
      </HealthProvider>
    </I18nProvider>,
  );
  await screen.findByText(llm ? '由 fake-llm 根据你的笔记作答，并标注出处。' : '回答直接摘自你的笔记，并标注出处。');
  return container;
}

/** Types a question and sends it with Enter. */
export async function askQuestion(question: string): Promise<void> {
  const input = screen.getByLabelText('你的问题');
  fireEvent.change(input, { target: { value: question } });
  await act(async () => {
    fireEvent.keyDown(input, { key: 'Enter' });
  });
}
