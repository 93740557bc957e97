// npm start: serves the tutor on HOST:PORT, building or updating the notes index first when it is stale.

import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createServices } from './deps.js';
import { runIngest } from './ingest/run-ingest.js';
import { staleness } from './ingest/ingest.js';
import { ServiceHolder } from './services.js';

async function prepare(config: Config, holder: ServiceHolder): Promise<void> {
  const { createEmbedder } = await import('./retrieval/create-embedder.js');
  const modelId = createEmbedder(config).modelId;
  const reason = await staleness({ notesDir: config.notesDir, indexDir: config.indexDir, glossaryFile: config.glossaryFile, modelId });
  if (reason) {
    console.log(`Indexing notes in ${config.notesDir} (${reason})…`);
    holder.progress(`indexing ${config.notesDir}`);
    const summary = await runIngest(config);
    summary.warnings.forEach((w) => console.warn(`warning: ${w}`));
    console.log(`Indexed ${summary.sections} questions (${summary.chunks} chunks, ${summary.embedded} embedded) in ${summary.seconds.toFixed(1)} s.`);
  }
  holder.set(await createServices(config));
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  }
  const holder = new ServiceHolder();
  const app = createApp({ services: holder, llmModel: config.llm?.model ?? null, ...(config.token ? { token: config.token } : {}) });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    console.log(`Interview Tutor is listening on http://${config.host}:${info.port}`);
  });
  server.on('error', (error) => {
    console.error(`Could not listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  try {
    await prepare(config, holder);
    console.log('Ready.');
  } catch (error) {
    const message = (error as Error).message;
    holder.fail(message);
    console.error(`The notes index could not be prepared: ${message}`);
  }
  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing in-flight requests and shutting down…`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
