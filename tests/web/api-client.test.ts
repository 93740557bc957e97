// The web client's pure helpers: reading server-sent events, joining overlapping chunks, finding words to highlight.

import { describe, expect, it } from 'vitest';
import { readServerEvents, type ServerEvent } from '../../web/src/api.js';
import { findRanges } from '../../web/src/components/highlight.js';
import { plainText } from '../../web/src/format.js';

function streamOf(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>): Promise<ServerEvent[]> {
  const events: ServerEvent[] = [];
  for await (const event of readServerEvents(body)) events.push(event);
  return events;
}

describe('readServerEvents', () => {
  it('reads named events whose data arrives split across chunks, including a multi-byte character cut in two', async () => {
    const bytes = new TextEncoder().encode('event: token\ndata: {"type":"token","text":"卷积"}\n\n');
    const cut = bytes.indexOf(0xe5) + 1; // inside 卷
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, cut));
        controller.enqueue(bytes.slice(cut));
        controller.close();
      },
    });
    expect(await collect(body)).toEqual([{ event: 'token', data: '{"type":"token","text":"卷积"}' }]);
  });

  it('joins multi-line data, skips comments, accepts CRLF and a last event without a blank line', async () => {
    const events = await collect(streamOf(': keep-alive\r\n\r\ndata: a\r\ndata: b\r\n\r\n', 'event: done\ndata: {}'));
    expect(events).toEqual([
      { event: 'message', data: 'a\nb' },
      { event: 'done', data: '{}' },
    ]);
  });
});

describe('findRanges', () => {
  it('finds each phrase case-insensitively and merges overlapping ones', () => {
    const text = 'Dropout 随机丢弃神经元，防止过拟合';
    expect(findRanges(text, ['dropout', '随机丢弃', '丢弃神经元', '不存在'])).toEqual([
      { start: 0, end: 7 },
      { start: 8, end: 15 },
    ]);
  });
});

describe('plainText', () => {
  it('drops markdown markers from a preview', () => {
    expect(plainText('**特征金字塔**: 不同\n- 1、主干 `x`\n## 标题')).toBe('特征金字塔: 不同 1、主干 x 标题');
  });
});
