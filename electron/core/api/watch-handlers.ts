import { parseInterval } from '../watch/interval.js';
import { addWatch, listWatches, setWatchActive, watchById, type WatchTargetKind } from '../watch/rules.js';
import type { RecaptureScheduler, RunRefusal } from '../watch/scheduler.js';
import { resolveTarget, type WatchTarget } from '../watch/targets.js';
import { listingTimeline, sellerTimeline } from '../watch/timeline.js';
import type { Workspace } from '../workspace/workspace.js';
import { ApiFailure, type Handlers } from './failure.js';

type WatchOps = 'watches.list' | 'watches.add' | 'watches.setActive' | 'recapture.run' | 'recapture.status' | 'recapture.cancel' | 'timeline.listing' | 'timeline.seller';

/** Watch rules, the re-capture queue (run by the process's scheduler) and what the re-captures showed. */
export function watchHandlers(ws: Workspace, scheduler: RecaptureScheduler): Pick<Handlers, WatchOps> {
  const target = async (kind: WatchTargetKind, ref: string): Promise<WatchTarget> => {
    const t = await resolveTarget(ws.db, kind, ref);
    if (!t) throw new ApiFailure('not-found', notFound(kind, ref));
    return t;
  };
  return {
    'watches.list': () => listWatches(ws.db),
    'watches.add': async (i) => {
      const every = parseInterval(i.every);
      if (!every.ok) throw new ApiFailure('invalid-input', `${every.error[0]!.toUpperCase()}${every.error.slice(1)}.`);
      const t = await target(i.kind, i.ref);
      return addWatch(ws.db, { kind: t.kind, targetId: t.id, intervalSeconds: every.value });
    },
    'watches.setActive': async (i) => {
      const r = await setWatchActive(ws.db, i.id, i.active);
      if (!r) throw new ApiFailure('not-found', `No watch rule ${i.id} in this workspace.`);
      return r;
    },
    'recapture.run': async (i) => {
      if ('rule' in i && !(await watchById(ws.db, i.rule))) throw new ApiFailure('not-found', `No watch rule ${i.rule} in this workspace.`);
      const r = await scheduler.runNow(
        'rule' in i ? { mode: 'rule', ruleId: i.rule } : 'due' in i ? { mode: 'due' } : { mode: 'targets', targets: await Promise.all(i.targets.map((t) => target(t.kind, t.ref))) },
      );
      if (!r.ok) throw new ApiFailure('refused', describeRefusal(r.error));
      return scheduler.status();
    },
    'recapture.status': () => scheduler.status(),
    'recapture.cancel': () => {
      scheduler.cancel();
      return scheduler.status();
    },
    'timeline.listing': async (i) => {
      const t = await target('listing', i.ref);
      return (await listingTimeline(ws.db, t.id))!;
    },
    'timeline.seller': async (i) => sellerTimeline(ws.db, ws.store, (await target('seller', i.ref)).id),
  };
}

function notFound(kind: WatchTargetKind, ref: string): string {
  const how = kind === 'case' ? 'by its name or id' : `as MARKETPLACE:ID (e.g. ${kind === 'listing' ? 'amazon:B0TEST1DE1' : 'ebay:luxury_deals_88'}) or by its id`;
  return `No ${kind} ${JSON.stringify(ref)} in this workspace: name it ${how}.`;
}

function describeRefusal(e: RunRefusal): string {
  switch (e.kind) {
    case 'busy':
      return 'A re-capture or watched-search run is already going: it shows on the Watch screen, where Cancel stops it.';
    case 'locked':
      return `Another re-capture run is going (process ${e.holder.pid} on ${e.holder.host}, since ${e.holder.startedAt}); nothing was started. It does the work due: try again when it ends.`;
    case 'stopped':
      return 'Exhibit is closing: no re-capture is started.';
  }
}
