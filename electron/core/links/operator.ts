import { findSeller, groupOf, sellerLabel, type SellerRow } from '../catalogue/seller-ref.js';
import { operators as operatorRows } from '../store/index.js';
import { err, ok, type Result } from '../util/result.js';
import type { Db } from '../workspace/db.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { listingTimeline } from '../watch/timeline.js';
import { computeWorkspaceLinks, type SellerLink, type TraderDetails } from './store.js';

/** Outcomes that showed the page: the account was there then. */
const SHOWN = new Set(['complete', 'partial', 'imported']);
const GONE = new Set(['gone', 'not-found']);

export type RemovalHow = 'takedown' | 'gone' | 'marked';

export interface OperatorAccount {
  sellerId: string;
  label: string;
  marketplace: string;
  /** the seller this one was merged into by the investigator, if any */
  mergedInto: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  listings: number;
  captures: number;
  takedowns: number;
  /** when and how it came down: its takedowns removed its listings, its pages went (re-captures found them gone), or the investigator marked it removed */
  removed: { at: string | null; how: RemovalHow; captureId: string | null } | null;
  /** its latest capture was refused by a robot check or block page */
  blocked: { at: string; captureId: string } | null;
  /** accounts of the operator first seen after this one was removed: it came back under those names */
  cameBackAs: string[];
  /** accounts of the operator removed before this one was first seen */
  returnOf: string[];
}

export interface OperatorView {
  /** the seller the page was asked for */
  sellerId: string;
  accounts: OperatorAccount[];
  /** the links between its accounts, each with its evidence */
  links: SellerLink[];
  traderDetails: Record<string, TraderDetails>;
  /** the time span its accounts cover, for drawing them on one axis */
  span: { from: string; to: string } | null;
}

/**
 * An operator (#20): the seller accounts joined to one by strong links, the
 * investigator's confirmations and merges, each shown over time: when it was
 * first and last seen, what it listed, whether it was taken down or went,
 * and which account came after a removed one ("came back as").
 */
export async function operatorOf(db: Db, store: ObjectStore, ref: string): Promise<Result<OperatorView, string>> {
  const found = await findSeller(db, ref);
  if (!found) return err(`No seller ${ref} in this workspace. Name a seller as MARKETPLACE:ID (exhibit sellers lists them).`);
  const head = await groupOf(db, found);
  const report = await computeWorkspaceLinks(db, store);
  if (!report.ok) return err(report.error);
  const cluster = report.value.operatorIds.find((g) => g.includes(head.id)) ?? [head.id];
  const withMerged = [...cluster];
  for (const m of await operatorRows.mergedInto(db, cluster)) if (!withMerged.includes(m.id)) withMerged.push(m.id);
  const members = new Set(withMerged);
  const accounts: OperatorAccount[] = [];
  for (const id of withMerged) {
    const seller = await findSeller(db, id);
    if (seller) accounts.push(await accountOf(db, seller));
  }
  cameBack(accounts);
  accounts.sort((a, b) => (a.firstSeen ?? '9').localeCompare(b.firstSeen ?? '9') || a.label.localeCompare(b.label));
  const links = report.value.links.filter((l) => members.has(l.a) && members.has(l.b));
  const traderDetails = Object.fromEntries(Object.entries(report.value.traderDetails).filter(([id]) => members.has(id)));
  const times = accounts.flatMap((a) => [a.firstSeen, a.lastSeen, a.removed?.at ?? null]).filter((t): t is string => t !== null).sort();
  const span = times.length > 0 ? { from: times[0]!, to: times[times.length - 1]! } : null;
  return ok({ sellerId: found.id, accounts, links, traderDetails, span });
}

async function accountOf(db: Db, s: SellerRow): Promise<OperatorAccount> {
  const captures = await operatorRows.capturesOfAccount(db, s.id);
  const shown = captures.filter((c) => SHOWN.has(c.outcome));
  const listingIds = [...new Set(captures.map((c) => c.listingId).filter((l): l is string => l !== null))];
  const timelines = [];
  for (const id of listingIds) {
    const t = await listingTimeline(db, id);
    if (t) timelines.push(t);
  }
  const takedowns = timelines.reduce((n, t) => n + t.reports.length, 0);
  const latest = captures[captures.length - 1];
  const ownPages = captures.filter((c) => c.pageKind === 'storefront' || (c.listingId === null && c.pageKind !== 'listing'));
  const lastOwn = ownPages[ownPages.length - 1];
  let removed: OperatorAccount['removed'] = null;
  if (timelines.length > 0 && timelines.every((t) => t.status === 'removed')) {
    const at = timelines.map((t) => t.removedOn ?? '').sort().pop() || null;
    const byReport = timelines.some((t) => t.reports.some((r) => r.state === 'removed' || r.state === 'came-back'));
    const removal = timelines.flatMap((t) => t.events).find((e) => e.kind === 'removed' && e.at === at);
    removed = { at, how: byReport ? 'takedown' : 'gone', captureId: removal?.captureId ?? null };
  } else if (lastOwn && GONE.has(lastOwn.outcome)) {
    removed = { at: lastOwn.startedAt, how: 'gone', captureId: lastOwn.id };
  } else if (s.status === 'removed') {
    removed = { at: null, how: 'marked', captureId: null };
  }
  return {
    sellerId: s.id,
    label: sellerLabel(s),
    marketplace: s.marketplace,
    mergedInto: s.mergedInto,
    firstSeen: shown[0]?.startedAt ?? null,
    lastSeen: shown[shown.length - 1]?.startedAt ?? null,
    listings: listingIds.length,
    captures: captures.length,
    takedowns,
    removed,
    blocked: latest && latest.outcome === 'blocked' ? { at: latest.startedAt, captureId: latest.id } : null,
    cameBackAs: [],
    returnOf: [],
  };
}

/** An account first seen after another of the operator was removed is that one coming back. */
function cameBack(accounts: OperatorAccount[]): void {
  for (const gone of accounts) {
    const at = gone.removed?.at;
    if (!at) continue;
    for (const next of accounts) {
      if (next === gone || next.firstSeen === null || next.firstSeen <= at) continue;
      gone.cameBackAs.push(next.sellerId);
      next.returnOf.push(gone.sellerId);
    }
  }
}
