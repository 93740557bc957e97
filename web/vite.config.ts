// Vite config for the web app: root web/, built into web/dist, and in dev the API proxied to the local server.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { sourceHash, STAMP_FILE } from '../server/web-build.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const projectDir = path.resolve(root, '..');

/** Stamps every build with the hash of its sources, so `npm start` knows whether web/dist is current. */
function buildStamp(): Plugin {
  let outDir = '';
  let hash = '';
  return {
    name: 'tutor-build-stamp',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async buildStart() {
      // Hashed before bundling, so a source edited during the build leaves the build stale rather than stamped fresh.
      hash = await sourceHash(projectDir);
    },
    async writeBundle() {
      await writeFile(path.join(outDir, STAMP_FILE), JSON.stringify({ hash, builtAt: new Date().toISOString() }, null, 2));
    },
  };
}
/** The API server `npm run dev` starts beside Vite (scripts/dev.ts passes the same port to both). */
const apiTarget = `http://127.0.0.1:${process.env['API_PORT'] ?? '8787'}`;

export default defineConfig({
  root,
  plugins: [react(), buildStamp()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // React + markdown is ~420 kB before gzip, and the lazily loaded chart chunk about the same: fine from localhost.
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: { host: '127.0.0.1' },
});
