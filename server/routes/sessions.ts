// /api/sessions — mock interviews: start, list, show, answer, skip, pause, resume, finish, and the report (JSON or Markdown).

import { Hono } from 'hono';
import {
  answerRequest,
  createSessionRequest,
  reportMarkdownQuery,
  sessionIdParam,
  skipRequest,
  type SessionDetailResponse,
  type SessionListResponse,
  type SessionReportResponse,
  type SessionView,
  type StepResponse,
} from '../api/schemas.js';
import type { AppDeps } from '../app.js';
import { validate, validateBody } from '../http/validate.js';
import type { SessionReport } from '../interview/session-report.js';

/** True when A and B are the same type: a field added to one and not the other, or typed differently, makes it false. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// The JSON report's schema (what the web client reads) mirrors the server's SessionReport exactly.
true satisfies Same<SessionReport, SessionReportResponse>;

export function sessionRoutes(deps: AppDeps) {
  const interview = () => deps.services.get().interview;
  return new Hono()
    .post('/', validateBody(createSessionRequest), (c) => {
      const body = c.req.valid('json');
      const session: SessionView = interview().start({
        count: body.count,
        strategy: body.strategy,
        ...(body.topics ? { topics: body.topics } : {}),
        ...(body.includeUnanswered !== undefined ? { includeUnanswered: body.includeUnanswered } : {}),
        ...(body.followUps !== undefined ? { followUps: body.followUps } : {}),
      });
      return c.json({ session }, 201);
    })
    .get('/', (c) => {
      const body: SessionListResponse = { sessions: interview().list() };
      return c.json(body, 200);
    })
    .get('/:id', validate('param', sessionIdParam), (c) => {
      const body: SessionDetailResponse = interview().get(c.req.valid('param').id);
      return c.json(body, 200);
    })
    .post('/:id/answers', validate('param', sessionIdParam), validateBody(answerRequest), async (c) => {
      const { answer, durationMs, promptId } = c.req.valid('json');
      const body: StepResponse = await interview().answer(c.req.valid('param').id, {
        answer,
        ...(durationMs !== undefined ? { durationMs } : {}),
        ...(promptId !== undefined ? { promptId } : {}),
        // A client that gives up on a slow grade (e.g. an LLM judge) should not have its answer stored afterwards.
        signal: c.req.raw.signal,
      });
      return c.json(body, 200);
    })
    .post('/:id/skip', validate('param', sessionIdParam), validateBody(skipRequest), (c) => {
      const body: StepResponse = interview().skip(c.req.valid('param').id, c.req.valid('json'));
      return c.json(body, 200);
    })
    .post('/:id/pause', validate('param', sessionIdParam), (c) => c.json({ session: interview().pause(c.req.valid('param').id) satisfies SessionView }, 200))
    .post('/:id/resume', validate('param', sessionIdParam), (c) => c.json({ session: interview().resume(c.req.valid('param').id) satisfies SessionView }, 200))
    .post('/:id/finish', validate('param', sessionIdParam), (c) => c.json({ session: interview().finish(c.req.valid('param').id) satisfies SessionView }, 200))
    .get('/:id/report', validate('param', sessionIdParam), (c) => {
      const body: SessionReportResponse = interview().report(c.req.valid('param').id);
      return c.json(body, 200);
    })
    .get('/:id/report.md', validate('param', sessionIdParam), validate('query', reportMarkdownQuery), (c) => {
      const { lang } = c.req.valid('query');
      const markdown = interview().reportMarkdown(c.req.valid('param').id, lang);
      return c.body(markdown, 200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-language': lang === 'zh' ? 'zh-CN' : 'en',
        'content-disposition': `inline; filename="interview-${c.req.valid('param').id}.md"`,
      });
    });
}
