// One question of a session report, answered with nothing filled in: report tests override what they look at.

import type { QuestionReport } from '../../server/interview/session-report.js';

export const questionReport = (position: number, over: Partial<QuestionReport>): QuestionReport => ({
  position,
  questionId: `q${position}`,
  number: position + 1,
  heading: `${position + 1}. 问题${position}`,
  topics: ['cnn'],
  hasReference: true,
  outcome: 'answered',
  answer: null,
  score: null,
  verdict: null,
  covered: [],
  partial: [],
  missed: [],
  feedback: null,
  durationMs: null,
  metrics: null,
  followUp: null,
  ...over,
});
