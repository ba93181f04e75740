/**
 * A one-line progress indicator on stderr, shown only when stderr is a TTY so
 * that pipes, files and CI logs get clean output. Redraws at most every 100 ms.
 */
import type { Writable } from 'node:stream';
import { escapeControls } from './output';

export interface Progress {
  /** `label done/total` (or `label done` when the total is unknown). */
  update(done: number, total?: number): void;
  /** Erases the line. Safe to call more than once. */
  done(): void;
}

const NO_PROGRESS: Progress = { update: () => undefined, done: () => undefined };

export function createProgress(stream: Writable & { isTTY?: boolean }, label: string, options: { intervalMs?: number; now?: () => number } = {}): Progress {
  if (!stream.isTTY) return NO_PROGRESS;
  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? (() => Date.now());
  // The label may name a repository a registry sent; the only controls written are ours.
  const safeLabel = escapeControls(label);
  let lastDraw = -Infinity;
  let drawn = false;
  let finished = false;
  return {
    update(done, total) {
      if (finished) return;
      const time = now();
      if (time - lastDraw < intervalMs && done !== total) return;
      lastDraw = time;
      drawn = true;
      stream.write(`\r\x1b[2K${safeLabel} ${total === undefined ? done : `${done}/${total}`}`);
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
