import { dashboardCounts, dashboardRows } from '../catalogue/dashboard.js';
import { uiViews } from '../store/index.js';
import { utcNow } from '../util/time.js';
import { markVisited, readLastVisit } from '../workspace/settings.js';
import type { Workspace } from '../workspace/workspace.js';
import { ApiFailure, type Handlers } from './failure.js';

type WorkbenchOps = 'dashboard.get' | 'dashboard.rows' | 'dashboard.markSeen';

/** The investigator's workbench: what needs attention since the last visit. */
export function workbenchHandlers(ws: Workspace): Pick<Handlers, WorkbenchOps> {
  return {
    'dashboard.get': async () => dashboardCounts(ws.db, await readLastVisit(ws.db), utcNow()),
    'dashboard.rows': async (i) => {
      const rows = await dashboardRows(ws.db, i.kind, i.since === undefined ? await readLastVisit(ws.db) : i.since, i.asOf ?? utcNow(), i.limit ?? 500, i.sellerId ? { sellerId: i.sellerId } : {});
      // A row names its seller as the side bar does, not by its id.
      const names = await uiViews.sellerNames(ws.db, rows.flatMap((r) => (r.sellerId ? [r.sellerId] : [])));
      return rows.map((r) => ({ ...r, sellerName: r.sellerId ? (names.get(r.sellerId) ?? r.seller) : null }));
    },
    'dashboard.markSeen': async (i) => {
      // Marks up to the counts the investigator saw, never later: what came in meanwhile stays new.
      const now = utcNow();
      if (i.asOf > now) throw new ApiFailure('invalid-input', `The time ${i.asOf} is in the future: nothing was marked seen.`);
      const before = await readLastVisit(ws.db);
      if (before !== null && i.asOf <= before) return dashboardCounts(ws.db, before, now);
      await markVisited(ws.db, i.asOf);
      return dashboardCounts(ws.db, i.asOf, now);
    },
  };
}
