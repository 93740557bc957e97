// The request bodies the benchmarks send: the retrieval dev queries and the labelled grading answers.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonl } from '../read-jsonl.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures');

const jsonl = <T>(file: string): T[] => readJsonl<T>(path.join(FIXTURES, file));

/** Every query of the retrieval set (dev and held-out): real questions, Chinese and English. */
export const searchQueries = (): string[] => jsonl<{ query: string }>('retrieval-queries.jsonl').map((r) => r.query);

/** Every labelled answer with the question it answers (a heading of the notes). */
export const gradeInputs = (): { question: string; answer: string }[] =>
  jsonl<{ question: string; answer: string }>('grading-answers.jsonl').map((r) => ({ question: r.question, answer: r.answer }));
