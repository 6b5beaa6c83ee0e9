import { drop } from '../util/drop.js';
import { countPendingStamps } from '../workspace/timestamps.js';
import type { Workspace } from '../workspace/workspace.js';
import { stampPending, type StampOptions, type StampPass } from './stamper.js';

export interface BackgroundStamperOptions extends StampOptions {
  /** after a capture is stored, wait this long for others before asking, so one request covers them all */
  coalesceMs?: number;
  /** while captures keep coming, at least this long between passes: a batch of captures costs a few requests, not one each */
  spacingMs?: number;
  /** while stamps are pending, try again this often (the desktop app, exhibit serve); null: only when poked */
  retryEveryMs?: number | null;
  onPass?: (pass: StampPass) => void;
}

const DEFAULT_COALESCE_MS = 1500;
/**
 * Each pass checks its tokens (CMS signature, chain) on the thread that also
 * drives the captures: measured on 2 cores, a pass every 1.5 s during a batch
 * of captures slowed the batch by 11%. A capture after a quiet spell is still
 * stamped within 1.5 s.
 */
const DEFAULT_SPACING_MS = 10_000;

/**
 * Stamps off the capture's path: each capture stored in the workspace pokes
 * it, and one pass at a time drains the queue. Captures made while a pass
 * is out wait for the next, which covers them all in one request per
 * authority. The capture never waits on an authority; a command that wants
 * its captures stamped before it exits calls settle().
 */
export class BackgroundStamper {
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private readonly abort = new AbortController();
  private lastPassAt = -Infinity;
  private readonly unsubscribe: () => void;
  last: StampPass | null = null;
  lastError: string | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly o: BackgroundStamperOptions = {},
  ) {
    this.unsubscribe = ws.onCaptureStored(() => this.pokeSoon());
  }

  /** A pass a little later: captures stored meanwhile share its request. */
  private pokeSoon(): void {
    if (this.closed || this.soon) return;
    const spacing = this.lastPassAt + (this.o.spacingMs ?? DEFAULT_SPACING_MS) - Date.now();
    this.soon = setTimeout(
      () => {
        this.soon = null;
        this.poke();
      },
      Math.max(this.o.coalesceMs ?? DEFAULT_COALESCE_MS, spacing),
    );
    this.soon.unref();
  }

  /** Starts a pass now, or right after the one under way. */
  poke(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
      this.scheduleRetry();
    });
    drop(this.running);
  }

  /**
   * Passes until nothing is pending, a pass gets nowhere, or waitMs is spent;
   * what is left stays queued for `exhibit stamp` or the next run.
   */
  async settle(waitMs: number): Promise<{ pending: number; last: StampPass | null }> {
    const deadline = Date.now() + waitMs;
    if (this.soon) {
      clearTimeout(this.soon);
      this.soon = null;
    }
    while (!this.closed && Date.now() < deadline) {
      if (this.running) await this.running;
      else if ((await countPendingStamps(this.ws.db)) === 0) break;
      this.poke();
      await this.running;
      const pass = this.last;
      if (!pass || pass.pending === 0) break;
      if (pass.stamped > 0) continue;
      // Nothing stamped: only an authority that asks for spacing is worth waiting for.
      if (pass.waitMs === null || Date.now() + pass.waitMs > deadline) break;
      await new Promise((r) => setTimeout(r, pass.waitMs!));
    }
    return { pending: await countPendingStamps(this.ws.db), last: this.last };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.abort.abort();
    if (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      this.lastPassAt = Date.now();
      try {
        this.last = await stampPending(this.ws, { ...this.o, signal: this.abort.signal });
        this.lastError = null;
        this.o.onPass?.(this.last);
      } catch (e) {
        // A database or disk failure: the queue is intact, the next poke tries again.
        this.lastError = (e as Error).message;
        return;
      }
    } while (this.again && !this.closed);
  }

  private scheduleRetry(): void {
    const every = this.o.retryEveryMs;
    if (this.closed || every == null || this.timer || !this.last || this.last.pending === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.poke();
    }, Math.max(every, this.last.waitMs ?? 0));
    this.timer.unref();
  }
}
