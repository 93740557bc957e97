import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { realServices } from '../support/real-services.js';

let config: Config;
beforeAll(async () => {
  ({ config } = await realServices());
});

const run = (args: string[]) =>
  promisify(execFile)('npm', ['run', '-s', 'search', '--', ...args], {
    env: { ...process.env, DATA_DIR: config.dataDir },
    maxBuffer: 10 * 1024 * 1024,
    timeout: 120_000,
  });

describe('npm run -s search', () => {
  it('in batch mode prints exactly one JSON line per input line, in order, and nothing else on stdout', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'search-batch-')), 'queries.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'q1', query: '空洞卷积有什么用' }),
        JSON.stringify({ id: 2, query: 'what does a 1x1 convolution do?' }),
        '',
        'not json',
        JSON.stringify({ id: 'empty', query: '' }),
        JSON.stringify({ id: 'oos', query: 'Kubernetes 怎么部署服务' }),
      ].join('\n'),
    );
    const { stdout } = await run(['--batch', file, '--k', '3']);
    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(6);
    const out = lines.map((l) => JSON.parse(l) as { id: unknown; inScope: boolean; hits: { heading: string; score: number }[]; error?: string });
    expect(out.map((o) => o.id)).toEqual(['q1', 2, null, null, 'empty', 'oos']);
    expect(out[0]!.hits[0]!.heading).toBe('11. 卷积神经网络中空洞卷积的作用是什么');
    expect(out[0]!.hits).toHaveLength(3);
    expect(out[1]!.hits[0]!.heading).toBe('57. 1*1的卷积有何作用');
    for (const i of [2, 3, 4]) expect(out[i]).toMatchObject({ inScope: false, hits: [], error: expect.any(String) });
    expect(out[5]!.inScope).toBe(false);
  }, 150_000);

  it('prints a readable result list for a person, and JSON with --json', async () => {
    const human = await run(['dropout 的缺点']);
    expect(human.stdout).toMatch(/33\. dropout和batch normalization的原理/);
    const json = await run(['dropout 的缺点', '--json', '--k', '2']);
    expect((JSON.parse(json.stdout) as { hits: unknown[] }).hits).toHaveLength(2);
  }, 150_000);
});
