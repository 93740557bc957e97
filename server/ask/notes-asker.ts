// Answers questions from the notes: resolves follow-ups, retrieves, then excerpts (no LLM) or lets the optional chat
// model write a cited answer from the excerpts, falling back to the excerpts when the model is slow or fails.

import type { Glossary } from '../glossary/glossary.js';
import { ChatTimeoutError } from '../llm/errors.js';
import type { ChatModel } from '../llm/types.js';
import type { Section } from '../notes/types.js';
import type { Retrieval, Retriever, SectionHit } from '../retrieval/types.js';
import { citationsOf, excerptAnswer, notCoveredAnswer, suggestionOf, termsFor, unansweredAnswer, type Languages } from './compose-answer.js';
import type { ExcerptSelector } from './excerpt-selector.js';
import { groundedPrompt } from './grounded-prompt.js';
import { languageOf, type Language } from './language.js';
import { messages } from './messages.js';
import { resolveFollowUp, type ResolvedQuestion } from './resolve-follow-up.js';
import type { AskEvent, AskInput, AskOptions, AskResult, Asker, Citation } from './types.js';

export interface NotesAskerDeps {
  retriever: Retriever;
  excerpts: ExcerptSelector;
  glossary: Glossary;
  sections: Section[];
  /** The optional chat model; without one every answer is extractive. */
  chat?: ChatModel | null;
}

export interface NotesAskerOptions {
  /** Sections asked of retrieval. */
  hits: number;
  /** Budget of an extractive answer's excerpts, in characters. */
  answerChars: number;
  /** Budget of the excerpts given to the LLM, in characters: more than a reader needs, so it can connect them. */
  llmContextChars: number;
  /** Nearest sections listed when the notes do not cover a question. */
  suggestions: number;
  /** A complete answer, or the gap between two streamed tokens, may take this long before the excerpts are used instead. */
  llmTimeoutMs: number;
  /** A streamed answer may take this long in all, however steadily its tokens come. */
  llmStreamTotalMs: number;
  /** Earlier turns read to resolve a follow-up; older ones are ignored. */
  historyTurns: number;
  /** For a question the notes have without an answer, related sections must score this fraction of its score. */
  relatedMinRelative: number;
}

// 20 s matches LLM_TIMEOUT_MS's default, and two minutes is far more than a 200-word answer needs; five hits give the excerpt selector its close rivals and the not-covered
// reply its nearest three; 1,500 characters of context is ~1,000 tokens, cheap for any model.
export const DEFAULT_ASKER: NotesAskerOptions = {
  hits: 5,
  answerChars: 600,
  llmContextChars: 1500,
  suggestions: 3,
  llmTimeoutMs: 20_000,
  llmStreamTotalMs: 120_000,
  historyTurns: 10,
  relatedMinRelative: 0.5,
};

/** The answer without the model, and what the model needs when it may write one. */
interface Plan {
  question: string;
  resolved: ResolvedQuestion;
  retrieval: Retrieval;
  languages: Languages;
  extractive: AskResult;
  /** Set when the notes answer the question, so an LLM may write the answer. */
  answeredHits: SectionHit[] | null;
}

class LlmTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no response within ${ms} ms`);
    this.name = 'LlmTimeout';
  }
}

export class NotesAsker implements Asker {
  private readonly notesLanguage: Language;
  private readonly options: NotesAskerOptions;

  constructor(
    private readonly deps: NotesAskerDeps,
    options: Partial<NotesAskerOptions> = {},
  ) {
    this.options = { ...DEFAULT_ASKER, ...options };
    // The notes' language decides the answer's; a sample of a few thousand characters is plenty to tell.
    this.notesLanguage = languageOf(deps.sections.map((s) => `${s.title} ${s.answer}`).join('\n').slice(0, 5000));
  }

  async ask(input: AskInput, options: AskOptions = {}): Promise<AskResult> {
    const plan = await this.plan(input);
    options.signal?.throwIfAborted();
    if (!this.deps.chat || !plan.answeredHits) return plan.extractive;
    const { citations, messages: prompt } = await this.prompt(plan);
    const guard = new DeadlineGuard(options.signal, this.options.llmTimeoutMs);
    try {
      const text = (await guard.race(this.deps.chat.complete(prompt, { signal: guard.signal, timeoutMs: this.options.llmTimeoutMs }))).trim();
      if (text === '') return this.fallback(plan, messages.llmEmpty());
      return this.llmResult(plan, citations, text);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return this.fallback(plan, this.failureNotice(error));
    } finally {
      guard.dispose();
    }
  }

  async *stream(input: AskInput, options: AskOptions = {}): AsyncGenerator<AskEvent> {
    const plan = await this.plan(input);
    options.signal?.throwIfAborted();
    if (!this.deps.chat || !plan.answeredHits) {
      yield* this.extractiveEvents(plan.extractive);
      return;
    }
    const { citations, messages: prompt } = await this.prompt(plan);
    yield { type: 'meta', ...metaOf({ ...plan.extractive, mode: 'llm', citations }) };
    const guard = new DeadlineGuard(options.signal, this.options.llmTimeoutMs);
    // The model's own limit covers the whole call; the guard's per-token deadline is what catches a stalled stream.
    const iterator = this.deps.chat.stream(prompt, { signal: guard.signal, timeoutMs: this.options.llmStreamTotalMs })[Symbol.asyncIterator]();
    let text = '';
    let finished = false;
    try {
      for (;;) {
        guard.restart(); // the deadline is per token: a long answer that keeps coming is not slow
        const next = await guard.race(iterator.next());
        if (next.done) break;
        if (next.value === '') continue;
        text += next.value;
        yield { type: 'token', text: next.value };
      }
      finished = true;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const notice = this.failureNotice(error);
      finished = true;
      yield* this.fallbackEvents(plan, notice[plan.languages.question]);
      return;
    } finally {
      // Leaving early (the client went away, or the consumer stopped reading) must stop the upstream call.
      if (!finished) guard.abort();
      guard.dispose();
      void iterator.return?.()?.catch(() => undefined);
    }
    if (text.trim() === '') {
      yield* this.fallbackEvents(plan, messages.llmEmpty()[plan.languages.question]);
      return;
    }
    const terms = termsFor(plan.question, text, this.deps.glossary, plan.languages);
    if (terms) yield { type: 'token', text: `\n\n${terms}` };
    yield { type: 'done', result: this.llmResult(plan, citations, text) };
  }

  private async plan(input: AskInput): Promise<Plan> {
    const question = input.question.trim();
    const history = (input.history ?? []).slice(-this.options.historyTurns);
    const resolved = resolveFollowUp(question, history, this.deps.glossary);
    const retrieval = await this.deps.retriever.retrieve(resolved.query, this.options.hits);
    const languages: Languages = { notes: this.notesLanguage, question: languageOf(question) };
    const base = { inScope: retrieval.inScope, resolvedQuestion: resolved.query, mode: 'extractive' as const };
    const top = retrieval.hits[0];
    const topSection = top && this.deps.excerpts.section(top.questionId);

    // In the notes' own language, sections that share no topic word with the question cannot answer it, whatever
    // their rank; across languages words cannot be compared, so retrieval's decision stands.
    const offTopic = languages.question === languages.notes && !this.deps.excerpts.mentionsTopic(resolved.query, retrieval.hits);
    if (!retrieval.inScope || !top || !topSection || offTopic) return this.notCovered(question, resolved, retrieval, languages);
    if (!topSection.hasReference) {
      const related = retrieval.hits.filter((h) => h !== top && h.score >= top.score * this.options.relatedMinRelative);
      const excerpts = await this.deps.excerpts.select(resolved.query, related, this.options.answerChars);
      const extractive: AskResult = {
        ...base,
        coverage: 'unanswered',
        answer: unansweredAnswer(question, topSection, excerpts, this.deps.glossary, languages),
        citations: citationsOf(excerpts),
        suggestions: [suggestionOf(topSection)],
      };
      return { question, resolved, retrieval, languages, extractive, answeredHits: null };
    }
    const excerpts = await this.deps.excerpts.select(resolved.query, retrieval.hits, this.options.answerChars);
    if (excerpts.length === 0) return this.notCovered(question, resolved, retrieval, languages);
    const extractive: AskResult = {
      ...base,
      coverage: 'answered',
      answer: excerptAnswer(question, excerpts, this.deps.glossary, languages),
      citations: citationsOf(excerpts),
      suggestions: [],
    };
    return { question, resolved, retrieval, languages, extractive, answeredHits: retrieval.hits };
  }

  private notCovered(question: string, resolved: ResolvedQuestion, retrieval: Retrieval, languages: Languages): Plan {
    const suggestions = retrieval.hits
      .slice(0, this.options.suggestions)
      .flatMap((h) => {
        const section = this.deps.excerpts.section(h.questionId);
        return section ? [suggestionOf(section)] : [];
      });
    const extractive: AskResult = {
      inScope: false,
      coverage: 'not_covered',
      answer: notCoveredAnswer(suggestions, languages),
      citations: [],
      mode: 'extractive',
      resolvedQuestion: resolved.query,
      suggestions,
    };
    return { question, resolved, retrieval, languages, extractive, answeredHits: null };
  }

  private async prompt(plan: Plan): Promise<{ citations: Citation[]; messages: ReturnType<typeof groundedPrompt> }> {
    const excerpts = await this.deps.excerpts.select(plan.resolved.query, plan.answeredHits ?? [], this.options.llmContextChars);
    const citations = citationsOf(excerpts);
    const prompt = groundedPrompt({ question: plan.question, resolvedQuestion: plan.resolved.query, excerpts: citations, notesLanguage: plan.languages.notes });
    return { citations, messages: prompt };
  }

  private llmResult(plan: Plan, citations: Citation[], text: string): AskResult {
    const terms = termsFor(plan.question, text, this.deps.glossary, plan.languages);
    return { ...plan.extractive, mode: 'llm', citations, answer: terms ? `${text.trim()}\n\n${terms}` : text.trim() };
  }

  private fallback(plan: Plan, notice: Record<Language, string>): AskResult {
    return { ...plan.extractive, notice: notice[plan.languages.question] };
  }

  private failureNotice(error: unknown): Record<Language, string> {
    if (error instanceof LlmTimeout) return messages.llmTimeout(error.ms);
    if (error instanceof ChatTimeoutError) return messages.llmTimeout(error.timeoutMs);
    const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error);
    return messages.llmFailed(reason);
  }

  private *extractiveEvents(result: AskResult): Generator<AskEvent> {
    yield { type: 'meta', ...metaOf(result) };
    yield { type: 'token', text: result.answer };
    yield { type: 'done', result };
  }

  private *fallbackEvents(plan: Plan, notice: string): Generator<AskEvent> {
    yield { type: 'notice', message: notice };
    yield { type: 'reset' };
    yield* this.extractiveEvents({ ...plan.extractive, notice });
  }
}

function metaOf(result: AskResult): Omit<Extract<AskEvent, { type: 'meta' }>, 'type'> {
  const { inScope, coverage, mode, resolvedQuestion, citations, suggestions } = result;
  return { inScope, coverage, mode, resolvedQuestion, citations, suggestions };
}

/**
 * One abort signal for an LLM call that fires when the caller aborts or when the deadline passes, and a `race` that
 * settles on abort even if the model ignores its signal.
 */
class DeadlineGuard {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly onCallerAbort = () => this.controller.abort(this.caller!.reason);

  constructor(
    private readonly caller: AbortSignal | undefined,
    private readonly ms: number,
  ) {
    if (caller?.aborted) this.controller.abort(caller.reason);
    caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.restart();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(new LlmTimeout(this.ms)), this.ms);
  }

  abort(): void {
    this.controller.abort(new Error('the answer is no longer wanted'));
  }

  race<T>(promise: Promise<T>): Promise<T> {
    const signal = this.controller.signal;
    // Once the race is lost, nobody waits for the model's promise; its late rejection must not go unhandled.
    promise.catch(() => undefined);
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          // The model's own error for our abort is less telling than the abort's reason (e.g. the timeout).
          reject(signal.aborted ? signal.reason : error);
        },
      );
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}
