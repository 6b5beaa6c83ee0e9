import { withTimeout, type CdpSession } from '../cdp.js';
import type { PartialReason } from '../outcome.js';

/** How long a page that stopped answering is given to answer a one-line script. */
const PROBE_MS = 2000;

/**
 * Watches one capture's page and clock: the capture's deadline, a renderer
 * that crashed (out of memory, a deep DOM) and one that stopped answering (a
 * script that never yields). Once the page is lost, the steps that need it
 * are skipped with the reason, and what was gathered is sealed as partial:
 * no step waits out its own bound on a page that will not answer.
 */
export class PageHealth {
  private readonly deadline: number;
  private lost: { reason: PartialReason; detail: string } | null = null;
  private stoppedScripts = false;
  private readonly off: () => void;

  constructor(
    private readonly cdp: CdpSession,
    private readonly captureMs: number,
    now = Date.now(),
  ) {
    this.deadline = now + captureMs;
    this.off = cdp.on('Inspector.targetCrashed', () => {
      this.lost = { reason: 'renderer-crashed', detail: 'the page crashed its renderer (out of memory, or too deep to lay out)' };
    });
  }

  /** The investigator stopped the capture: nothing more is asked of the page. */
  cancel(): void {
    this.lost = { reason: 'cancelled', detail: 'the investigator cancelled the capture' };
    this.onCancel();
  }

  private onCancel: () => void = () => undefined;
  /** Resolves when the investigator cancels: a step waiting on the page stops waiting. */
  readonly whenCancelled = new Promise<void>((r) => (this.onCancel = r));

  get cancelled(): boolean {
    return this.lost?.reason === 'cancelled';
  }

  /** Why the page can no longer be asked for anything, or null while it can. */
  get pageLost(): { reason: PartialReason; detail: string } | null {
    if (this.lost) return this.lost;
    if (this.remaining() <= 0) return { reason: 'deadline', detail: `the capture's deadline of ${Math.round(this.captureMs / 1000)} s passed` };
    return null;
  }

  /** Whether a script that never yielded was stopped so the page could be photographed. */
  get scriptsStopped(): boolean {
    return this.stoppedScripts;
  }

  remaining(): number {
    return this.deadline - Date.now();
  }

  /** A step's own bound, cut to what is left of the capture's (at least a second, so a step can fail cleanly). */
  bound(ms: number): number {
    return Math.max(1000, Math.min(ms, this.remaining()));
  }

  /**
   * After a step on the page ran out of time: does the page still answer? If
   * not, a script is running away with the renderer: it is stopped (CDP
   * terminates the running script only; the page stays as it is), and if the
   * page still does not answer it is given up.
   */
  async afterTimeout(): Promise<void> {
    if (this.lost || (await this.answers())) return;
    await withTimeout(this.cdp.send('Runtime.terminateExecution'), PROBE_MS, 'stopping the page script').catch(() => undefined);
    if (await this.answers()) {
      this.stoppedScripts = true;
      return;
    }
    this.lost ??= { reason: 'unresponsive', detail: 'the page stopped answering (a script that never yields)' };
  }

  dispose(): void {
    this.off();
  }

  private answers(): Promise<boolean> {
    return withTimeout(this.cdp.send('Runtime.evaluate', { expression: '1', returnByValue: true }), PROBE_MS, 'asking the page')
      .then(() => true)
      .catch(() => false);
  }
}
