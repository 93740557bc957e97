// A ChatModel for Ask tests whose tokens come on a schedule: steady, stalling after some tokens, or failing; it
// records the signal of every call so tests can see that leaving stops it.

import type { ChatMessage, ChatModel, ChatOptions } from '../../server/llm/types.js';

export interface Script {
  tokens: string[];
  /** Pause before each token. */
  tokenDelayMs?: number;
  /** After this many tokens nothing more comes until the call is aborted. */
  stallAfter?: number;
  /** Thrown instead of the first token. */
  error?: Error;
}

export class ScriptedChatModel implements ChatModel {
  readonly model = 'scripted';
  readonly calls: { messages: ChatMessage[]; signal: AbortSignal | undefined }[] = [];

  constructor(private readonly script: Script) {}

  /** The signal of the last call. */
  get lastSignal(): AbortSignal | undefined {
    return this.calls.at(-1)?.signal;
  }

  async complete(messages: ChatMessage[], options: ChatOptions = {}): Promise<string> {
    this.calls.push({ messages, signal: options.signal });
    let text = '';
    for await (const token of this.tokens(options.signal)) text += token;
    return text;
  }

  stream(messages: ChatMessage[], options: ChatOptions = {}): AsyncIterable<string> {
    this.calls.push({ messages, signal: options.signal });
    return this.tokens(options.signal);
  }

  private async *tokens(signal: AbortSignal | undefined): AsyncGenerator<string> {
    const { tokens, tokenDelayMs = 0, stallAfter = Infinity, error } = this.script;
    if (error) throw error;
    for (const [i, token] of tokens.entries()) {
      if (i >= stallAfter) await wait(Infinity, signal);
      await wait(tokenDelayMs, signal);
      yield token;
    }
  }
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
