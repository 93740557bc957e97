// The real services over the default notes (index built once per test worker into a temporary folder).

import type { Config } from '../../server/config.js';
import { createServices } from '../../server/deps.js';
import { runIngest } from '../../server/ingest/run-ingest.js';
import type { Services } from '../../server/services.js';
import { testConfig } from './test-config.js';

let shared: Promise<{ config: Config; services: Services }> | undefined;

/** Ingests the bundled notes with the bundled model and opens every service, once per worker. */
export function realServices(): Promise<{ config: Config; services: Services }> {
  shared ??= (async () => {
    const config = testConfig();
    await runIngest(config);
    return { config, services: await createServices(config) };
  })();
  return shared;
}
