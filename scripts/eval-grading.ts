// npm run eval:grading [-- --fit] — grades the labelled answers and reports agreement with the human scores
// (Spearman, Pearson, MAE, per-label means, worst disagreements, a length-only baseline) for the dev and
// held-out splits separately. --fit refits the score mapping and off-topic gate on the dev split only and
// writes them to server/grading/calibration.json. --llm grades through the configured LLM judge instead (the
// blended grader the server uses when LLM_BASE_URL and LLM_MODEL are set).

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BlendedGrader, DEFAULT_BLEND } from '../server/grading/blended-grader.js';
import { DEFAULT_CALIBRATION, type Calibration } from '../server/grading/calibration.js';
import { chooseRidge, DEFAULT_FIT, fitOffTopicGate, fitScoreModel, type FeatureSpec } from '../server/grading/fit-calibration.js';
import { LlmJudge } from '../server/grading/llm-judge.js';
import { ReferenceBank } from '../server/grading/reference.js';
import { resolveQuestion } from '../server/grading/resolve-question.js';
import { RubricGrader, type Assessment } from '../server/grading/rubric-grader.js';
import { mean, meanAbsoluteError, pearson, spearman } from '../server/grading/statistics.js';
import { ensureIndex } from '../server/ingest/ensure-index.js';
import { createChatModel } from '../server/llm/create-chat-model.js';
import { openSearch } from '../server/retrieval/open-search.js';
import { readJsonl } from './read-jsonl.js';
import { bundledNotesConfig } from './bundled-notes-config.js';

interface Row {
  id: string;
  question: string;
  label: string;
  answer: string;
  human: number;
  split: 'dev' | 'heldout';
}

interface Outcome {
  row: Row;
  score: number;
  verdict: string;
  /** The rubric grader's findings (absent when graded through the LLM judge). */
  assessment?: Assessment;
  /** Set when the LLM judge could not be used and the rubric grade stands. */
  notice?: string;
}

const { values } = parseArgs({
  options: {
    // Our own set; one written blind (without seeing the grader); one written blind to tell off-topic answers (many
    // about the asked topic's neighbours) from genuine ones; one written blind of answers to a neighbouring question,
    // own-words genuine answers and false claims in the right terms; each split dev / held-out; and a final blind
    // test set, all held-out.
    file: {
      type: 'string',
      multiple: true,
      default: ['', '-blind', '-offtopic', '-neartopic', '-final'].map((set) => `tests/fixtures/grading-answers${set}.jsonl`),
    },
    fit: { type: 'boolean', default: false },
    llm: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

// The features the score is fitted on: coverage of the key points (overall, by concepts, by meaning),
// whole-answer similarity and concept recall, terms that belong elsewhere, length, hedging, language.
// English answers get a positive sign because concept matching finds fewer of their (translated) points.
// Ridge penalties tried for the score model (standardised weights).
const RIDGES = [0.02, 0.1, 0.3, 1, 3];

const MODEL_FEATURES: FeatureSpec[] = [
  { name: 'coverage', sign: 1 },
  { name: 'lexical', sign: 1 },
  { name: 'semantic', sign: 1 },
  { name: 'referenceSimilarity', sign: 1 },
  { name: 'conceptRecall', sign: 1 },
  { name: 'foreignTerms', sign: -1 },
  { name: 'logLength', sign: 1 },
  { name: 'hedges', sign: -1 },
  { name: 'english', sign: 1 },
  { name: 'otherCoverage', sign: -1 },
  { name: 'contradictions', sign: -1 },
];
const CALIBRATION_FILE = 'server/grading/calibration.json';

const rows: Row[] = values.file!.flatMap((file) => readJsonl<Row>(file));
const config = bundledNotesConfig();
await ensureIndex(config);
// The search context only: the full services would also open the interview database and build a second bank.
const search = await openSearch(config);
const services = { sections: search.index.sections, chunks: search.index.chunks, glossary: search.glossary, embedder: search.embedder, retriever: search.retriever };
const bank = await ReferenceBank.build(services.sections, services.glossary, services.embedder);
const graderWith = (calibration: Calibration) =>
  new RubricGrader({ sections: services.sections, chunks: services.chunks, bank, embedder: services.embedder, retriever: services.retriever, calibration });

async function run(calibration: Calibration): Promise<Outcome[]> {
  const grader = graderWith(calibration);
  const out: Outcome[] = [];
  for (const row of rows) {
    const assessment = await grader.assess({ questionId: questionIdOf(row), answer: row.answer });
    out.push({ row, score: assessment.grade.score ?? 0, verdict: assessment.grade.verdict, assessment });
  }
  return out;
}

async function runWithLlm(): Promise<Outcome[]> {
  if (values.fit) fail('--fit fits the rubric grader; run it without --llm.');
  const chat = createChatModel(config);
  if (!chat || !config.llm) fail('--llm needs an LLM: set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY if the endpoint wants one).');
  const grader = new BlendedGrader(graderWith(DEFAULT_CALIBRATION), new LlmJudge(chat), { ...DEFAULT_BLEND, timeoutMs: config.llm.timeoutMs });
  const out: Outcome[] = [];
  for (const [i, row] of rows.entries()) {
    const grade = await grader.grade({ questionId: questionIdOf(row), answer: row.answer });
    out.push({ row, score: grade.score ?? 0, verdict: grade.verdict, ...(grade.notice ? { notice: grade.notice } : {}) });
    if ((i + 1) % 25 === 0) console.error(`graded ${i + 1} / ${rows.length}`);
  }
  const fellBack = out.filter((o) => o.notice && /rubric grade/.test(o.notice)).length;
  console.error(`${config.llm.model}: the rubric grade stood for ${fellBack} of ${out.length} answers (LLM failed or timed out)`);
  return out;
}

function questionIdOf(row: Row): string {
  const resolved = resolveQuestion(services.sections, row.question);
  if ('error' in resolved) throw new Error(`${row.id}: ${resolved.error}`);
  return resolved.section.id;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let calibration = DEFAULT_CALIBRATION;
let outcomes = values.llm ? await runWithLlm() : await run(calibration);

if (values.fit) {
  const graded = (all: Outcome[]) => all.filter((o) => o.row.split === 'dev' && o.assessment?.analysis && o.assessment.injections.length === 0);
  const dev = outcomes.filter((o) => o.row.split === 'dev');
  // The gates first: they look at the answer's features only, not at the score model.
  const offTopic = fitOffTopicGate(graded(outcomes).map((o) => ({ features: o.assessment!.analysis!.features, offTopic: o.row.label === 'off_topic' })));
  // Then the score model, from every dev answer with features, off-topic ones included: a gate that misses an
  // off-topic answer leaves it to the model, which should have learnt to score it low. Injection answers are
  // capped regardless.
  const samples = graded(outcomes).map((o) => ({ features: o.assessment!.analysis!.features, human: o.row.human }));
  const { ridge, errors } = chooseRidge(samples, MODEL_FEATURES, RIDGES);
  console.error(`ridge by 5-fold cross-validation on dev: ${RIDGES.map((r, i) => `${r} → MAE ${errors[i]!.toFixed(3)}`).join(', ')}; chose ${ridge}`);
  const model = fitScoreModel(samples, MODEL_FEATURES, { ...DEFAULT_FIT, ridge });
  calibration = {
    producedBy: `npm run eval:grading -- --fit on the ${dev.length} dev-split answers of ${values.file!.join(', ')} (${new Date().toISOString().slice(0, 10)}); held-out answers were not used`,
    model,
    offTopic,
  };
  writeFileSync(CALIBRATION_FILE, `${JSON.stringify(calibration, null, 2)}\n`);
  console.error(`wrote ${CALIBRATION_FILE}`);
  outcomes = await run(calibration);
}

report(outcomes);

function report(all: Outcome[]): void {
  const summary: Record<string, unknown> = {};
  for (const split of ['dev', 'heldout'] as const) {
    const set = all.filter((o) => o.row.split === split);
    // A test-only set has no dev split.
    if (set.length === 0) continue;
    const human = set.map((o) => o.row.human);
    const score = set.map((o) => o.score);
    const length = set.map((o) => [...o.row.answer].length);
    const labels = [...new Set(set.map((o) => o.row.label))].sort();
    const perLabel = Object.fromEntries(
      labels.map((l) => {
        const of = set.filter((o) => o.row.label === l);
        return [l, { n: of.length, human: round(mean(of.map((o) => o.row.human))), score: round(mean(of.map((o) => o.score))), max: round(Math.max(...of.map((o) => o.score))) }];
      }),
    );
    const worst = [...set].sort((a, b) => Math.abs(b.score - b.row.human) - Math.abs(a.score - a.row.human)).slice(0, 10);
    const s = {
      n: set.length,
      spearman: round(spearman(score, human), 3),
      pearson: round(pearson(score, human), 3),
      mae: round(meanAbsoluteError(score, human), 2),
      lengthBaseline: { spearman: round(spearman(length, human), 3), pearson: round(pearson(length, human), 3) },
      perLabel,
      worst: worst.map((o) => ({ id: o.row.id, label: o.row.label, human: o.row.human, score: o.score, verdict: o.verdict, answer: o.row.answer.slice(0, 60) })),
    };
    summary[split] = s;
    if (values.json) continue;
    console.log(`\n== ${split} split (${s.n} answers) ==`);
    console.log(`${(values.llm ? 'rubric+LLM' : 'rubric grader').padEnd(15)} Spearman ${s.spearman.toFixed(3)}  Pearson ${s.pearson.toFixed(3)}  MAE ${s.mae.toFixed(2)}`);
    console.log(`length baseline Spearman ${s.lengthBaseline.spearman.toFixed(3)}  Pearson ${s.lengthBaseline.pearson.toFixed(3)}`);
    console.log('label               n   human  score   max');
    for (const [l, v] of Object.entries(perLabel)) console.log(`${l.padEnd(18)} ${String(v.n).padStart(3)}  ${v.human.toFixed(2).padStart(5)}  ${v.score.toFixed(2).padStart(5)}  ${v.max.toFixed(1).padStart(4)}`);
    console.log('worst disagreements:');
    for (const w of s.worst) console.log(`  ${w.id} ${w.label.padEnd(18)} human ${w.human}  score ${w.score.toFixed(1).padStart(4)}  ${w.verdict.padEnd(9)} ${w.answer.replace(/\s+/g, ' ')}`);
  }
  if (values.json) console.log(JSON.stringify(summary, null, 2));
}

function round(n: number, digits = 2): number {
  return Number(n.toFixed(digits));
}
