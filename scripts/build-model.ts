// npm run build:model — rebuilds the bundled static embedding model from the default notes and glossary.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadGlossary } from '../server/glossary/load-glossary.js';
import { buildStaticModel, DEFAULT_MODEL_OPTIONS } from '../server/model/build-static-model.js';
import { loadNotes } from '../server/notes/load-notes.js';
import { addWords } from '../server/text/tokenize.js';

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: 'corpus' },
    glossary: { type: 'string', default: 'corpus/glossary.yaml' },
    out: { type: 'string', default: 'models/tutor-zh-static' },
    dims: { type: 'string' },
  },
});

const started = performance.now();
const glossary = await loadGlossary(values.glossary!);
addWords(glossary.sets.flatMap((s) => s.terms));
const notes = await loadNotes(values.notes!);
const built = await buildStaticModel(
  notes.sections,
  glossary,
  path.resolve(values.out!),
  { ...DEFAULT_MODEL_OPTIONS, ...(values.dims ? { dims: Number(values.dims) } : {}) },
  (line) => console.error(line),
);
console.error(
  `built ${built.dir}: ${built.rows} rows × ${built.dims} dims, fingerprint ${built.fingerprint}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
