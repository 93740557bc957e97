// npm run dev: the API (restarting on server changes) and Vite with hot reload, whose /api requests go to the API.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env['PORT'] ?? '8787';
// web/vite.config.ts proxies /api to this port.
process.env['API_PORT'] = apiPort;

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const api = spawn(process.execPath, [tsxCli, 'watch', '--clear-screen=false', 'server/main.ts', '--no-web-build'], {
  cwd: projectDir,
  stdio: 'inherit',
  env: { ...process.env, PORT: apiPort },
});
api.on('error', (error) => {
  console.error(`Could not start the API server: ${error.message}`);
  process.exit(1);
});

const vite = await createServer({ configFile: path.join(projectDir, 'web', 'vite.config.ts') });
await vite.listen();
vite.printUrls();
console.log(`API on http://127.0.0.1:${apiPort} (proxied under /api)`);

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  api.kill('SIGTERM');
  await vite.close();
  process.exit(code);
};
api.on('exit', (code) => {
  if (!stopping) {
    console.error(`The API server exited (code ${code ?? 'signal'}); stopping Vite too.`);
    void stop(code ?? 1);
  }
});
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
