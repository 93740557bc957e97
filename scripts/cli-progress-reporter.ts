// Progress for command-line runs: a bar on a terminal, a plain line every 10% when output is piped.

import cliProgress from 'cli-progress';
import type { Progress } from '../server/ingest/progress.js';

export function cliProgressReporter(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({ stream, format: '{label} [{bar}] {value}/{total} chunks  {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic);
    return {
      start: (label, total) => total > 0 && bar.start(total, 0, { label }),
      advance: (by) => bar.increment(by),
      stop: () => bar.stop(),
    };
  }
  let label = '';
  let total = 0;
  let done = 0;
  let nextReport = 0;
  return {
    start(l, t) {
      label = l;
      total = t;
      done = 0;
      nextReport = 0;
      if (t > 0) stream.write(`${label}: 0/${total}\n`);
    },
    advance(by) {
      done += by;
      if (done >= nextReport || done === total) {
        stream.write(`${label}: ${done}/${total}\n`);
        nextReport = done + Math.max(1, Math.ceil(total / 10));
      }
    },
    stop() {},
  };
}
