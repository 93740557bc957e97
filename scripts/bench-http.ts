// npm run bench:http [-- --duration 20 --connections 10,50 --runs 3] — the real server (server/main.ts) as a child
// process on 127.0.0.1 with a temporary data folder (index built beforehand): sequential latency over HTTP, then
// autocannon load on POST /api/search and POST /api/grade, repeated `runs` times with the server's RSS after each
// run (leak check). Prints tables and a JSON line.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../server/config.js';
import { runIngest } from '../server/ingest/run-ingest.js';
import { gradeInputs, searchQueries } from './bench/fixtures.js';
import { rssMb, startServerProcess } from './bench/server-process.js';
import { latencySummary, printTable, round } from './bench/stats.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10,50' },
    runs: { type: 'string', default: '3' },
    routes: { type: 'string', default: 'search,grade' },
  },
});
const duration = Number(values.duration);
const connectionCounts = values.connections!.split(',').map(Number);
const runs = Number(values.runs);
const routes = values.routes!.split(',') as ('search' | 'grade')[];

const bodies: Record<'search' | 'grade', string[]> = {
  search: searchQueries().map((query) => JSON.stringify({ query, k: 5 })),
  grade: gradeInputs().map((input) => JSON.stringify(input)),
};
const JSON_HEADERS = { 'content-type': 'application/json' };

// The index is built first, so the server starts as it does every day after the first: on an existing index
// (building it inside the server process leaves ~40 MB more RSS behind, measured).
const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-http-'));
await runIngest(loadConfig({ ...process.env, DATA_DIR: dataDir }));
const server = await startServerProcess({ dataDir });
console.error(`server pid ${server.pid} at ${server.url}, RSS ${rssMb(server.pid)} MB after start-up`);

try {
  // Sequential latency over HTTP (one keep-alive connection, after a warm-up pass): what one user sees.
  const latencyRows = [];
  for (const route of routes) {
    const post = (body: string) => fetch(`${server.url}/api/${route}`, { method: 'POST', headers: JSON_HEADERS, body }).then(async (r) => {
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`POST /api/${route} answered ${r.status}`);
    });
    for (const body of bodies[route]) await post(body);
    const times: number[] = [];
    for (const body of bodies[route]) {
      const t = performance.now();
      await post(body);
      times.push(performance.now() - t);
    }
    latencyRows.push({ route: `POST /api/${route}`, requests: times.length, ...latencySummary(times) });
  }
  printTable('Sequential latency over HTTP (ms, 1 connection, after warm-up)', latencyRows, ['route', 'requests', 'p50', 'p95', 'p99', 'mean']);

  const rssStart = rssMb(server.pid);
  const loadRows = [];
  const rssAfterRun: number[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const route of routes) {
      for (const connections of connectionCounts) {
        const result = await autocannon({
          url: server.url,
          connections,
          duration,
          requests: bodies[route].map((body) => ({ method: 'POST' as const, path: `/api/${route}`, headers: JSON_HEADERS, body })),
        });
        loadRows.push({
          run,
          route: `POST /api/${route}`,
          connections,
          reqPerSec: round(result.requests.average, 1),
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          errors: result.errors + result.timeouts + result.non2xx,
          rssMb: rssMb(server.pid),
        });
        console.error(`run ${run} ${route} ×${connections}: ${round(result.requests.average, 1)} req/s, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`);
      }
    }
    rssAfterRun.push(rssMb(server.pid));
  }
  printTable(`HTTP load (autocannon, ${duration} s per row; latency in ms; errors = connection errors + timeouts + non-2xx)`, loadRows, [
    'run',
    'route',
    'connections',
    'reqPerSec',
    'p50',
    'p99',
    'requests',
    'errors',
    'rssMb',
  ]);
  // What the server keeps once the load is over and it has been idle for a while.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const rssSettled = rssMb(server.pid);
  const memory = { rssBeforeLoadMb: rssStart, rssAfterRunMb: rssAfterRun, rssSettledMb: rssSettled, growthFirstToLastMb: (rssAfterRun.at(-1) ?? NaN) - (rssAfterRun[0] ?? NaN) };
  console.log(
    `\nServer RSS: ${rssStart} MB before the load (after the warm-up), ${rssAfterRun.join(' / ')} MB after runs 1–${runs}, ${rssSettled} MB after 10 s idle (growth from run 1 to run ${runs}: ${memory.growthFirstToLastMb} MB)`,
  );
  console.log(JSON.stringify({ bench: 'http', duration, latency: latencyRows, load: loadRows, memory }));
} finally {
  const code = await server.stop();
  if (code !== 0) console.error(`the server exited with ${code} on SIGTERM:\n${server.output().slice(-2000)}`);
  rmSync(dataDir, { recursive: true, force: true });
}
