// The eval and bench fixtures are written against the bundled notes, so those scripts run on them, in an index of
// their own: whatever folder the user indexed last stays indexed in data/. NOTES_DIR and DATA_DIR still choose,
// for measuring another setup.

import { loadConfig, type Config } from '../server/config.js';

export function bundledNotesConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig({ NOTES_DIR: 'corpus', DATA_DIR: 'data/eval/corpus', ...env });
}
