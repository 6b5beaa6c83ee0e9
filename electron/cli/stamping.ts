import { BackgroundStamper } from '../core/timestamp/background-stamper.js';
import type { StampPass } from '../core/timestamp/stamper.js';
import type { Workspace } from '../core/workspace/workspace.js';
import type { Output } from './output.js';

/** How long a command that captured waits for its stamps before leaving them queued. */
export const SETTLE_MS = 15_000;
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * Runs a command's work with the time-stamper listening: every capture it
 * stores is stamped in the background while the next is taken, and before
 * the command exits it waits (bounded) for what is left. What could not be
 * stamped stays queued, and the command says so. With `always`, what was
 * pending before is stamped too (recapture --due, init).
 */
export async function withStamping<T>(ws: Workspace, out: Output, work: () => Promise<T>, o: { always?: boolean } = {}): Promise<T> {
  const stamper = new BackgroundStamper(ws, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
  let stored = 0;
  const stopCounting = ws.onCaptureStored(() => stored++);
  try {
    const value = await work();
    // A command refused before it stored anything leaves the workspace exactly as it was.
    if (stored === 0 && !o.always) return value;
    const settled = await stamper.settle(SETTLE_MS);
    const line = describeSettled(settled.pending, settled.last);
    if (line) out.line(line);
    return value;
  } finally {
    stopCounting();
    await stamper.close();
  }
}

export function describeSettled(pending: number, last: StampPass | null): string | null {
  if (pending === 0) return null;
  const why = last?.failures.length ? ` (${last.failures.map((f) => `${f.authority}: ${f.error}`).join('; ')})` : '';
  return `Time-stamp pending for ${pending} item(s)${why}: they are queued in the workspace; run \`exhibit stamp\` when the authorities can be reached.`;
}
