import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcerptSelector } from '../../server/ask/excerpt-selector.js';
import { NotesAsker, type NotesAskerOptions } from '../../server/ask/notes-asker.js';
import type { AskEvent, AskResult } from '../../server/ask/types.js';
import { askResponse } from '../../server/api/schemas.js';
import type { ChatModel } from '../../server/llm/types.js';
import type { Retriever } from '../../server/retrieval/types.js';
import type { Services } from '../../server/services.js';
import { FakeChatModel } from '../llm/fake-chat-model.js';
import { realServices } from '../support/real-services.js';
import { ScriptedChatModel } from './scripted-chat-model.js';

let services: Services;
let excerpts: ExcerptSelector;
let notesLines: string[];

beforeAll(async () => {
  ({ services } = await realServices());
  excerpts = new ExcerptSelector({ sections: services.sections, glossary: services.glossary, embedder: services.embedder });
  notesLines = readFileSync(path.resolve('corpus/deep-learning-interview-notes.md'), 'utf8').split('\n');
});

function asker(chat: ChatModel | null = null, options: Partial<NotesAskerOptions> = {}): NotesAsker {
  return new NotesAsker({ retriever: services.retriever, excerpts, glossary: services.glossary, sections: services.sections, chat }, options);
}

async function collect(events: AsyncIterable<AskEvent>): Promise<AskEvent[]> {
  const out: AskEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const tokensOf = (events: AskEvent[]) => events.flatMap((e) => (e.type === 'token' ? [e.text] : [])).join('');
const doneOf = (events: AskEvent[]) => (events.at(-1) as Extract<AskEvent, { type: 'done' }>).result;

describe('NotesAsker without an LLM', () => {
  it('answers from the notes with the key sentence cited to its section', async () => {
    const result = await asker().ask({ question: 'YOLOv3 为什么不用 softmax 了？' });
    expect(askResponse.parse(result)).toEqual(result);
    expect(result).toMatchObject({ inScope: true, coverage: 'answered', mode: 'extractive' });
    expect(result.answer).toContain('没有再使用softmax');
    expect(result.answer).toContain('[1]');
    expect(result.answer).not.toContain('Darknet-53');
    expect(result.citations[0]).toMatchObject({ n: 1, heading: '53. YOLOv3算法', source: { file: 'deep-learning-interview-notes.md' } });
  });

  it.each(['YOLOv3 为什么不用 softmax 了？', '1*1卷积的作用', 'dropout的缺点', 'Faster-RCNN的训练流程', 'what are the drawbacks of pooling'])(
    'cites real sections and line ranges for "%s"',
    async (question) => {
      const result = await asker().ask({ question });
      expect(result.citations.length).toBeGreaterThan(0);
      for (const citation of result.citations) {
        const section = services.sections.find((s) => s.id === citation.questionId)!;
        expect(section.heading).toBe(citation.heading);
        expect(citation.source.startLine).toBeGreaterThan(section.startLine);
        expect(citation.source.endLine).toBeLessThanOrEqual(section.endLine);
        const cited = notesLines.slice(citation.source.startLine - 1, citation.source.endLine).join('\n').replaceAll('**', '');
        for (const fragment of fragments(citation.excerpt)) expect(cited).toContain(fragment);
        expect(result.answer).toContain(`[${citation.n}]`);
      }
    },
  );

  it('adds the glossary English terms to the Chinese excerpts for an English question', async () => {
    const result = await asker().ask({ question: 'what is a 1x1 convolution used for?' });
    expect(result.citations[0]!.heading).toBe('57. 1*1的卷积有何作用');
    expect(result.answer).toContain('特征降维');
    expect(result.answer).toMatch(/\*\*Key terms:\*\* 1\*1卷积 = 1\*1 convolution/);
    expect((await asker().ask({ question: '1*1卷积的作用' })).answer).not.toContain('Key terms');
  });

  it('says the notes do not cover a question retrieval calls out of scope, and lists the nearest sections', async () => {
    const outOfScope: Retriever = { retrieve: async (query, k) => ({ ...(await services.retriever.retrieve(query, k)), inScope: false }) };
    const strict = new NotesAsker({ retriever: outOfScope, excerpts, glossary: services.glossary, sections: services.sections });
    const result = await strict.ask({ question: '1*1卷积的作用' });
    expect(result).toMatchObject({ inScope: false, coverage: 'not_covered', citations: [], mode: 'extractive' });
    expect(result.answer).toContain('你的笔记里没有涉及这个问题');
    expect(result.suggestions).toHaveLength(3);
    expect(result.suggestions[0]).toMatchObject({ heading: '57. 1*1的卷积有何作用', hasAnswer: true, source: { startLine: 301, endLine: 303 } });
    for (const s of result.suggestions) expect(result.answer).toContain(s.heading);
  });

  it('says the notes do not cover a question whose words appear in none of the retrieved sections', async () => {
    const result = await asker().ask({ question: '红烧肉怎么做才好吃' });
    expect(result).toMatchObject({ coverage: 'not_covered', citations: [] });
    expect(result.suggestions.length).toBeGreaterThan(0);
  });

  it('adds an English line to the not-covered reply for an English question', async () => {
    const result = await asker().ask({ question: 'how do I bake sourdough bread' });
    expect(result.coverage).toBe('not_covered');
    expect(result.answer).toContain('你的笔记里没有涉及这个问题');
    expect(result.answer).toContain("Your notes don't cover this question");
  });

  it('says the notes have the question but no answer yet', async () => {
    const result = await asker().ask({ question: '生成器的概念是什么' });
    expect(result.coverage).toBe('unanswered');
    expect(result.answer).toContain('31. 生成器的概念是什么，什么时候使用它');
    expect(result.answer).toContain('还没有写答案');
    expect(result.suggestions).toEqual([expect.objectContaining({ heading: '31. 生成器的概念是什么，什么时候使用它', hasAnswer: false })]);
  });

  it('offers related excerpts with a question that has no answer yet', async () => {
    const result = await asker().ask({ question: '如何选择batch-size' });
    expect(result.coverage).toBe('unanswered');
    expect(result.citations.length).toBeGreaterThan(0);
    expect(result.citations.every((c) => services.sections.find((s) => s.id === c.questionId)!.hasReference)).toBe(true);
  });

  it('resolves a follow-up against the previous turn before retrieval', async () => {
    const alone = await asker().ask({ question: '它有什么缺点' });
    expect(alone.citations.map((c) => c.heading)).not.toContain('57. 1*1的卷积有何作用');
    const followUp = await asker().ask({ question: '它有什么缺点', history: [{ question: '1*1卷积的作用', answer: '增加非线性，特征降维' }] });
    expect(followUp.resolvedQuestion).toBe('1*1卷积有什么缺点');
    expect(followUp.citations[0]!.heading).toBe('57. 1*1的卷积有何作用');
    // The notes list no drawbacks of 1*1 convolution, and the answer says so rather than passing off its uses as drawbacks.
    expect(followUp.answer).toContain('笔记里没有直接回答这一点');
  });

  it('streams the extractive answer as meta, one token and done', async () => {
    const events = await collect(asker().stream({ question: '1*1卷积的作用' }));
    expect(events.map((e) => e.type)).toEqual(['meta', 'token', 'done']);
    expect(tokensOf(events)).toBe(doneOf(events).answer);
  });
});

describe('NotesAsker with an LLM', () => {
  it('gives the model only the excerpts, asks for [n] citations, and returns its answer', async () => {
    const chat = new FakeChatModel(['1*1卷积可以增加非线性 [1]，也可以特征降维 [1]。']);
    const result = await asker(chat).ask({ question: '1*1卷积的作用' });
    expect(result).toMatchObject({ mode: 'llm', coverage: 'answered', answer: '1*1卷积可以增加非线性 [1]，也可以特征降维 [1]。' });
    const [system, user] = chat.calls[0]!;
    expect(system!.content).toMatch(/ONLY the numbered excerpts/);
    expect(system!.content).toMatch(/cite .* as \[n\]/);
    expect(system!.content).toMatch(/do not contain the answer/);
    expect(user!.content).toContain('[1] 57. 1*1的卷积有何作用 (deep-learning-interview-notes.md:302-303)');
    expect(user!.content).toContain('特征降维');
    expect(user!.content).toContain('Question: 1*1卷积的作用');
  });

  it('tells the model what a follow-up means', async () => {
    const chat = new FakeChatModel(['…']);
    await asker(chat).ask({ question: '它有什么缺点', history: [{ question: '1*1卷积的作用' }] });
    expect(chat.calls[0]![1]!.content).toContain('(In this conversation that means: 1*1卷积有什么缺点)');
  });

  it('does not call the model for a question the notes do not cover', async () => {
    const chat = new FakeChatModel(['should not be used']);
    const result = await asker(chat).ask({ question: '红烧肉怎么做才好吃' });
    expect(result.coverage).toBe('not_covered');
    expect(chat.calls).toHaveLength(0);
  });

  it('falls back to the extractive answer with a notice when the model is too slow', async () => {
    const chat = new ScriptedChatModel({ tokens: ['迟到的回答'], tokenDelayMs: 5_000 });
    const started = performance.now();
    const result = await asker(chat, { llmTimeoutMs: 150 }).ask({ question: '1*1卷积的作用' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.mode).toBe('extractive');
    expect(result.answer).toContain('特征降维');
    expect(result.notice).toBe('LLM 在 0.15 秒内没有回应，下面是从笔记中摘录的答案。');
    expect(chat.lastSignal?.aborted).toBe(true);
  });

  it('falls back with a notice when the model fails', async () => {
    const chat = new ScriptedChatModel({ tokens: [], error: new Error('connection refused') });
    const result = await asker(chat).ask({ question: '1*1卷积的作用' });
    expect(result.mode).toBe('extractive');
    expect(result.notice).toContain('connection refused');
  });

  it('streams the model tokens between meta and done', async () => {
    const chat = new ScriptedChatModel({ tokens: ['1*1卷积', '可以', '增加非线性 [1]。'] });
    const events = await collect(asker(chat).stream({ question: '1*1卷积的作用' }));
    expect(events.map((e) => e.type)).toEqual(['meta', 'token', 'token', 'token', 'done']);
    expect(events[0]).toMatchObject({ type: 'meta', mode: 'llm', coverage: 'answered' });
    expect(tokensOf(events)).toBe('1*1卷积可以增加非线性 [1]。');
    expect(doneOf(events)).toMatchObject({ mode: 'llm', answer: '1*1卷积可以增加非线性 [1]。' });
  });

  it('appends the English key terms to a streamed answer to an English question', async () => {
    const chat = new ScriptedChatModel({ tokens: ['1*1卷积可以特征降维 [1]。'] });
    const events = await collect(asker(chat).stream({ question: 'what is a 1x1 convolution used for?' }));
    expect(tokensOf(events)).toContain('**Key terms:** 1*1卷积 = 1*1 convolution');
    expect(tokensOf(events)).toBe(doneOf(events).answer);
  });

  it('replaces a stalled stream with the extractive answer: notice, reset, then the excerpts', async () => {
    const chat = new ScriptedChatModel({ tokens: ['1*1卷积', '可以', '……'], stallAfter: 2 });
    const events = await collect(asker(chat, { llmTimeoutMs: 150 }).stream({ question: '1*1卷积的作用' }));
    expect(events.map((e) => e.type)).toEqual(['meta', 'token', 'token', 'notice', 'reset', 'meta', 'token', 'done']);
    const result: AskResult = doneOf(events);
    expect(result.mode).toBe('extractive');
    expect(result.notice).toBeDefined();
    expect(events[6]).toEqual({ type: 'token', text: result.answer });
    expect(chat.lastSignal?.aborted).toBe(true);
  });

  it('stops the model call when the caller aborts a stream', async () => {
    const chat = new ScriptedChatModel({ tokens: ['一', '二', '三', '四'], tokenDelayMs: 50, stallAfter: 1 });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const event of asker(chat, { llmTimeoutMs: 10_000 }).stream({ question: '1*1卷积的作用' }, { signal: controller.signal })) {
        seen.push(event.type);
        if (event.type === 'token') controller.abort(new Error('user left'));
      }
    })();
    await expect(run).rejects.toThrow('user left');
    expect(seen).toEqual(['meta', 'token']);
    expect(chat.lastSignal?.aborted).toBe(true);
  });

  it('stops the model call when the consumer stops reading', async () => {
    const chat = new ScriptedChatModel({ tokens: ['一', '二', '三'], tokenDelayMs: 20 });
    for await (const event of asker(chat).stream({ question: '1*1卷积的作用' })) if (event.type === 'token') break;
    expect(chat.lastSignal?.aborted).toBe(true);
  });

  it('rejects a non-streamed answer when the caller aborts, and stops the model call', async () => {
    const chat = new ScriptedChatModel({ tokens: ['迟到'], tokenDelayMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left')), 100);
    await expect(asker(chat).ask({ question: '1*1卷积的作用' }, { signal: controller.signal })).rejects.toThrow('user left');
    expect(chat.lastSignal?.aborted).toBe(true);
  });
});

/** The pieces of an excerpt as they appear in the notes: without "…", list markers and bold marks. */
function fragments(excerpt: string): string[] {
  return excerpt
    .replaceAll('**', '')
    .split(/…|\n/)
    .map((f) => f.replace(/^\s*(?:[-*+]|\d{1,3}[.)、>]+)\s+/, '').trim())
    .filter((f) => f.length > 0);
}
