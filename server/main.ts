// npm start [-- --notes DIR]: serves the tutor on HOST:PORT, building or updating the notes index first when it is stale.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfigFor, parseCommandLine, UsageError, type Config } from './config.js';
import { createServices } from './deps.js';
import { openIndex } from './ingest/ensure-index.js';
import { ServiceHolder } from './services.js';
import { ensureWebBuild } from './web-build.js';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds web/dist when stale (skipped with --no-web-build, as `npm run dev` does: Vite serves the UI there). */
async function prepareWeb(build: boolean): Promise<string | undefined> {
  if (!build) return undefined;
  try {
    await ensureWebBuild({ projectDir: PROJECT_DIR, log: (line) => console.log(line) });
  } catch (error) {
    console.error(`The web app could not be built (the API still works): ${(error as Error).message}`);
  }
  return path.join(PROJECT_DIR, 'web', 'dist');
}

async function prepare(config: Config, holder: ServiceHolder): Promise<void> {
  // A damaged or inconsistent index is rebuilt from the notes inside openIndex: npm start should just work.
  const { opened } = await openIndex(config, createServices, {
    log: (line) => {
      console.log(line);
      holder.progress(line);
    },
  });
  holder.set(opened);
}

async function main(): Promise<void> {
  let config: Config;
  let webBuild: boolean;
  try {
    const { values } = parseCommandLine(process.argv.slice(2), {
      options: { notes: { type: 'string' }, 'no-web-build': { type: 'boolean', default: false } },
    });
    config = loadConfigFor(values);
    webBuild = !values['no-web-build'];
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof UsageError)) throw error;
    console.error(error instanceof UsageError ? `npm start: ${error.message} (usage: npm start [-- --notes DIR])` : error.message);
    process.exit(2);
  }
  const holder = new ServiceHolder();
  const webRoot = await prepareWeb(webBuild);
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
  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing in-flight requests and shutting down…`);
    // Closing the database checkpoints its WAL, so the file is complete on its own after a clean stop.
    const exit = () => {
      const state = holder.peek();
      if (state.status === 'ready') state.services.store.close();
      process.exit(0);
    };
    server.close(exit);
    // close() drops only the connections idle at this moment; a keep-alive connection whose response ends later
    // would hold the exit until the client lets go of it (3 s measured with fetch), so drop each once it is idle.
    if ('closeIdleConnections' in server) setInterval(() => server.closeIdleConnections(), 50).unref();
    setTimeout(exit, 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // After the handlers, so that a stop during a long first indexing is a clean stop too.
  try {
    await prepare(config, holder);
    console.log('Ready.');
  } catch (error) {
    const message = (error as Error).message;
    holder.fail(message);
    console.error(`The notes index could not be prepared: ${message}`);
  }
}

await main();
