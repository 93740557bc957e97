// Chooses the chat model from configuration: none unless an endpoint and model are configured.

import type { Config } from '../config.js';
import { LangChainChatModel } from './langchain-chat-model.js';
import type { ChatModel } from './types.js';

export function createChatModel(config: Pick<Config, 'llm'>): ChatModel | null {
  if (!config.llm) return null;
  const { baseUrl, apiKey, model, timeoutMs } = config.llm;
  return new LangChainChatModel({ baseUrl, apiKey, model, timeoutMs });
}
