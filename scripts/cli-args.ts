// What the command-line tools share: their --notes option, and failing with one clear line instead of a stack trace
// (exit 2 for a mistake the user can fix: the command line, the configuration, the notes folder; 1 for the rest).

import { ConfigError, UsageError } from '../server/config.js';
import { NotesError } from '../server/errors.js';

/** `--notes DIR`: the notes folder, exactly as NOTES_DIR=DIR chooses it. */
export const NOTES_OPTION = { notes: { type: 'string' } } as const;

/** Prints why `command` cannot go on, as one line (a config error lists each bad variable), and exits. */
export function exitWithError(command: string, error: unknown, usage?: string): never {
  const userError = error instanceof UsageError || error instanceof ConfigError || error instanceof NotesError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${command}: ${message}${error instanceof UsageError && usage ? ` (usage: ${usage})` : ''}`);
  process.exit(userError ? 2 : 1);
}
