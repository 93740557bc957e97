// The web client's only door to the server: every request, typed by the server's own schemas (server/api/schemas.ts).

import type {
  AnswerRequest,
  AskRequest,
  AskResponse,
  AskStreamEvent,
  AttemptView,
  CreateSessionRequest,
  DueResponse,
  ErrorResponse,
  HealthResponse,
  ProgressResponse,
  QuestionDetailResponse,
  QuestionsResponse,
  ReportMarkdownQuery,
  SearchRequest,
  SearchResponse,
  SessionDetailResponse,
  SessionListResponse,
  SessionReportResponse,
  SessionView,
  SkipRequest,
  StepResponse,
} from '../../server/api/schemas.js';

// Screens take their types from here too, so this file stays the one place that knows where the server's schemas live.
export type * from '../../server/api/schemas.js';

const TOKEN_KEY = 'tutor.token';

/**
 * A failed request. `status` is the HTTP status, or 0 when the server could not be reached at all;
 * `code` is the server's error code (`not_ready:index`, `bad_request:validation`, …) or `network`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server is not reachable (stopped, restarting, or the network is down). */
  get offline(): boolean {
    return this.status === 0;
  }

  /** The notes index is still being built or failed to load. */
  get notReady(): boolean {
    return this.status === 503;
  }
}

/** The access token for a tutor started with TUTOR_TOKEN (kept in this browser only). */
export const accessToken = {
  get(): string | null {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null): void {
    try {
      if (token) localStorage.setItem(TOKEN_KEY, token);
      else localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Storage disabled: the token cannot be remembered.
    }
  },
};

function headers(json: boolean): Record<string, string> {
  const result: Record<string, string> = { accept: 'application/json' };
  if (json) result['content-type'] = 'application/json';
  const token = accessToken.get();
  if (token) result['authorization'] = `Bearer ${token}`;
  return result;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ErrorResponse> = {};
  try {
    body = (await response.json()) as Partial<ErrorResponse>;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status text.
  }
  return new ApiError(response.status, body.code ?? `http_${response.status}`, body.message ?? (response.statusText || `HTTP ${response.status}`));
}

async function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(body !== undefined),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', (error as Error).message || 'network error');
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await send(method, path, body, signal);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** One server-sent event: its `event:` name (default `message`) and its `data:` lines joined. */
export interface ServerEvent {
  event: string;
  data: string;
}

/** Reads a text/event-stream body event by event. */
export async function* readServerEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const parsed = parseEventBlock(block);
        if (parsed) yield parsed;
      }
    }
    const last = parseEventBlock(buffer);
    if (last) yield last;
  } finally {
    reader.releaseLock();
  }
}

function parseEventBlock(block: string): ServerEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}

export type QuestionSummary = QuestionsResponse['questions'][number];
export type TopicDto = QuestionsResponse['topics'][number];
export type GradeView = NonNullable<AttemptView['grade']>;
export type DueItem = DueResponse['due'][number];

/** One note section as the side panel shows it. */
export type QuestionDetail = QuestionDetailResponse;

const sessionPath = (id: string, rest = '') => `/api/sessions/${encodeURIComponent(id)}${rest}`;

export const api = {
  health: (signal?: AbortSignal) => request<HealthResponse>('GET', '/api/health', undefined, signal),
  search: (body: SearchRequest, signal?: AbortSignal) => request<SearchResponse>('POST', '/api/search', body, signal),
  questions: (signal?: AbortSignal) => request<QuestionsResponse>('GET', '/api/questions', undefined, signal),
  question: (id: string, signal?: AbortSignal) => request<QuestionDetail>('GET', `/api/questions/${encodeURIComponent(id)}`, undefined, signal),
  startSession: (body: CreateSessionRequest) => request<{ session: SessionView }>('POST', '/api/sessions', body),
  sessions: (signal?: AbortSignal) => request<SessionListResponse>('GET', '/api/sessions', undefined, signal),
  session: (id: string, signal?: AbortSignal) => request<SessionDetailResponse>('GET', sessionPath(id), undefined, signal),
  answer: (id: string, body: AnswerRequest, signal?: AbortSignal) => request<StepResponse>('POST', sessionPath(id, '/answers'), body, signal),
  skip: (id: string, body: SkipRequest) => request<StepResponse>('POST', sessionPath(id, '/skip'), body),
  pause: (id: string) => request<{ session: SessionView }>('POST', sessionPath(id, '/pause')),
  resume: (id: string) => request<{ session: SessionView }>('POST', sessionPath(id, '/resume')),
  finish: (id: string) => request<{ session: SessionView }>('POST', sessionPath(id, '/finish')),
  /** The session's report as the server computes it (scores, each question's points, weakest points). */
  report: (id: string, signal?: AbortSignal) => request<SessionReportResponse>('GET', sessionPath(id, '/report'), undefined, signal),
  /** The report as a Markdown file, its fixed text in `lang` (the reader's interface language). */
  async reportMarkdown(id: string, lang: NonNullable<ReportMarkdownQuery['lang']>): Promise<string> {
    const response = await send('GET', sessionPath(id, `/report.md?lang=${encodeURIComponent(lang)}`));
    return response.text();
  },
  due: (signal?: AbortSignal) => request<DueResponse>('GET', '/api/review/due', undefined, signal),
  progress: (signal?: AbortSignal) => request<ProgressResponse>('GET', '/api/progress', undefined, signal),
  ask: (body: AskRequest, signal?: AbortSignal) => request<AskResponse>('POST', '/api/ask', body, signal),
  /**
   * The answer as server-sent events: one `meta`, `token`s (maybe `notice`/`reset`), then `done`.
   * An `error` event is thrown as an ApiError, so callers handle one kind of failure.
   */
  async *askStream(body: AskRequest, signal?: AbortSignal): AsyncGenerator<Exclude<AskStreamEvent, { type: 'error' }>> {
    const response = await send('POST', '/api/ask/stream', body, signal);
    if (!response.body) throw new ApiError(502, 'upstream', 'The answer stream is empty');
    for await (const message of readServerEvents(response.body)) {
      const event = JSON.parse(message.data) as AskStreamEvent;
      if (event.type === 'error') throw new ApiError(502, event.code, event.message);
      yield event;
    }
  },
};
