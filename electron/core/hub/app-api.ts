import { API, type ApiOperation, type HubPush } from '../api/contract.js';
import { ApiFailure, type Handlers } from '../api/failure.js';
import { ATTENTION_KINDS } from '../store/overview.js';
import { hubViews } from '../store/pg/index.js';
import type { CaptureThumbnail } from '../store/ui-views.js';
import type { HubPool } from './db.js';
import type { HubEvidence } from './app-evidence.js';
import { hubCaseHandlers } from './app-cases.js';
import { hubListingHandlers, hubSellerDetail, hubSellerOf, latestValues } from './app-listings.js';
import { sellerSummary } from './app-rows.js';
import type { HubUser } from './users.js';

/** What every operation the hub does not do answers: the app never crashes on one, and says where it can be done. */
export const NOT_ON_HUB = 'not available on the team hub: use the desktop app or exhibit serve';

/**
 * The app's API over the team hub, for one person (whose token the request
 * carried): the same contract as a workspace's (electron/core/api), read
 * from the hub's PostgreSQL and object store. Read-only: the team's sellers,
 * their listings and captures across every pushed workspace, each capture
 * with who pushed it, the team's cases (app-cases.ts); everything else is
 * refused, with NOT_ON_HUB.
 */
export function hubAppHandlers(pool: HubPool, evidence: HubEvidence, user: HubUser, hubName: string): Handlers {
  const refusals = Object.fromEntries(
    (Object.keys(API) as ApiOperation[]).map((op) => [
      op,
      () => Promise.reject(new ApiFailure('refused', `${op}: ${NOT_ON_HUB}.`)),
    ]),
  ) as unknown as Handlers;
  const sellerOf = (ref: string) => hubSellerOf(pool, ref);
  const { sellersOfCase, ...cases } = hubCaseHandlers(pool);
  return {
    ...refusals,
    ...cases,
    'workspace.info': async () => ({
      dir: hubName,
      publicKeyFingerprint: '',
      browser: null,
      browserProblem: `Captures are made in the desktop app or with exhibit serve, then pushed: ${NOT_ON_HUB}.`,
      keyTimestamp: { status: 'not-stamped' },
      pendingStamps: 0,
      hub: { name: hubName, user: user.name, role: user.role, ...(await hubViews.totals(pool)) },
    }),
    // The app's top bar names who prepares the evidence: on the hub, the person signed in.
    'settings.get': () => Promise.resolve({ investigator: user.name, organisation: hubName, browserPath: '', ntpServers: '' }),
    // The first screen asks for its counts before it knows where it runs: nothing needs attention on the hub.
    'dashboard.get': () => {
      const now = new Date().toISOString();
      return Promise.resolve({ since: null, asOf: now, counts: Object.fromEntries(ATTENTION_KINDS.map((k) => [k, 0])) as Record<(typeof ATTENTION_KINDS)[number], number>, stampsPending: 0 });
    },
    'sellers.list': async (i) => {
      // The hub keeps no tags or statuses: every seller is active.
      if (i.tag !== undefined || (i.status !== undefined && i.status !== 'active')) return [];
      if (i.caseId !== undefined) return sellersOfCase(i.caseId);
      // As the workspace's list: all of them unless a page is asked for (the side bar's list is virtual).
      const rows = await hubViews.sellerLines(pool, { limit: i.limit ?? 100_000, offset: i.offset ?? 0 });
      return rows.map(sellerSummary);
    },
    'sellers.get': async (i) => {
      const s = await sellerOf(i.ref);
      const [listings, captures] = await Promise.all([hubViews.listingsOfSeller(pool, s.id), hubViews.capturesOfSeller(pool, s.id)]);
      // Each listing's price, as its latest capture read it.
      const detail = hubSellerDetail(s, listings, captures, await latestValues(pool, evidence, captures));
      const pushes: Record<string, HubPush> = Object.fromEntries(captures.map((c) => [c.id, { pushedBy: c.pushed_by, pushedAt: c.pushed_at, investigator: c.investigator, workspace: c.workspace }]));
      return { ...detail, thumbnails: thumbnailsOf(await hubViews.screenshotNames(pool, captures.map((c) => c.id))), pushes };
    },
    ...hubListingHandlers(pool, evidence),
    'captures.get': (i) => evidence.captureView(i.id),
    'captures.screenshot': (i) => evidence.screenshotLayout(i.id),
    'captures.compare': (i) => evidence.compare(i.before, i.after),
  };
}

/** Each capture's thumbnail: its viewport screenshot, else the top of its full-page screenshot (its first strip). */
function thumbnailsOf(rows: readonly { capture_id: string; name: string }[]): Record<string, CaptureThumbnail> {
  const out: Record<string, CaptureThumbnail> = {};
  for (const r of rows) {
    if (r.name === 'screenshot-viewport.png') out[r.capture_id] = { kind: 'viewport', name: r.name };
    else out[r.capture_id] ??= { kind: 'full', name: r.name };
  }
  return out;
}
