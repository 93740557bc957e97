// QA: with English notes, search and /api/ask called questions "not covered" although the right section ranked
// first: the query said regularizing / pretrained / k-fold, the notes regularization / pre-trained / k folds.

import { beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../server/deps.js';
import { runIngest } from '../../server/ingest/run-ingest.js';
import type { Services } from '../../server/services.js';
import { testConfig } from '../support/test-config.js';

let services: Services;
beforeAll(async () => {
  const config = testConfig({ NOTES_DIR: 'tests/fixtures/notes-en' });
  await runIngest(config);
  services = await createServices(config);
}, 60_000);

const cases: [string, string][] = [
  ['regularizing with dropout', '3. What is dropout?'],
  ['How do I fine-tune a pretrained model?', 'Q: What is transfer learning?'],
  ['What is k-fold cross validation?', 'What is cross-validation?'],
];

describe('HybridRetriever over English notes', () => {
  for (const [query, heading] of cases) {
    it(`finds "${heading}" for '${query}' in English notes and calls it covered`, async () => {
      const result = await services.retriever.retrieve(query);
      expect(result.hits[0]?.heading).toBe(heading);
      expect(result.inScope).toBe(true);
    });
  }

  it('still calls a question on a topic the English notes lack not covered', async () => {
    expect((await services.retriever.retrieve('How do I deploy a model with Kubernetes?')).inScope).toBe(false);
  });
});
