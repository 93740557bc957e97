// Chooses the chat model from configuration: none unless an endpoint and model are configured.

import type { Config } from '../config.js';
import type { LangChainChatModelOptions } from './langchain-chat-model.js';
import type { ChatMessage, ChatModel, ChatOptions } from './types.js';

export function createChatModel(config: Pick<Config, 'llm'>): ChatModel | null {
  if (!config.llm) return null;
  const { baseUrl, apiKey, model, timeoutMs } = config.llm;
  return new LazyLangChainChatModel({ baseUrl, apiKey, model, timeoutMs });
}

/**
 * Imports LangChain on the first call: loading it costs ~65 MB of server memory (measured with
 * scripts/bench-http.ts), which a tutor without an LLM should not pay, and a static import would charge everyone.
 */
class LazyLangChainChatModel implements ChatModel {
  readonly model: string;
  private chat: Promise<ChatModel> | undefined;

  constructor(private readonly options: LangChainChatModelOptions) {
    this.model = options.model;
  }

  async complete(messages: ChatMessage[], options?: ChatOptions): Promise<string> {
    return (await this.load()).complete(messages, options);
  }

  async *stream(messages: ChatMessage[], options?: ChatOptions): AsyncIterable<string> {
    yield* (await this.load()).stream(messages, options);
  }

  private load(): Promise<ChatModel> {
    this.chat ??= import('./langchain-chat-model.js').then(({ LangChainChatModel }) => new LangChainChatModel(this.options));
    return this.chat;
  }
}
