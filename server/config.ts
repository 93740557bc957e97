// The only reader of process.env: every setting parsed and validated once, all problems reported together.

import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('data'),
  NOTES_DIR: z.string().min(1).default('corpus'),
  GLOSSARY_FILE: z.string().min(1).default('corpus/glossary.yaml'),
  TOPICS_FILE: z.string().min(1).default('corpus/topics.yaml'),
  EMBED_MODEL: z.string().min(1).default('models/tutor-zh-static'),
  ALLOW_REMOTE_MODELS: flag,
  TUTOR_TOKEN: z.string().min(16, 'TUTOR_TOKEN must be at least 16 characters').optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  notesDir: string;
  /**
   * True when the notes folder was chosen (NOTES_DIR, which the commands' `--notes DIR` sets); false when `notesDir`
   * is only the default, in which case the commands keep using the folder the index was last built from.
   */
  notesDirChosen: boolean;
  glossaryFile: string;
  topicsFile: string;
  embedModel: string;
  allowRemoteModels: boolean;
  /** Index folder for the configured model (one per model, so switching models keeps both). */
  indexDir: string;
  dbFile: string;
  modelCacheDir: string;
  token?: string;
  llm?: { baseUrl: string; apiKey: string; model: string; timeoutMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A mistake on a command line (unknown option, missing value, stray argument); the CLIs print it and exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The configuration for a command: the environment, with the command line's `--notes DIR` applied on top, since the
 * flag and NOTES_DIR choose the same thing.
 */
export function loadConfigFor(flags: { notes?: string | undefined }, env: Record<string, string | undefined> = process.env): Config {
  if (flags.notes === undefined) return loadConfig(env);
  if (flags.notes.trim() === '') throw new UsageError('--notes needs a folder');
  return loadConfig({ ...env, NOTES_DIR: flags.notes });
}

/** node:util parseArgs (strict), with its errors turned into one short UsageError sentence. */
export function parseCommandLine<T extends Omit<ParseArgsConfig, 'strict' | 'args'>>(args: string[], config: T) {
  try {
    return parseArgs({ ...config, args, strict: true } as T & { args: string[]; strict: true });
  } catch (error) {
    throw new UsageError(describeArgsError(error as Error & { code?: string }, 'notes' in (config.options ?? {})));
  }
}

function describeArgsError(error: Error & { code?: string }, takesNotes: boolean): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const option = quoted.split(' ')[0]!;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'${takesNotes ? ` (to choose the notes folder: --notes ${quoted})` : ''}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take/.test(error.message) ? `${option} does not take a value` : `${option} needs a value`;
    default:
      return error.message;
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blank = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(blank);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  const problems: string[] = [];
  if (!LOOPBACK.has(e.HOST) && !e.TUTOR_TOKEN) {
    problems.push(`HOST=${e.HOST} exposes the tutor beyond this machine: set TUTOR_TOKEN (16+ characters) so every API request must carry it`);
  }
  const llmParts = [e.LLM_BASE_URL, e.LLM_MODEL].filter(Boolean).length;
  if (llmParts === 1) problems.push('LLM_BASE_URL and LLM_MODEL must be set together to enable the optional LLM');
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  const slug = e.EMBED_MODEL.replace(/[\\/]+$/, '').split(/[\\/]/).slice(-2).join('--').replace(/[^\w.-]+/g, '_');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    notesDir: path.resolve(e.NOTES_DIR),
    notesDirChosen: blank.NOTES_DIR !== undefined,
    glossaryFile: path.resolve(e.GLOSSARY_FILE),
    topicsFile: path.resolve(e.TOPICS_FILE),
    embedModel: e.EMBED_MODEL,
    allowRemoteModels: e.ALLOW_REMOTE_MODELS,
    indexDir: path.join(dataDir, 'index', slug),
    dbFile: path.join(dataDir, 'tutor.db'),
    modelCacheDir: path.join(dataDir, 'models'),
    ...(e.TUTOR_TOKEN ? { token: e.TUTOR_TOKEN } : {}),
    ...(e.LLM_BASE_URL && e.LLM_MODEL
      ? { llm: { baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY ?? 'not-needed', model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS } }
      : {}),
  };
}
