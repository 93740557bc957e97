// npm start: serves the tutor on HOST:PORT, building or updating the notes index first when it is stale.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createServices } from './deps.js';
import { runIngest } from './ingest/run-ingest.js';
import { staleness } from './ingest/ingest.js';
import { ServiceHolder } from './services.js';
import { ensureWebBuild } from './web-build.js';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds web/dist when stale (skipped with --no-web-build, as `npm run dev` does: Vite serves the UI there). */
async function prepareWeb(): Promise<string | undefined> {
  if (process.argv.includes('--no-web-build')) return undefined;
  try {
    await ensureWebBuild({ projectDir: PROJECT_DIR, log: (line) => console.log(line) });
  } catch (error) {
    console.error(`The web app could not be built (the API still works): ${(error as Error).message}`);
  }
  return path.join(PROJECT_DIR, 'web', 'dist');
}

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
  const webRoot = await prepareWeb();
  const app = createApp({
    services: holder,
    llmModel: config.llm?.model ?? null,
    ...(config.token ? { token: config.token } : {}),
    ...(webRoot ? { webRoot } : {}),
  });
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
    // Closing the database checkpoints its WAL, so the file is complete on its own after a clean stop.
    const exit = () => {
      const state = holder.peek();
      if (state.status === 'ready') state.services.store.close();
      process.exit(0);
    };
    server.close(exit);
    setTimeout(exit, 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
