import { TimeoutError } from '../cdp.js';

export interface StepRecord {
  name: string;
  status: 'ok' | 'partial' | 'failed' | 'skipped';
  ms: number;
  detail?: string;
}

/**
 * Runs a capture's named steps and keeps what each did and how long it took:
 * part of the provenance. A step that runs out of time or fails is recorded
 * with its reason; the capture goes on with what it has.
 */
export class StepLog {
  readonly records: StepRecord[] = [];

  async run<T>(name: string, step: () => Promise<T>, describe?: (value: T) => string | undefined): Promise<T | undefined> {
    const t0 = performance.now();
    try {
      const value = await step();
      const detail = describe?.(value);
      this.records.push({ name, status: 'ok', ms: Math.round(performance.now() - t0), ...(detail ? { detail } : {}) });
      return value;
    } catch (e) {
      const status = e instanceof TimeoutError ? 'partial' : 'failed';
      this.records.push({ name, status, ms: Math.round(performance.now() - t0), detail: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
  }

  /** A step that finished but had to stop early (a bound was reached). */
  mark(name: string, status: StepRecord['status'], detail: string, ms = 0): void {
    this.records.push({ name, status, ms, detail });
  }

  get incomplete(): StepRecord[] {
    return this.records.filter((r) => r.status === 'partial' || r.status === 'failed');
  }
}
