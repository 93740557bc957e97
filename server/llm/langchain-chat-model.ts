// ChatModel over any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp, LM Studio …) through LangChain.

import type { BaseMessageLike } from '@langchain/core/messages';
import { ChatOpenAICompletions } from '@langchain/openai';
import { ChatTimeoutError, ChatUpstreamError } from './errors.js';
import type { ChatMessage, ChatModel, ChatOptions } from './types.js';

export interface LangChainChatModelOptions {
  /** Base URL of the API, including the `/v1` prefix when the server uses one (e.g. `http://127.0.0.1:11434/v1`). */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Default time limit per call in milliseconds; a call's own `timeoutMs` overrides it. */
  timeoutMs: number;
  /** Sampling temperature; 0 by default because grading and answering from notes should be repeatable. */
  temperature?: number;
  /** Upper bound on generated tokens per reply. */
  maxTokens?: number;
}

/**
 * Uses the chat-completions flavour of LangChain's OpenAI model explicitly: plain `ChatOpenAI` switches some
 * model names to OpenAI's Responses API, which local OpenAI-compatible servers do not implement.
 */
export class LangChainChatModel implements ChatModel {
  readonly model: string;
  private readonly chat: ChatOpenAICompletions;

  constructor(private readonly options: LangChainChatModelOptions) {
    this.model = options.model;
    this.chat = new ChatOpenAICompletions({
      model: options.model,
      apiKey: options.apiKey,
      temperature: options.temperature ?? 0,
      ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
      // Retries would multiply the caller's time budget; the callers have a no-LLM fallback instead.
      maxRetries: 0,
      streamUsage: false,
      configuration: { baseURL: options.baseUrl },
    });
  }

  async complete(messages: ChatMessage[], options: ChatOptions = {}): Promise<string> {
    const limit = this.limit(options);
    const { signal, cleanup } = limit;
    try {
      const reply = await this.chat.invoke(toLangChain(messages), { signal });
      return textOf(reply.content);
    } catch (error) {
      throw translate(error, limit, options.signal);
    } finally {
      cleanup();
    }
  }

  async *stream(messages: ChatMessage[], options: ChatOptions = {}): AsyncIterable<string> {
    const limit = this.limit(options);
    const { signal, cleanup } = limit;
    try {
      const chunks = await this.chat.stream(toLangChain(messages), { signal });
      for await (const chunk of chunks) {
        // LangChain ends an aborted stream quietly; the caller must still learn that the reply is cut short.
        signal.throwIfAborted();
        const text = textOf(chunk.content);
        if (text) yield text;
      }
      signal.throwIfAborted();
    } catch (error) {
      throw translate(error, limit, options.signal);
    } finally {
      cleanup();
    }
  }

  /** One signal that fires on the caller's abort or on the time limit, whichever comes first. */
  private limit(options: ChatOptions): Limit {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(new ChatTimeoutError(timeoutMs)), timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
    return { signal, timer: timer.signal, timeoutMs, cleanup: () => clearTimeout(handle) };
  }
}

interface Limit {
  signal: AbortSignal;
  timer: AbortSignal;
  timeoutMs: number;
  cleanup: () => void;
}

/** LangChain reports every abort alike; which signal fired tells a timeout from the caller giving up. */
function translate(error: unknown, limit: Limit, callerSignal: AbortSignal | undefined): Error {
  if (error instanceof ChatTimeoutError || error instanceof ChatUpstreamError) return error;
  if (limit.timer.aborted) return new ChatTimeoutError(limit.timeoutMs);
  if (callerSignal?.aborted) return callerSignal.reason instanceof Error ? callerSignal.reason : new Error('The request was aborted');
  const message = error instanceof Error ? error.message : String(error);
  return new ChatUpstreamError(message, { cause: error });
}

function toLangChain(messages: ChatMessage[]): BaseMessageLike[] {
  return messages.map((m) => ({ role: m.role, content: m.content }));
}

/** Message content is a string for text models, or a list of parts; only the text parts are kept. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : '')).join('');
  }
  return '';
}
