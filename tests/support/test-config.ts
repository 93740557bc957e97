// Configuration for tests: the real default notes, glossary and bundled model, with a private data folder.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config.js';

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tutor-test-'));
  return loadConfig({ DATA_DIR: dataDir, ...overrides });
}
