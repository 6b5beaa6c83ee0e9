import type { ApiOutputs, CaseView } from '../api/contract.js';
import { ApiFailure, type Handlers } from '../api/failure.js';
import { hubCaseViews, hubViews } from '../store/pg/index.js';
import type { SellerSummary } from '../catalogue/queries.js';
import { captureLine, sellerSummary } from './app-rows.js';
import type { HubPool } from './db.js';

type CaseOps = 'cases.list' | 'cases.get';

/**
 * The team's cases on the hub, read-only: each is the union of what the
 * workspaces that made it (matched by reference, else by name) hold in it,
 * every member attributed to the workspace that claimed it and the person
 * who pushed the claim; members removed in their workspace are listed as
 * removed, not dropped. Takedowns and dossiers stay in the workspaces.
 */
export function hubCaseHandlers(pool: HubPool): Pick<Handlers, CaseOps> & { sellersOfCase(caseId: string): Promise<SellerSummary[]> } {
  const caseOf = async (ref: string) => {
    const found = await hubCaseViews.caseHeader(pool, ref);
    if (!found) throw new ApiFailure('not-found', `No case ${JSON.stringify(ref)} on the team hub.`);
    return found;
  };
  const sellersOf = async (caseId: number) => {
    const ids = await hubCaseViews.sellerIdsOfCase(pool, caseId);
    const lines = await Promise.all(ids.map((id) => hubViews.sellerLine(pool, { id })));
    return lines.filter((s): s is hubViews.HubSellerLine => s !== undefined);
  };
  return {
    'cases.list': async () =>
      (await hubCaseViews.caseLines(pool)).map((c): ApiOutputs['cases.list'][number] => ({
        id: String(c.id),
        name: c.name,
        reference: c.reference,
        notes: '',
        createdAt: c.created_at,
        sellers: c.sellers,
        captures: c.captures,
      })),
    'cases.get': async (i) => {
      const k = await caseOf(i.ref);
      const [sellers, listings, captures, members] = await Promise.all([
        sellersOf(k.id),
        hubCaseViews.listingsOfCase(pool, k.id),
        hubCaseViews.capturesOfCase(pool, k.id),
        hubCaseViews.memberLines(pool, k.id),
      ]);
      const held = members.filter((m) => m.removed_at === null);
      const heldSellers = new Set(held.filter((m) => m.kind === 'seller').map((m) => m.member_id));
      // One row per member, at its first adding: the same member held by two workspaces is one member of the team's case.
      const seen = new Set<string>();
      const view: CaseView = {
        case: { id: String(k.id), name: k.name, reference: k.reference, notes: '', createdAt: k.created_at },
        members: held
          .filter((m) => m.how === 'added' && !seen.has(`${m.kind}:${m.member_id}`) && seen.add(`${m.kind}:${m.member_id}`))
          .map((m) => ({ kind: m.kind, memberId: m.member_id, addedAt: m.added_ws_at })),
        sellers: sellers.map((s) => ({ ...sellerSummary(s), member: heldSellers.has(String(s.id)), mergedMembers: [] })),
        listings: listings.map((l) => ({
          id: String(l.id),
          marketplace: l.marketplace,
          listingKey: l.listing_key,
          url: l.url,
          title: l.title,
          price: null,
          currency: null,
          availability: null,
          sellerId: l.seller_id === null ? null : String(l.seller_id),
          sellerKey: l.seller_key,
          sellerName: l.seller_name,
          captures: l.captures,
          firstSeen: l.first,
          lastSeen: l.last,
          member: l.member,
        })),
        captures: captures.map((c) => ({
          ...captureLine(c),
          via: c.via,
          seller: c.seller,
          title: c.title,
        })),
        takedowns: [],
        dossiers: [],
        hubMembers: members.map((m) => ({
          kind: m.kind,
          memberId: m.member_id,
          label: m.label,
          how: m.how,
          investigator: m.investigator,
          workspace: m.workspace,
          caseName: m.case_name,
          addedAt: m.added_ws_at,
          addedBy: m.added_by,
          removedAt: m.removed_ws_at,
          removedBy: m.removed_by,
        })),
      };
      return view;
    },
    sellersOfCase: async (caseId) => (/^\d{1,15}$/.test(caseId) ? (await sellersOf(Number(caseId))).map(sellerSummary) : []),
  };
}
