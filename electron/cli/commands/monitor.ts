import { addMonitor, listMonitors, removeMonitor } from '../../core/fakes/monitors.js';
import { runMonitors, type MonitorRunSummary } from '../../core/fakes/monitor-run.js';
import { parseCaptureUrl } from '../../core/capture/url-policy.js';
import { describeInterval, parseInterval } from '../../core/watch/interval.js';
import { positiveInt } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { withStamping } from '../stamping.js';
import { BRAND_OPTION, chooseBrand } from './brand.js';
import { actionsHelp, actionsOptions, actionsPositionals, actionsUsage, type ActionDef } from '../actions.js';
import { describeSetupError } from './capture.js';

const ACTIONS: readonly ActionDef[] = [
  {
    name: 'add',
    arg: 'URL',
    help: 'watch this search; due at once',
    options: [
      { ...BRAND_OPTION, help: 'the brand it is watched for (not needed when there is one)' },
      { name: 'every', type: 'string', arg: 'INTERVAL', help: '6h (default), daily, weekly, or e.g. 12h, 3d' },
      { name: 'pages', type: 'string', arg: 'N', help: 'result pages to capture each run (default 1, at most 20)' },
      { name: 'capture-above', type: 'string', arg: 'S', help: 'capture new results scoring S or more (0-100) in full' },
    ],
  },
  { name: 'list', help: 'the watched searches, with when each runs next' },
  {
    name: 'run',
    arg: '[MONITOR]',
    help: 'run this one now, or with --due every one that is due;\nCtrl+C stops it: the page under way is sealed as cancelled',
    options: [
      { name: 'due', type: 'boolean', help: 'every watched search that is due' },
      { name: 'browser', type: 'string', arg: 'PATH', help: 'as for exhibit capture' },
      { name: 'concurrency', type: 'string', arg: 'N', help: 'as for exhibit capture' },
    ],
  },
  { name: 'remove', arg: 'MONITOR', help: 'stop watching (its runs, captures and results stay)' },
];

export const monitorCommand: Command = {
  name: 'monitor',
  summary: 'watched marketplace searches: capture the result pages, score every result',
  usage: actionsUsage('monitor', ACTIONS),
  help: actionsHelp(
    `Watches a marketplace search or category page for a brand. Each run
captures the result pages as evidence, reads every result (listing, title,
price, seller where shown, thumbnail), scores it against the brand's
catalogue (exhibit brand) and records which results are new, still
present or gone. Amazon, eBay, Etsy, AliExpress and Walmart layouts have
readers of their own; any other page is read by a generic reader, and the
run says so.`,
    ACTIONS,
    `Exit code: 0 when every page was captured and read, 1 when a page could not
be, or no result at all was read (nothing is marked gone then), 2 when the
command cannot run.`,
  ),
  options: actionsOptions(ACTIONS),
  positionals: actionsPositionals(ACTIONS),
  async run({ values, positionals, out, workspaceDir }) {
    const [action, arg] = positionals;
    return withWorkspace(workspaceDir, async (ws) => {
      switch (action) {
        case 'add': {
          if (!arg) throw new UsageError('exhibit monitor add URL: give the search page address');
          const url = parseCaptureUrl(arg);
          if (!url.ok) throw new UsageError(`${arg}: not an address Exhibit can capture (${url.error.reason})`);
          const interval = parseInterval(typeof values.every === 'string' ? values.every : '6h');
          if (!interval.ok) throw new UsageError(interval.error);
          const pages = positiveInt(values.pages, '--pages', 1, 20) ?? 1;
          const above = values['capture-above'] === undefined ? null : (positiveInt(values['capture-above'], '--capture-above', 0, 100) ?? null);
          const brand = await chooseBrand(ws.db, values.brand);
          const m = await addMonitor(ws.db, { url: url.value.href, brandId: brand.id, intervalSeconds: interval.value, pages, captureAbove: above });
          out.line(`Watching ${m.url} for ${m.brand} ${describeInterval(m.intervalSeconds)}, ${m.pages} page(s)${m.captureAbove !== null ? `, capturing new results scoring ${m.captureAbove} or more` : ''} (monitor ${m.id}); due now.`);
          out.data(m);
          return EXIT.ok;
        }
        case 'list': {
          const monitors = await listMonitors(ws.db);
          out.data(monitors);
          if (monitors.length === 0) out.line('No search is watched yet: exhibit monitor add URL --brand NAME');
          for (const m of monitors) {
            out.line(`${m.id}  ${m.active ? 'active ' : 'removed'}  ${m.brand}  ${describeInterval(m.intervalSeconds)}  ${m.pages}p  last ${m.lastRunAt ?? 'never'}  next ${m.active ? m.nextDueAt : '-'}  ${m.url}`);
          }
          return EXIT.ok;
        }
        case 'run': {
          if (arg && values.due === true) throw new UsageError('exhibit monitor run: give either a MONITOR or --due, not both');
          if (!arg && values.due !== true) throw new UsageError('exhibit monitor run: give a MONITOR (exhibit monitor list) or --due');
          const concurrency = positiveInt(values.concurrency, '--concurrency', 1, 16) ?? 2;
          // Ctrl+C stops the run as Cancel stops a batch capture: the pages under way are sealed as cancelled, the run recorded as not complete.
          const cancel = new AbortController();
          const onSigint = () => {
            out.line('Stopping: the pages under way are sealed as cancelled; no other watched search is started.');
            cancel.abort();
          };
          process.once('SIGINT', onSigint);
          const result = await withStamping(ws, out, () =>
            runMonitors(ws, {
              signal: cancel.signal,
              ...(arg ? { monitorIds: [arg] } : {}),
              concurrency,
              ...(typeof values.browser === 'string' ? { browserPath: values.browser } : {}),
              onMonitor: (s) => out.line(describeRun(s)),
            }),
          ).finally(() => process.off('SIGINT', onSigint));
          if (!result.ok) {
            const e = result.error;
            if (e.kind === 'unknown-monitor') throw new UsageError(`No monitor ${e.id} (exhibit monitor list shows them).`);
            if (e.kind === 'locked') {
              throw new UsageError(`Another watch run is going (run ${e.holder.runId}, process ${e.holder.pid} on ${e.holder.host}, since ${e.holder.startedAt}). Nothing was done; try again when it ends.`);
            }
            throw new UsageError(describeSetupError(e));
          }
          if (result.value.length === 0) out.line('No watched search is due.');
          out.data(result.value);
          return result.value.every((s) => s.complete) ? EXIT.ok : EXIT.evidence;
        }
        case 'remove': {
          if (!arg) throw new UsageError('exhibit monitor remove MONITOR: give the monitor id (exhibit monitor list)');
          if (!(await removeMonitor(ws.db, arg))) throw new UsageError(`No active monitor ${arg} (exhibit monitor list shows them).`);
          out.line(`Stopped watching (monitor ${arg}); its runs, captures and results are kept.`);
          out.data({ removed: arg });
          return EXIT.ok;
        }
        default:
          throw new UsageError(`exhibit monitor ${action ?? ''}: expected add, list, run or remove`);
      }
    });
  },
};

export function describeRun(s: MonitorRunSummary): string {
  const incomplete = s.cancelled ? ' (cancelled: nothing marked gone)' : ' (not every page could be read, or none showed a result: nothing marked gone)';
  const lines = [`${s.url} (${s.brand}): ${s.counts.new} new, ${s.counts.present} still present, ${s.counts.gone} gone${s.complete ? '' : incomplete}`];
  for (const p of s.pages) {
    if (p.cancelled && !p.captureId) {
      lines.push(`  page ${p.page}: cancelled before it was captured`);
      continue;
    }
    const how = p.cancelled ? 'cancelled while being captured, not read' : p.generic ? 'read by the generic reader: no marketplace reader knows this layout' : `read by ${p.reader}`;
    lines.push(`  page ${p.page}: ${p.outcome}, ${p.results} results, ${how}${p.captureId ? ` (capture ${p.captureId})` : ''}`);
  }
  for (const c of s.captured) lines.push(`  captured in full (score ${c.score}): ${c.url} (capture ${c.captureId}, ${c.outcome})`);
  const l = s.listings;
  if (l && s.cancelled && s.pages.every((p) => !p.cancelled))
    lines.push(`  cancelled while capturing the results over the score in full: ${l.captured} of ${l.above} captured, ${l.cancelled} given up, ${l.notReached} not reached (the result pages stay as read; the rest are captured at the next run)`);
  return lines.join('\n');
}
