// The command-line tools as users run them (real processes, real files): every command takes the notes folder the
// same way and keeps the one indexed last until another is chosen, and a mistake gives one line and exit code 2.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../server/notes/parse-notes.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx <script> ...args` (what `npm run <script>` runs) from the project folder. */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { env: { ...process.env, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cli-data-')), NOTES_DIR: '', ...env }, timeout: 120_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-notes-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const ENGLISH = {
  'ml.md': '## 1. What is dropout?\n\nDropout randomly zeroes activations during training to reduce overfitting.\n\n## 2. What is a learning rate?\n\nThe step size of gradient descent.\n',
};
const SYSTEMS = { 'sys.md': '## 1. What is sharding?\n\nSharding splits a database horizontally across machines by a shard key.\n' };

describe('command-line mistakes', () => {
  const nomd = folder({ 'readme.txt': 'notes in plain text\n' });
  // Regression (QA): each of these printed a raw Node stack trace.
  it.each([
    ['search', ['q', '--nope'], {}, 'search: unknown option --nope (usage: npm run -s search -- "your question"'],
    ['search', ['q', '--notes'], {}, 'search: --notes needs a value'],
    ['ingest', ['/path/to/notes'], {}, "ingest: unexpected argument '/path/to/notes' (to choose the notes folder: --notes /path/to/notes)"],
    ['ingest', ['--notes'], {}, 'ingest: --notes needs a value'],
    ['search', ['q'], { NOTES_DIR: nomd }, `search: No markdown (.md) files in ${nomd} (readme.txt: not a markdown file, skipped; rename it to .md to include it).`],
    ['search', ['q'], { NOTES_DIR: '/nonexistent/notes' }, 'search: Notes folder not found: /nonexistent/notes'],
    ['grade', ['--batch'], {}, 'grade: --batch needs a value'],
    ['grade', ['--batch', 'package.json', '--notes', '/nonexistent/notes'], {}, 'grade: Notes folder not found: /nonexistent/notes'],
    ['server/main', ['--nope'], {}, 'npm start: unknown option --nope (usage: npm start [-- --notes DIR])'],
  ] as const)('%s %j prints one line and exits with 2', { timeout: 120_000 }, async (script, args, env, line) => {
    const result = await run(script.includes('/') ? `${script}.ts` : `scripts/${script}.ts`, [...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(line);
    expect(result.stdout).toBe('');
  });
});

describe('the notes folder across commands', () => {
  // Regression (QA): after `npm run ingest -- --notes DIR`, search, grade and npm start re-indexed the bundled notes
  // and answered from them, saying only "(the index was built from DIR)".
  it('ingest, search, grade and npm start take --notes, and keep the folder indexed last until another is chosen', { timeout: 300_000 }, async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-data-'));
    const english = folder(ENGLISH);
    const systems = folder(SYSTEMS);

    expect((await run('scripts/ingest.ts', ['--notes', english], { DATA_DIR: data })).code).toBe(0);

    const search = await run('scripts/search.ts', ['what is dropout', '--json', '--k', '1'], { DATA_DIR: data });
    expect(search.stderr).toContain(`Using the notes in ${english}, the folder indexed last`);
    expect(search.stderr).not.toContain('Indexing');
    expect((JSON.parse(search.stdout) as { hits: { heading: string }[] }).hits[0]!.heading).toBe('1. What is dropout?');

    const answers = path.join(mkdtempSync(path.join(tmpdir(), 'cli-grade-')), 'answers.jsonl');
    writeFileSync(answers, `${JSON.stringify({ id: 'a', question: '1', answer: 'It zeroes random activations while training.' })}\n`);
    const grade = await run('scripts/grade.ts', ['--batch', answers], { DATA_DIR: data });
    expect(grade.code).toBe(0);
    expect(grade.stderr).toContain(`Using the notes in ${english}`);
    expect(JSON.parse(grade.stdout)).toMatchObject({ id: 'a', questionId: parseMarkdown('ml.md', ENGLISH['ml.md']).sections[0]!.id });

    const switched = await run('scripts/search.ts', ['what is sharding', '--json', '--k', '1', '--notes', systems], { DATA_DIR: data });
    expect(switched.stderr).toContain(`Indexing notes in ${systems} (switching from the notes in ${english})`);
    expect((JSON.parse(switched.stdout) as { hits: { heading: string }[] }).hits[0]!.heading).toBe('1. What is sharding?');

    const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--no-web-build', '--notes', english], {
      env: { ...process.env, DATA_DIR: data, PORT: '0', HOST: '127.0.0.1', NOTES_DIR: '', TUTOR_TOKEN: '', LLM_BASE_URL: '', LLM_MODEL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const deadline = Date.now() + 120_000;
      while (!output.includes('Ready.') && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain(`Indexing notes in ${english} (switching from the notes in ${systems})`);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      const res = await fetch(`${url}/api/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'what is dropout' }) });
      expect(((await res.json()) as { hits: { heading: string }[] }).hits[0]!.heading).toBe('1. What is dropout?');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  });
});

