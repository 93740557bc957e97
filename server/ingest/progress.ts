// How long-running work reports progress; the CLI picks a bar on a TTY and plain lines elsewhere.

export interface Progress {
  start(label: string, total: number): void;
  advance(by: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, advance() {}, stop() {} };
