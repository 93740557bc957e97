// The optional chat model seam: one interface over any OpenAI-compatible endpoint (or a fake in tests).

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatOptions {
  /** Aborting stops the upstream request. */
  signal?: AbortSignal;
  /** Give up after this many milliseconds (the caller then falls back to the no-LLM path). */
  timeoutMs?: number;
}

export interface ChatModel {
  /** The model's name as configured (shown in /api/health). */
  readonly model: string;
  /** The whole reply. */
  complete(messages: ChatMessage[], options?: ChatOptions): Promise<string>;
  /** The reply as it is generated, token by token. */
  stream(messages: ChatMessage[], options?: ChatOptions): AsyncIterable<string>;
}
