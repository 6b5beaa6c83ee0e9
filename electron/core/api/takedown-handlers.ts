import { findListing } from '../catalogue/listing-ref.js';
import { noticeText, reportedListings, reportsCsv, type ReportedListing } from '../takedown/export.js';
import { defaultProgramme, recordReport } from '../takedown/reports.js';
import { utcNow } from '../util/time.js';
import type { Workspace } from '../workspace/workspace.js';
import type { TakedownLine } from './contract.js';
import { ApiFailure, type Handlers } from './failure.js';

type TakedownOps = 'takedown.add' | 'takedown.list' | 'takedown.csv' | 'takedown.notice';

/** Takedown reports: the investigator's record of what was reported, and what re-captures showed since. */
export function takedownHandlers(ws: Workspace): Pick<Handlers, TakedownOps> {
  const only = (platform: string | undefined) => (platform ? { platform } : {});
  return {
    'takedown.add': async (i) => {
      const listing = await findListing(ws.db, i.listing);
      if (!listing) throw new ApiFailure('not-found', `No listing ${JSON.stringify(i.listing)} in this workspace: name it as MARKETPLACE:ID (e.g. amazon:B0TEST1DE1) or by its id.`);
      const r = await recordReport(ws.db, {
        listingId: listing.id,
        platform: i.platform,
        programme: i.programme ?? defaultProgramme(i.platform),
        ...(i.reportRef !== undefined ? { reportRef: i.reportRef } : {}),
        ...(i.reportedOn !== undefined ? { reportedOn: i.reportedOn } : {}),
        ...(i.note !== undefined ? { note: i.note } : {}),
      });
      // recordReport's words name the field at fault ("date 2030-01-01 is in the future").
      if (!r.ok) throw new ApiFailure('invalid-input', `${r.error[0]!.toUpperCase()}${r.error.slice(1)}. Nothing was recorded.`);
      return r.value;
    },
    'takedown.list': async (i) => (await reportedListings(ws.db, only(i.platform))).map(line),
    'takedown.csv': async (i) => {
      const rows = await reportedListings(ws.db, only(i.platform));
      const stamp = utcNow().slice(0, 10);
      return { fileName: `takedowns-${i.platform ? `${i.platform.toLowerCase().replace(/[^a-z0-9.-]/g, '_')}-` : ''}${stamp}.csv`, text: reportsCsv(rows), rows: rows.length };
    },
    'takedown.notice': async (i) => {
      const rows = await reportedListings(ws.db, { platform: i.platform });
      const s = await ws.settings();
      const platform = i.platform.toLowerCase();
      return { platform, text: noticeText(rows, { platform, from: { investigator: s.investigator, organisation: s.organisation }, date: utcNow().slice(0, 10), all: i.all === true }) };
    },
  };
}

function line(r: ReportedListing): TakedownLine {
  const t = r.timeline;
  return {
    report: r.report,
    listing: t.listing,
    listingStatus: t.status,
    lastChecked: t.lastChecked,
    seller: r.seller && t.listing.sellerId ? { id: t.listing.sellerId, ...r.seller } : null,
    evidence: r.evidence,
  };
}
