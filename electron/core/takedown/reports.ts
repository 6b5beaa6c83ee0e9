import { newId } from '../util/ids.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import type { TakedownReport } from '../watch/timeline.js';
import { takedowns } from '../store/index.js';

export const PROGRAMMES = ['amazon-brand-registry', 'ebay-vero', 'alibaba-ipp', 'other'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const PROGRAMME_NAMES: Record<Programme, string> = {
  'amazon-brand-registry': 'Amazon Brand Registry',
  'ebay-vero': 'eBay VeRO',
  'alibaba-ipp': 'Alibaba IPP',
  other: 'other',
};

export interface ReportInput {
  listingId: string;
  platform: string;
  programme: string;
  reportRef?: string;
  /** YYYY-MM-DD; today (UTC) when not given */
  reportedOn?: string;
  note?: string;
}

/** The programme a platform's reports usually go through, when the investigator names only the platform. */
export function defaultProgramme(platform: string): Programme {
  const p = platform.toLowerCase();
  if (p.startsWith('amazon')) return 'amazon-brand-registry';
  if (p === 'ebay' || p.startsWith('ebay.')) return 'ebay-vero';
  if (['aliexpress', 'alibaba', 'taobao', 'tmall', '1688'].some((x) => p.startsWith(x))) return 'alibaba-ipp';
  return 'other';
}

/** Records that a listing was reported to its platform; kept as recorded, logged in the custody log. */
export async function recordReport(db: Db, r: ReportInput): Promise<Result<TakedownReport, string>> {
  if (!(PROGRAMMES as readonly string[]).includes(r.programme)) return err(`programme ${JSON.stringify(r.programme)}: one of ${PROGRAMMES.join(', ')}`);
  const platform = r.platform.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9.-]{0,63}$/.test(platform)) return err(`platform ${JSON.stringify(r.platform)}: a marketplace name such as amazon.de, ebay, aliexpress`);
  const day = r.reportedOn ?? utcNow().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    return err(`date ${JSON.stringify(day)}: write it as YYYY-MM-DD`);
  }
  if (day > utcNow().slice(0, 10)) return err(`date ${day} is in the future`);
  const ref = (r.reportRef ?? '').trim();
  if (ref.length > 200) return err('report id: at most 200 characters');
  const id = newId();
  const found = await db.transaction(async (tx) => {
    if (!(await takedowns.listingExists(tx, r.listingId))) return false;
    await takedowns.insertReport(tx, { id, listingId: r.listingId, platform, programme: r.programme, reportRef: ref, reportedOn: day, note: r.note ?? '', createdAt: utcNow() });
    await appendCustody(tx, { action: 'listing.reported', subject: r.listingId, details: { report: id, platform, programme: r.programme, reportRef: ref, reportedOn: day, note: r.note ?? '' } });
    return true;
  });
  if (!found) return err(`no listing ${r.listingId}`);
  return ok((await takedowns.reportById(db, id))!);
}

export async function listReports(db: Db, o: { platform?: string } = {}): Promise<TakedownReport[]> {
  return takedowns.reports(db, o.platform ? { platform: o.platform.toLowerCase() } : {});
}
