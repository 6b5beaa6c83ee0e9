import { listReports } from '../takedown/reports.js';
import type { TakedownReport } from '../watch/timeline.js';
import { dossiers as dossierStore, overview } from '../store/index.js';
import type { ListingLine } from '../store/listings.js';
import type { CaseCapture, CaseHeader, CaseMemberRow } from '../store/overview.js';
import type { Db } from '../workspace/db.js';
import { findCase } from './cases.js';
import { listSellers, type SellerSummary } from './queries.js';

export type { CaseCapture, CaseCaptureVia } from '../store/overview.js';

export interface CaseDossier {
  dossierId: string;
  at: string;
  file: string;
  path: string | null;
  sha256: string;
  lang: string;
  exhibits: number;
}

export interface CaseDetail {
  case: CaseHeader;
  /** what was added to the case by hand, each removable */
  members: CaseMemberRow[];
  sellers: (SellerSummary & { member: boolean })[];
  /** the listings (with the seller each is filed under; not their other sellers) */
  listings: (ListingLine & { member: boolean })[];
  /** newest first */
  captures: CaseCapture[];
  takedowns: TakedownReport[];
  /** the dossiers made of this case, newest first */
  dossiers: CaseDossier[];
}

/** A case's page: what is in it and why, its takedowns and its dossiers. */
export async function caseDetail(db: Db, ref: string): Promise<CaseDetail | undefined> {
  const found = await findCase(db, ref);
  if (!found) return undefined;
  const id = found.id;
  const c = (await overview.caseHeaderById(db, id))!;
  const members = await overview.caseMembers(db, id);
  const memberIds = (kind: string) => new Set(members.filter((m) => m.kind === kind).map((m) => m.memberId));
  const sellerMembers = memberIds('seller');
  const listingMembers = memberIds('listing');
  const sellers = (await listSellers(db, { caseId: id })).map((s) => ({ ...s, member: sellerMembers.has(s.id) }));
  const captures = await overview.caseCaptures(db, id);
  const listings = (await overview.caseListings(db, id)).map((l) => ({ ...l, member: listingMembers.has(l.id) }));
  const inCase = new Set(listings.map((l) => l.id));
  const takedowns = (await listReports(db)).filter((r) => inCase.has(r.listingId));
  const dossiers = (await dossierStore.dossiersMadeOf(db, id)).map(({ at, details: d }) => ({
    dossierId: d.dossierId ?? '',
    at,
    file: d.file ?? '',
    path: d.path ?? null,
    sha256: d.sha256 ?? '',
    lang: d.lang ?? '',
    exhibits: Array.isArray(d.captures) ? d.captures.length : 0,
  }));
  return { case: c, members, sellers, listings, captures, takedowns, dossiers };
}
