// An in-process ChatModel for unit tests: scripted replies (text, delay or failure) and the messages it was sent.

import type { ChatMessage, ChatModel, ChatOptions } from '../../server/llm/types.js';
import { ChatTimeoutError } from '../../server/llm/errors.js';

export type FakeChatReply = string | Error | { text: string; delayMs: number } | ((messages: ChatMessage[]) => string);

export class FakeChatModel implements ChatModel {
  readonly model = 'fake-chat';
  readonly calls: ChatMessage[][] = [];
  private next = 0;

  /** Replies are used in order; the last one repeats. */
  constructor(private readonly replies: FakeChatReply[]) {}

  async complete(messages: ChatMessage[], options: ChatOptions = {}): Promise<string> {
    this.calls.push(messages);
    const reply = this.replies[Math.min(this.next++, this.replies.length - 1)] ?? '';
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(messages);
    if (typeof reply === 'string') return reply;
    if (options.timeoutMs !== undefined && reply.delayMs > options.timeoutMs) {
      await sleep(options.timeoutMs, options.signal);
      throw new ChatTimeoutError(options.timeoutMs);
    }
    await sleep(reply.delayMs, options.signal);
    return reply.text;
  }

  async *stream(messages: ChatMessage[], options: ChatOptions = {}): AsyncIterable<string> {
    const text = await this.complete(messages, options);
    for (const part of text.match(/[\s\S]{1,4}/g) ?? []) yield part;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    });
  });
}
