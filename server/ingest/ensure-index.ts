// Gets the index ready for a command: picks the notes folder, builds or updates the index when it is stale (saying
// why), reports what in the notes was skipped on every run, and rebuilds once from the notes an index that cannot be
// opened. Logs go to stderr by default, keeping stdout clean for the CLIs' results.

import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { IndexError, NotesError } from '../errors.js';
import { createEmbedder } from '../retrieval/create-embedder.js';
import { readManifest, type Manifest } from '../retrieval/index-store.js';
import { checkIndex, withoutAdvice, type IngestSummary } from './ingest.js';
import type { Progress } from './progress.js';
import { runIngest } from './run-ingest.js';

export type Log = (line: string) => void;

const toStderr: Log = (line) => console.error(line);

// Enough to see what kind of problems there are without burying the rest of the output (the console's and the
// web page's); ingest lists them all.
export const MAX_WARNINGS_SHOWN = 20;

/**
 * The config with the notes folder to use: the one chosen (NOTES_DIR or `--notes DIR`), else the folder the index
 * was last built from, so that a folder chosen once for ingest stays in use until another is chosen. Throws when
 * that folder is gone rather than switching to the default silently.
 */
export async function chooseNotesDir(config: Config, log: Log = toStderr): Promise<Config> {
  if (config.notesDirChosen) return config;
  const last = await lastIndexed(path.dirname(config.indexDir));
  if (!last || last.notesDir === config.notesDir) return config;
  const folder = await stat(last.notesDir).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new NotesError(
      `The index holds the notes in ${last.notesDir}, which is no longer there. Choose the notes folder with --notes DIR or NOTES_DIR=DIR (the bundled notes: --notes ${path.relative(process.cwd(), config.notesDir) || '.'}).`,
    );
  }
  log(`Using the notes in ${last.notesDir}, the folder indexed last (choose another with --notes DIR or NOTES_DIR=DIR).`);
  return { ...config, notesDir: last.notesDir };
}

/** The most recently built index's manifest among every model's index folder, or null. */
async function lastIndexed(indexRoot: string): Promise<Manifest | null> {
  const names = await readdir(indexRoot).catch(() => [] as string[]);
  let newest: Manifest | null = null;
  for (const name of names) {
    // Staging and backup folders of an index swap (`<model>.new-<pid>`, `<model>.old-<pid>`) are not indexes.
    if (/\.(new|old)-\d+$/.test(name)) continue;
    const manifest = await readManifest(path.join(indexRoot, name)).catch(() => null);
    if (manifest && (!newest || manifest.builtAt > newest.builtAt)) newest = manifest;
  }
  return newest;
}

/** The notes folder used, and what in it was skipped (a file not UTF-8, not markdown, a heading without a space…). */
export interface PreparedIndex {
  config: Config;
  /** Every warning of the notes, one line each (`file:line: reason`), as logged. */
  warnings: string[];
}

/**
 * Builds or updates the index only when it is missing or stale, logging why, and logs the notes' warnings (skipped
 * files and the like) every time. Returns the config with the notes folder used.
 */
export async function ensureIndex(config: Config, log: Log = toStderr, progress?: Progress): Promise<Config> {
  return (await prepareIndex(config, log, progress)).config;
}

/** ensureIndex, also returning the notes' warnings so that the server can show them to web users. */
export async function prepareIndex(config: Config, log: Log = toStderr, progress?: Progress): Promise<PreparedIndex> {
  const chosen = await chooseNotesDir(config, log);
  const modelId = createEmbedder(chosen).modelId;
  const check = await checkIndex({ notesDir: chosen.notesDir, indexDir: chosen.indexDir, glossaryFile: chosen.glossaryFile, modelId });
  if (!check.reason) {
    logWarnings(check.notes.warnings, log);
    return { config: chosen, warnings: check.notes.warnings };
  }
  // The reason's advice to run `npm run ingest -- --rebuild` is what is happening now.
  const reason = withoutAdvice(check.reason);
  log(`Indexing notes in ${chosen.notesDir} (${reason})…`);
  const summary = await runIngest(chosen, { notes: check.notes, ...(progress ? { progress } : {}) });
  logIngest(summary, log, reason);
  return { config: chosen, warnings: summary.warnings };
}

/**
 * ensureIndex, then `open` (given the notes' warnings too). An index that looks current but cannot be opened (a file
 * truncated, corrupted, missing or inconsistent) is rebuilt from the notes once — what its error would tell the user
 * to run — so that commands and the server recover by themselves.
 */
export async function openIndex<T>(
  config: Config,
  open: (config: Config, prepared: PreparedIndex) => Promise<T>,
  options: { log?: Log; progress?: Progress } = {},
): Promise<{ config: Config; opened: T; warnings: string[] }> {
  const log = options.log ?? toStderr;
  const prepared = await prepareIndex(config, log, options.progress);
  const chosen = prepared.config;
  try {
    return { ...prepared, opened: await open(chosen, prepared) };
  } catch (error) {
    if (!(error instanceof IndexError)) throw error;
    log(error.message);
    log('Rebuilding the index from the notes now (the same as `npm run ingest -- --rebuild`)…');
    const summary = await runIngest(chosen, { rebuild: true, ...(options.progress ? { progress: options.progress } : {}) });
    log(`Rebuilt the index: ${summary.sections} questions (${summary.chunks} chunks) in ${summary.seconds.toFixed(1)} s.`);
    const rebuilt: PreparedIndex = { config: chosen, warnings: summary.warnings };
    return { ...rebuilt, opened: await open(chosen, rebuilt) };
  }
}

function logIngest(summary: IngestSummary, log: Log, alreadySaid: string): void {
  if (summary.rebuiltBecause && !alreadySaid.includes(summary.rebuiltBecause)) {
    log(`The existing index could not be reused (${summary.rebuiltBecause}), so every note was embedded again.`);
  }
  logWarnings(summary.warnings, log);
  log(`Indexed ${summary.sections} questions (${summary.chunks} chunks, ${summary.embedded} embedded) in ${summary.seconds.toFixed(1)} s.`);
}

function logWarnings(warnings: string[], log: Log): void {
  warnings.slice(0, MAX_WARNINGS_SHOWN).forEach((w) => log(`warning: ${w}`));
  if (warnings.length > MAX_WARNINGS_SHOWN) log(`… and ${warnings.length - MAX_WARNINGS_SHOWN} more warnings (\`npm run ingest\` lists them all).`);
}
