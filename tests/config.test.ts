// Configuration from the environment and the command line: how the notes folder is chosen, and command-line
// mistakes as one short sentence.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadConfigFor, parseCommandLine, UsageError } from '../server/config.js';

describe('choosing the notes folder', () => {
  it('counts NOTES_DIR as a chosen folder and the default as not chosen', () => {
    expect(loadConfig({})).toMatchObject({ notesDir: path.resolve('corpus'), notesDirChosen: false });
    expect(loadConfig({ NOTES_DIR: '' })).toMatchObject({ notesDirChosen: false });
    expect(loadConfig({ NOTES_DIR: '/tmp/notes' })).toMatchObject({ notesDir: '/tmp/notes', notesDirChosen: true });
    // Choosing the bundled folder by name is a choice too (it switches back to it).
    expect(loadConfig({ NOTES_DIR: 'corpus' })).toMatchObject({ notesDir: path.resolve('corpus'), notesDirChosen: true });
  });

  it('lets --notes DIR choose the folder exactly as NOTES_DIR does, and win over it', () => {
    expect(loadConfigFor({ notes: 'mine' }, {})).toMatchObject({ notesDir: path.resolve('mine'), notesDirChosen: true });
    expect(loadConfigFor({ notes: 'flag' }, { NOTES_DIR: 'env' })).toMatchObject({ notesDir: path.resolve('flag') });
    expect(loadConfigFor({}, { NOTES_DIR: 'env' })).toMatchObject({ notesDir: path.resolve('env'), notesDirChosen: true });
  });

  it('refuses an empty --notes rather than quietly using the default folder', () => {
    expect(() => loadConfigFor({ notes: '' }, {})).toThrow(new UsageError('--notes needs a folder'));
  });
});

describe('parseCommandLine', () => {
  const options = { notes: { type: 'string' }, rebuild: { type: 'boolean' } } as const;
  const fails = (args: string[], allowPositionals = false) => {
    try {
      parseCommandLine(args, { options, allowPositionals });
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error('expected a UsageError');
  };

  it('reads the options it knows', () => {
    expect(parseCommandLine(['--notes', 'd', '--rebuild'], { options }).values).toEqual({ notes: 'd', rebuild: true });
  });

  it('says what is wrong in one short sentence', () => {
    expect(fails(['--nope'])).toBe('unknown option --nope');
    expect(fails(['--notes'])).toBe('--notes needs a value');
    expect(fails(['--notes', '--rebuild'])).toBe('--notes needs a value');
    expect(fails(['--rebuild=yes'])).toBe('--rebuild does not take a value');
    expect(fails(['/path/to/notes'])).toBe("unexpected argument '/path/to/notes' (to choose the notes folder: --notes /path/to/notes)");
  });
});
