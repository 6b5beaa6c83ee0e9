import type { Db } from '../workspace/db.js';
import { listingTimeline, type ListingTimeline, type TakedownReport } from '../watch/timeline.js';
import { listReports, PROGRAMME_NAMES, type Programme } from './reports.js';
import { artifacts, takedowns } from '../store/index.js';

/** The capture a notice cites for a listing: the latest one that showed it. */
export interface ListingEvidence {
  captureId: string;
  capturedAt: string;
  manifestSha256: string;
  /** the full-page screenshot's tiles, in order (one for most pages) */
  screenshotSha256: string[];
}

export async function listingEvidence(db: Db, listingId: string): Promise<ListingEvidence | null> {
  const c = await takedowns.latestEvidenceCapture(db, listingId);
  if (!c) return null;
  return { captureId: c.id, capturedAt: c.startedAt, manifestSha256: c.manifestSha256, screenshotSha256: await artifacts.fullScreenshotHashes(db, c.id) };
}

export interface ReportedListing {
  report: TakedownReport & ListingTimeline['reports'][number];
  timeline: ListingTimeline;
  seller: { marketplace: string; sellerKey: string; displayName: string | null } | null;
  evidence: ListingEvidence | null;
}

export async function reportedListings(db: Db, o: { platform?: string } = {}): Promise<ReportedListing[]> {
  const out: ReportedListing[] = [];
  const timelines = new Map<string, ListingTimeline>();
  for (const r of await listReports(db, o)) {
    let t = timelines.get(r.listingId);
    if (!t) {
      t = (await listingTimeline(db, r.listingId))!;
      timelines.set(r.listingId, t);
    }
    const seller = t.listing.sellerId
      ? ((await takedowns.sellerNamed(db, t.listing.sellerId)) ?? null)
      : null;
    out.push({ report: t.reports.find((x) => x.id === r.id)!, timeline: t, seller, evidence: await listingEvidence(db, r.listingId) });
  }
  return out;
}

export const CSV_COLUMNS = [
  'reported_on',
  'platform',
  'programme',
  'report_id',
  'listing',
  'url',
  'title',
  'seller',
  'status',
  'removed_on',
  'days_to_removal',
  'came_back_on',
  'last_checked',
  'evidence_capture',
  'captured_at',
  'manifest_sha256',
  'screenshot_sha256',
] as const;

/**
 * Reported listings as CSV (RFC 4180, UTF-8). Titles and names come from the
 * pages of counterfeiters: a cell that a spreadsheet would run as a formula
 * is prefixed with an apostrophe.
 */
export function reportsCsv(rows: readonly ReportedListing[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const l = r.timeline.listing;
    lines.push(
      [
        r.report.reportedOn,
        r.report.platform,
        r.report.programme,
        r.report.reportRef,
        `${l.marketplace}:${l.listingKey}`,
        l.url,
        l.title ?? '',
        r.seller ? `${r.seller.marketplace}:${r.seller.sellerKey}${r.seller.displayName ? ` (${r.seller.displayName})` : ''}` : '',
        r.report.state,
        r.report.removedOn ?? '',
        r.report.days === null ? '' : String(r.report.days),
        r.report.cameBackOn ?? '',
        r.timeline.lastChecked ?? '',
        r.evidence?.captureId ?? '',
        r.evidence?.capturedAt ?? '',
        r.evidence?.manifestSha256 ?? '',
        r.evidence?.screenshotSha256.join(' ') ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A notice to paste into a platform's report form: each listing's address,
 * what it is, and the hashes of the signed capture that shows it, so the
 * platform (and later a court) can match the notice to the evidence.
 * Listings already seen removed are left out unless `all` is set.
 */
export function noticeText(rows: readonly ReportedListing[], o: { platform: string; from: { investigator: string; organisation: string }; date: string; all?: boolean }): string {
  const listed = rows.filter((r) => o.all === true || r.report.state !== 'removed');
  const seen = new Set<string>();
  const unique = listed.filter((r) => !seen.has(r.timeline.listing.id) && seen.add(r.timeline.listing.id));
  const programmes = [...new Set(unique.map((r) => PROGRAMME_NAMES[r.report.programme as Programme] ?? r.report.programme))];
  const from = [o.from.investigator, o.from.organisation].filter((s) => s !== '').join(', ');
  const out: string[] = [
    `Notice of infringing listings${programmes.length > 0 ? ` (${programmes.join(', ')})` : ''}`,
    `Platform: ${o.platform}`,
    ...(from ? [`From: ${from}`] : []),
    `Date: ${o.date}`,
    '',
    'The listings below offer goods that infringe the rights holder\u2019s intellectual property. Each was captured as signed evidence;',
    'the SHA-256 hashes identify the capture manifest and the full-page screenshot of each.',
    '',
  ];
  if (unique.length === 0) out.push('(No reported listing on this platform is still up.)');
  unique.forEach((r, i) => {
    const l = r.timeline.listing;
    out.push(`${i + 1}. ${l.url}`);
    out.push(`   Listing: ${l.marketplace}:${l.listingKey}${l.title ? ` \u2014 ${l.title}` : ''}`);
    if (r.seller) out.push(`   Seller: ${r.seller.marketplace}:${r.seller.sellerKey}${r.seller.displayName ? ` (${r.seller.displayName})` : ''}`);
    if (r.evidence) {
      out.push(`   Captured: ${r.evidence.capturedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} (capture ${r.evidence.captureId})`);
      out.push(`   Manifest SHA-256: ${r.evidence.manifestSha256}`);
      for (const [n, h] of r.evidence.screenshotSha256.entries()) out.push(`   Screenshot${r.evidence.screenshotSha256.length > 1 ? ` part ${n + 1}` : ''} SHA-256: ${h}`);
    } else out.push('   (no capture shows this listing)');
    if (r.report.reportRef) out.push(`   Reported before as ${r.report.reportRef} on ${r.report.reportedOn}`);
    if (r.report.state === 'came-back') out.push(`   Came back on ${r.report.cameBackOn?.slice(0, 10)} after being removed on ${r.report.removedOn?.slice(0, 10)}.`);
    out.push('');
  });
  return `${out.join('\n').trimEnd()}\n`;
}
