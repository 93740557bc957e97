// Builds the web app (web/ → web/dist) with Vite when the build is missing or older than its sources.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Written into the build folder by web/vite.config.ts; holds the hash of the sources the build was made from. */
export const STAMP_FILE = '.build-stamp.json';

export interface WebBuildOptions {
  /** The project root (holds web/, server/api/ and package-lock.json). */
  projectDir: string;
  /** Where progress goes; silent by default. */
  log?: (line: string) => void;
}

/**
 * Every input of the build: the app's sources, its config, the server schemas it imports types from, and the
 * lockfile (a dependency upgrade changes the output too). Content hashes, not mtimes: a fresh clone has new mtimes.
 */
async function inputFiles(projectDir: string): Promise<string[]> {
  const files = ['web/index.html', 'web/vite.config.ts', 'package-lock.json'].filter((f) => existsSync(path.join(projectDir, f)));
  for (const dir of ['web/src', 'web/public', 'server/api']) {
    const full = path.join(projectDir, dir);
    if (!existsSync(full)) continue;
    const entries = await readdir(full, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile()) files.push(path.relative(projectDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    }
  }
  return files.sort();
}

export async function sourceHash(projectDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await inputFiles(projectDir)) {
    hash.update(file).update('\0').update(await readFile(path.join(projectDir, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Why the build must be (re)made, or null when web/dist matches the sources. */
export async function webBuildStaleness(projectDir: string): Promise<string | null> {
  const dist = path.join(projectDir, 'web', 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) return 'web/dist is missing';
  let stamp: { hash?: string };
  try {
    stamp = JSON.parse(await readFile(path.join(dist, STAMP_FILE), 'utf8')) as { hash?: string };
  } catch {
    return 'web/dist has no build stamp';
  }
  return stamp.hash === (await sourceHash(projectDir)) ? null : 'web sources changed since the last build';
}

/**
 * Builds into a private folder and swaps it in, so a server already serving web/dist never sees half a build and
 * two processes building at once do not write into the same folder. Returns whether a build ran.
 */
export async function ensureWebBuild({ projectDir, log = () => {} }: WebBuildOptions): Promise<boolean> {
  const reason = await webBuildStaleness(projectDir);
  if (!reason) return false;
  log(`Building the web app (${reason})…`);
  const started = performance.now();
  const dist = path.join(projectDir, 'web', 'dist');
  const temp = path.join(projectDir, 'web', `.dist-${process.pid}-${Date.now()}`);
  const old = `${temp}-old`;
  // Imported here so serving a ready build never loads Vite.
  const { build } = await import('vite');
  try {
    await build({
      configFile: path.join(projectDir, 'web', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: temp, emptyOutDir: true },
    });
    await rename(dist, old).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(temp, dist).catch((error: NodeJS.ErrnoException) => {
      // Another process swapped in its build of the same sources a moment ago: keep that one.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
  log(`Built the web app in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}
