// Deciding when the web app must be rebuilt: a missing build, a missing stamp, or sources that changed.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceHash, STAMP_FILE, webBuildStaleness } from '../../server/web-build.js';

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutor-build-'));
  mkdirSync(path.join(dir, 'web', 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'web', 'index.html'), '<div id="root"></div>');
  writeFileSync(path.join(dir, 'web', 'src', 'main.tsx'), 'export {}');
  return dir;
}

async function stamp(dir: string): Promise<void> {
  mkdirSync(path.join(dir, 'web', 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'web', 'dist', 'index.html'), 'built');
  writeFileSync(path.join(dir, 'web', 'dist', STAMP_FILE), JSON.stringify({ hash: await sourceHash(dir) }));
}

describe('webBuildStaleness', () => {
  it('asks for a build when web/dist is missing', async () => {
    expect(await webBuildStaleness(project())).toMatch(/missing/);
  });

  it('asks for a build when web/dist has no stamp (built by hand with an unknown source state)', async () => {
    const dir = project();
    mkdirSync(path.join(dir, 'web', 'dist'));
    writeFileSync(path.join(dir, 'web', 'dist', 'index.html'), 'built');
    expect(await webBuildStaleness(dir)).toMatch(/stamp/);
  });

  it('is satisfied by a build stamped with the current sources', async () => {
    const dir = project();
    await stamp(dir);
    expect(await webBuildStaleness(dir)).toBeNull();
  });

  it('asks for a build after a source file changes, even with an older mtime (a fresh clone)', async () => {
    const dir = project();
    await stamp(dir);
    writeFileSync(path.join(dir, 'web', 'src', 'main.tsx'), 'export const changed = 1');
    expect(await webBuildStaleness(dir)).toMatch(/changed/);
  });

  it('asks for a build after a new source file appears', async () => {
    const dir = project();
    await stamp(dir);
    writeFileSync(path.join(dir, 'web', 'src', 'extra.ts'), 'export {}');
    expect(await webBuildStaleness(dir)).toMatch(/changed/);
  });
});
