import { z } from 'zod';
import { listReports } from '../takedown/reports.js';
import type { TakedownReport } from '../watch/timeline.js';
import type { Db } from '../workspace/db.js';
import { CASE_CAPTURE_IDS, findCase, type CaseMember } from './cases.js';
import { LISTING_COLUMNS, listSellers, type CaptureLine, type ListingSummary, type SellerSummary } from './queries.js';

/** Why a capture is in the case: made for it, added itself, or brought in by its listing or its seller. */
export type CaseCaptureVia = 'captured' | 'member' | 'listing' | 'seller';

export interface CaseCapture extends CaptureLine {
  via: CaseCaptureVia;
  /** MARKETPLACE:ID of the seller it is filed under, or null: not filed */
  seller: string | null;
  title: string | null;
}

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
  case: { id: string; name: string; reference: string | null; notes: string; createdAt: string };
  /** what was added to the case by hand, each removable */
  members: { kind: CaseMember['kind']; memberId: string; addedAt: string }[];
  sellers: (SellerSummary & { member: boolean })[];
  listings: (ListingSummary & { member: boolean })[];
  /** newest first */
  captures: CaseCapture[];
  takedowns: TakedownReport[];
  /** the dossiers made of this case, newest first */
  dossiers: CaseDossier[];
}

const dossierDetails = z.object({ dossierId: z.string(), file: z.string(), path: z.string(), sha256: z.string(), lang: z.string(), captures: z.array(z.string()) }).partial();

/** A case's page: what is in it and why, its takedowns and its dossiers. */
export async function caseDetail(db: Db, ref: string): Promise<CaseDetail | undefined> {
  const found = await findCase(db, ref);
  if (!found) return undefined;
  const id = found.id;
  const c = (await db.get<CaseDetail['case']>('SELECT id, name, reference, notes, created_at AS createdAt FROM cases WHERE id = ?', [id]))!;
  const members = await db.all<CaseDetail['members'][number]>('SELECT kind, member_id AS memberId, added_at AS addedAt FROM case_members WHERE case_id = ? ORDER BY added_at, kind, member_id', [id]);
  const memberIds = (kind: string) => new Set(members.filter((m) => m.kind === kind).map((m) => m.memberId));
  const sellerMembers = memberIds('seller');
  const listingMembers = memberIds('listing');
  const sellers = (await listSellers(db, { caseId: id })).map((s) => ({ ...s, member: sellerMembers.has(s.id) }));
  const captures = await db.all<CaseCapture>(
    `SELECT c.id, c.listing_id AS listingId, l.listing_key AS listingKey, c.seller_id AS sellerId, COALESCE(c.final_url, c.requested_url) AS url,
       c.http_status AS httpStatus, c.outcome, c.started_at AS startedAt, c.manifest_sha256 AS manifestSha256,
       s.marketplace || ':' || s.seller_key AS seller, l.title,
       CASE WHEN c.case_id = ?1 THEN 'captured'
            WHEN EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = ?1 AND m.kind = 'capture' AND m.member_id = c.id) THEN 'member'
            WHEN EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = ?1 AND m.kind = 'listing' AND m.member_id = c.listing_id) THEN 'listing'
            ELSE 'seller' END AS via
     FROM captures c LEFT JOIN listings l ON l.id = c.listing_id LEFT JOIN sellers s ON s.id = c.seller_id
     WHERE c.id IN (${CASE_CAPTURE_IDS})
     ORDER BY c.started_at DESC, c.id DESC`,
    [id],
  );
  const listings = (
    await db.all<ListingSummary>(
      `SELECT ${LISTING_COLUMNS} FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id
       WHERE l.id IN (SELECT member_id FROM case_members WHERE case_id = ?1 AND kind = 'listing')
          OR l.id IN (SELECT listing_id FROM captures WHERE id IN (${CASE_CAPTURE_IDS}))
          OR l.seller_id IN (SELECT s2.id FROM sellers s2 JOIN case_members m ON m.kind = 'seller' AND m.case_id = ?1 AND (s2.id = m.member_id OR s2.merged_into = m.member_id))
       ORDER BY l.last_seen IS NULL, l.last_seen DESC, l.id`,
      [id],
    )
  ).map((l) => ({ ...l, member: listingMembers.has(l.id) }));
  const inCase = new Set(listings.map((l) => l.id));
  const takedowns = (await listReports(db)).filter((r) => inCase.has(r.listingId));
  const dossiers = (
    await db.all<{ at: string; details: string }>(
      "SELECT at, details FROM custody_log WHERE subject = ? AND action = 'export.made' AND json_extract(details, '$.kind') = 'dossier' ORDER BY seq DESC",
      [id],
    )
  ).map((row) => {
    const parsed = dossierDetails.safeParse(JSON.parse(row.details));
    const d = parsed.success ? parsed.data : {};
    return { dossierId: d.dossierId ?? '', at: row.at, file: d.file ?? '', path: d.path ?? null, sha256: d.sha256 ?? '', lang: d.lang ?? '', exhibits: Array.isArray(d.captures) ? d.captures.length : 0 };
  });
  return { case: c, members, sellers, listings, captures, takedowns, dossiers };
}
