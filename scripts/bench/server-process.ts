// Starts the real server (server/main.ts) as a child process on a free port with a temporary data folder, for
// benchmarks: waits until /api/health says ready, reads its RSS from /proc, and stops it with SIGTERM.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  url: string;
  pid: number;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM (or the signal given), then resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Resident set size of a process in MB, from /proc/<pid>/status (VmRSS); NaN where /proc is unavailable. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

export interface ServerProcessOptions {
  env?: Record<string, string>;
  nodeArgs?: string[];
  readyTimeoutMs?: number;
  /** Use this data folder and keep it on stop (default: a new temporary folder, deleted on stop). */
  dataDir?: string;
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tutor-bench-'));
  // node itself (not npm or tsx's CLI wrapper), so the pid is the server's and its RSS is the server's.
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts', '--no-web-build'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, TUTOR_TOKEN: '', LLM_BASE_URL: '', LLM_MODEL: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const fail = (why: string) => {
    child.kill('SIGKILL');
    return new Error(`${why}:\n${output}`);
  };

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(fail('the server did not start listening')), 60_000);
    const onData = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 300_000);
  for (;;) {
    const health = (await (await fetch(`${url}/api/health`)).json()) as { ready: boolean; status: string };
    if (health.ready) break;
    if (health.status === 'error' || Date.now() > deadline) throw fail('the server never became ready');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    dataDir,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
