import { beforeAll, describe, expect, it } from 'vitest';
import { gradeResponse } from '../../server/api/schemas.js';
import { createApp } from '../../server/app.js';
import { createGrading } from '../../server/grading/create-grader.js';
import type { Retriever } from '../../server/retrieval/types.js';
import { ServiceHolder, type Services } from '../../server/services.js';
import { realServices } from '../support/real-services.js';

let app: ReturnType<typeof createApp>;
let services: Services;

beforeAll(async () => {
  services = (await realServices()).services;
  app = createApp({ services: ServiceHolder.ready(services), llmModel: null });
});

const post = (body: unknown, raw?: string) =>
  app.request('/api/grade', { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) });
const id = (n: number) => services.sections.find((s) => s.number === n)!.id;

describe('POST /api/grade', () => {
  it('grades an answer to a question of the notes in the documented shape', async () => {
    const res = await post({ questionId: id(11), answer: '扩张卷积在参数不变的情况下扩大感受野，输出特征图大小不变。' });
    expect(res.status).toBe(200);
    const body = gradeResponse.parse(await res.json());
    expect(body.maxScore).toBe(10);
    expect(body.score).toBeGreaterThan(3);
    expect(body.grader).toBe('rubric');
    expect(body.keyPoints[0]!.source).toMatchObject({ questionId: id(11), file: 'deep-learning-interview-notes.md' });
    expect(body.citations[0]!.heading).toBe('11. 卷积神经网络中空洞卷积的作用是什么');
  });

  it('grades a free question against the notes it retrieves', async () => {
    const res = await post({ question: 'max pooling 反向传播怎么处理误差', answer: '误差只传给前向时最大值的位置，其余为0。' });
    expect(res.status).toBe(200);
    const body = gradeResponse.parse(await res.json());
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.score).not.toBeNull();
  });

  it('answers a question without a reference answer with a null score, not a zero', async () => {
    const body = gradeResponse.parse(await (await post({ questionId: id(41), answer: '看训练集和验证集的差距' })).json());
    expect(body.score).toBeNull();
    expect(body.verdict).toBe('no_reference');
  });

  it('grades an empty answer as empty rather than refusing it', async () => {
    const body = gradeResponse.parse(await (await post({ questionId: id(11), answer: '' })).json());
    expect(body).toMatchObject({ score: 0, verdict: 'empty' });
  });

  it.each([
    ['a missing answer', { questionId: 'x' }, /answer/],
    ['a non-string answer', { questionId: 'x', answer: 42 }, /answer must be a string/],
    ['an answer over 10,000 characters', { questionId: 'x', answer: '卷'.repeat(10_001) }, /longer than 10,000 characters/],
    ['neither a question id nor a question', { answer: '扩大感受野' }, /questionId or the question/],
    ['a blank question', { question: '  ', answer: '扩大感受野' }, /questionId or the question/],
    ['a question of zero-width characters only', { question: '\u200b\u200b', answer: '扩大感受野' }, /questionId or the question/],
  ])('answers 400 with a code and message for %s', async (_name, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { code: string; message: string };
    expect(json.code).toBe('bad_request:validation');
    expect(json.message).toMatch(message);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await post(null, '{"answer": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('bad_request:json');
  });

  it('answers 404 for an unknown question id', async () => {
    const res = await post({ questionId: 'q_000000000000', answer: '扩大感受野' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('not_found:question');
  });

  it('takes a bare number as the question of that number, and answers 404 when no question has it', async () => {
    const byNumber = gradeResponse.parse(await (await post({ question: '11', answer: '扩张卷积在参数不变的情况下扩大感受野。' })).json());
    expect(byNumber.citations[0]!.heading).toMatch(/^11\. /);
    const res = await post({ question: '16000', answer: '扩大感受野' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string; message: string }).message).toMatch(/numbered 16000/);
  });

  // Bug: "1." / "Q1" were searched for as free questions and came back "no reference answer yet".
  it.each(['1.', '1、', 'Q1', '第1题', '１．'])('takes "%s" as question 1 and grades against its section', async (question) => {
    const res = await post({ question, answer: '在图片四周补零，让输出尺寸和输入一样。' });
    expect(res.status).toBe(200);
    const body = gradeResponse.parse(await res.json());
    expect(body.citations.map((c) => c.heading)).toEqual(['1. padding的作用']);
    expect(body.score).not.toBeNull();
  });

  // Bug: "-1" and "1e1" answered 200 "no reference answer yet" while "0" answered 404.
  it.each(['0', '-1', '1e1', '1.5', 'Q99', '第99题'])('answers 404 not_found:question for "%s", a number that names no question', async (question) => {
    const res = await post({ question, answer: '扩大感受野' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('not_found:question');
  });

  // Bug: a question the notes do not cover got the same "no reference answer yet" text as an unanswered one.
  it('answers 404 naming a free question the notes do not cover, instead of "no reference answer yet"', async () => {
    const res = await post({ question: '如何做红烧肉', answer: '先炒糖色，再放五花肉炖一个小时。' });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('not_found:question');
    expect(body.message).toContain('如何做红烧肉');
    expect(body.message).toMatch(/do not cover/);
  });

  it('keeps verdict no_reference for a free question the notes have but have not answered, citing that question', async () => {
    const unanswered = services.sections.find((s) => s.number === 31)!;
    // The bundled notes' search always finds an answered section among its five hits, so this retriever finds
    // only the unanswered one, as notes with many open questions would.
    const retriever: Retriever = {
      retrieve: async () => ({
        inScope: true,
        hits: [{ chunkId: `${unanswered.id}#0`, questionId: unanswered.id, heading: unanswered.heading, text: '', score: 0.9, sources: ['keyword'] }],
      }),
    };
    const { grader } = await createGrading({ ...services, retriever }, null);
    const only = createApp({ services: ServiceHolder.ready({ ...services, grader }), llmModel: null });
    const res = await only.request('/api/grade', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'python 的生成器是什么', answer: '用 yield 按需产生数据' }) });
    expect(res.status).toBe(200);
    const body = gradeResponse.parse(await res.json());
    expect(body).toMatchObject({ score: null, verdict: 'no_reference' });
    expect(body.citations.map((c) => c.heading)).toEqual([unanswered.heading]);
  });

  it('answers 503 while the index is still being built', async () => {
    const building = createApp({ services: new ServiceHolder(), llmModel: null });
    const res = await building.request('/api/grade', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"questionId":"x","answer":"y"}' });
    expect(res.status).toBe(503);
  });
});
