import { countAttention } from '../../core/catalogue/dashboard.js';
import { runRecapture, type JobResult, type RunSummary } from '../../core/watch/recapture-run.js';
import type { FieldChange } from '../../core/watch/classify.js';
import type { Db } from '../../core/workspace/db.js';
import { positiveInt } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { withStamping } from '../stamping.js';
import { targetsFromFlags, TARGET_OPTIONS } from '../watch-target.js';
import { captureBounds, describeSetupError } from './capture.js';
import { cliViews } from '../../core/store/index.js';

export const recaptureCommand: Command = {
  name: 'recapture',
  summary: 'capture watched listings again and classify what changed',
  usage: 'exhibit recapture --due | (--listing M:ID | --seller M:ID | --case C)... [--concurrency N] [--browser PATH] [--proxy URL] [--profile NAME] [--timeout S] [--deadline S] [--workspace DIR] [--json]',
  help: `Captures listings again, each as a full capture, and classifies each
against the last capture that showed the listing: unchanged; changed (which
fields: price, title, seller, availability, images; and what share of the
screenshot differs); removed (404 or 410, or the marketplace's "no longer
available" page); blocked (a captcha: tried again in a later run, never
counted as removed); error (network failures are retried with backoff).

  --due               run what watch rules make due, and any re-capture left
                      pending by an earlier run, then exit (for cron or the
                      Windows Task Scheduler). Runs never overlap: a second one
                      exits at once with code 2.
  --listing M:ID      re-capture this listing now (repeatable)
  --seller M:ID       this seller's storefront and every listing of its own
  --case C            every seller and listing of the case
  --concurrency N     pages captured at once (default 2)
  --browser, --proxy, --profile, --timeout, --deadline: as for exhibit capture

A page that never finishes (a script that runs for ever, a memory hog) is
given up after its deadline and sealed as partial; the run goes on with the
next listing on a fresh browser.

Exit code: 0 when every page was classified (a blocked page retried later
counts), 1 when some page could not be captured after its retries, 2 when
another run holds the lock or the command cannot run.`,
  options: {
    ...TARGET_OPTIONS,
    due: { type: 'boolean' },
    concurrency: { type: 'string' },
    browser: { type: 'string' },
    proxy: { type: 'string' },
    profile: { type: 'string' },
    timeout: { type: 'string' },
    deadline: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    const concurrency = positiveInt(values.concurrency, '--concurrency', 1, 16) ?? 2;
    const timeoutS = positiveInt(values.timeout, '--timeout', 1, 600);
    const deadlineS = positiveInt(values.deadline, '--deadline', 10, 3600);
    return withWorkspace(workspaceDir, async (ws) => {
      const targets = await targetsFromFlags(ws.db, values);
      if (values.due === true && targets.length > 0) throw new UsageError('exhibit recapture: give either --due or what to re-capture (--listing, --seller, --case), not both');
      if (values.due !== true && targets.length === 0) throw new UsageError('exhibit recapture: give --due, or what to re-capture with --listing M:ID, --seller M:ID or --case C');
      const labels = new LabelCache(ws.db);
      const result = await withStamping(ws, out, () => runRecapture(ws, {
        ...(values.due === true ? { mode: 'due' as const } : { mode: 'targets' as const, targets }),
        trigger: 'cli',
        concurrency,
        ...(typeof values.browser === 'string' ? { browserPath: values.browser } : {}),
        ...(typeof values.proxy === 'string' ? { proxy: values.proxy } : {}),
        ...(typeof values.profile === 'string' ? { profile: values.profile } : {}),
        bounds: captureBounds(timeoutS, deadlineS),
        onProgress: (p) => {
          if (p.last) void labels.describe(p.last).then((line) => out.line(line));
        },
      }), { always: values.due === true });
      if (!result.ok) {
        const e = result.error;
        if (e.kind === 'locked') {
          throw new UsageError(`Another re-capture run is going (run ${e.holder.runId}, process ${e.holder.pid} on ${e.holder.host}, since ${e.holder.startedAt}). Nothing was done; try again when it ends.`);
        }
        throw new UsageError(describeSetupError(e));
      }
      await labels.flush();
      out.line(summaryLine(result.value, await countAttention(ws.db, 'removed', result.value.startedAt, result.value.finishedAt)));
      out.data(result.value);
      return result.value.failed > 0 ? EXIT.evidence : EXIT.ok;
    });
  },
};

/** One line for a log: when, what ran, and how it came out; `removals` as the dashboard counts them (a listing found still gone is not removed again). */
export function summaryLine(s: RunSummary, removals: number): string {
  const c = s.counts;
  const still = c.removed - removals;
  const seconds = Math.round((Date.parse(s.finishedAt) - Date.parse(s.startedAt)) / 1000);
  const parts = [`${c.first + c.unchanged + c.changed} shown (${c.unchanged} unchanged, ${c.changed} changed, ${c.first} first seen)`, `${removals} removed${still > 0 ? ` (${still} more checked still removed)` : ''}`, `${c.blocked} blocked`, `${c.error} errors`];
  return `${s.finishedAt} re-capture run ${s.runId}: ${s.jobs} pages${s.rulesDue ? ` from ${s.rulesDue} due rules` : ''}; ${parts.join(', ')}; ${s.reappeared} reappeared; ${s.retryLater} left for a later run; ${s.failed} failed${s.cancelled ? '; cancelled' : ''}; ${seconds} s.`;
}

export function describeChange(c: FieldChange): string {
  const v = (x: FieldChange['before']) => (x === null ? '(none)' : Array.isArray(x) ? `${x.length} images` : JSON.stringify(x));
  return `${c.field} ${v(c.before)} → ${v(c.after)}`;
}

class LabelCache {
  private pending: Promise<unknown>[] = [];
  constructor(private readonly db: Db) {}

  describe(r: JobResult): Promise<string> {
    const p = this.label(r).then((label) => {
      const what = r.kind === 'storefront' ? `storefront of ${label}` : label;
      const extra: string[] = [];
      if (r.reappeared) extra.push('reappeared');
      if (r.changes.length > 0) extra.push(r.changes.map(describeChange).join('; '));
      if (r.screenshotDiff !== null) extra.push(`${(r.screenshotDiff * 100).toFixed(1)}% of the screenshot differs`);
      if (r.newListings.length > 0) extra.push(`${r.newListings.length} new listings queued`);
      if (r.classification === 'error' || r.classification === 'blocked') extra.push(r.outcome);
      if (r.status === 'retry') extra.push(`tried again after ${r.retryAt}`);
      if (r.status === 'failed') extra.push(`given up after ${r.attempt} attempts`);
      return `  ${r.classification.padEnd(9)} ${what}${extra.length ? `: ${extra.join(' · ')}` : ''}${r.captureId ? `  (capture ${r.captureId})` : ''}`;
    });
    this.pending.push(p);
    return p;
  }

  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async label(r: JobResult): Promise<string> {
    if (r.listingId) {
      const l = await cliViews.listingLabel(this.db, r.listingId);
      if (l) return `${l.marketplace}:${l.listingKey}`;
    }
    if (r.sellerId) {
      const s = await cliViews.sellerLabel(this.db, r.sellerId);
      if (s) return `${s.marketplace}:${s.sellerKey}`;
    }
    return r.url;
  }
}
