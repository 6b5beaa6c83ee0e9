import { reportedListings, noticeText, reportsCsv } from '../../core/takedown/export.js';
import { defaultProgramme, PROGRAMMES, recordReport } from '../../core/takedown/reports.js';
import { findListing } from '../../core/catalogue/listing-ref.js';
import { utcNow } from '../../core/util/time.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { writeOutputFile } from '../output-file.js';

export const takedownCommand: Command = {
  name: 'takedown',
  summary: 'takedown reports: record them, see what came down, export CSV and notices',
  usage: 'exhibit takedown add LISTING --platform P [--programme X] [--ref ID] [--date YYYY-MM-DD] [--note T] | exhibit takedown list [--platform P] [--csv FILE] | exhibit takedown notice --platform P [--all] [--workspace DIR] [--json]',
  help: `Tracks the takedown reports sent about listings. Re-captures then show
whether and when each listing came down ("removed 3 days after the report")
or that it came back.

  add LISTING          record a report about LISTING (MARKETPLACE:ID or its id)
    --platform P         where it was reported: amazon.de, ebay, aliexpress…
    --programme X        ${PROGRAMMES.join(', ')}
                         (default: the platform's own programme)
    --ref ID             the platform's report or case number
    --date YYYY-MM-DD    the day it was sent (default today)
    --note TEXT
  list                 every report and what became of its listing
    --platform P         only this platform's
    --csv FILE           write them as CSV to a new FILE (never over an
                         existing one; "-" for standard output)
  notice               text to paste into the platform's report form: each
                       listing's URL and the hashes of the capture showing it
    --platform P         (required) the platform's reported listings
    --all                include those already seen removed`,
  options: {
    platform: { type: 'string' },
    programme: { type: 'string' },
    ref: { type: 'string' },
    date: { type: 'string' },
    note: { type: 'string' },
    csv: { type: 'string' },
    all: { type: 'boolean' },
  },
  positionals: { min: 1, max: 2 },
  async run({ values, positionals, out, workspaceDir }) {
    const [action, ref] = positionals;
    const str = (k: string) => (typeof values[k] === 'string' ? values[k] : undefined);
    return withWorkspace(workspaceDir, async (ws) => {
      switch (action) {
        case 'add': {
          if (!ref) throw new UsageError('exhibit takedown add LISTING --platform P: name the listing');
          const platform = str('platform');
          if (!platform) throw new UsageError('exhibit takedown add: --platform P is required (e.g. amazon.de, ebay)');
          const listing = await findListing(ws.db, ref);
          if (!listing) throw new UsageError(`No listing ${ref} in this workspace (exhibit listings lists them).`);
          const r = await recordReport(ws.db, {
            listingId: listing.id,
            platform,
            programme: str('programme') ?? defaultProgramme(platform),
            ...(str('ref') !== undefined ? { reportRef: str('ref') } : {}),
            ...(str('date') !== undefined ? { reportedOn: str('date') } : {}),
            ...(str('note') !== undefined ? { note: str('note') } : {}),
          });
          if (!r.ok) throw new UsageError(`${r.error}. Nothing was recorded.`);
          out.line(`Recorded: ${listing.marketplace}:${listing.listingKey} reported to ${r.value.platform} (${r.value.programme}) on ${r.value.reportedOn}${r.value.reportRef ? `, ${r.value.reportRef}` : ''}.`);
          out.data(r.value);
          return EXIT.ok;
        }
        case 'list': {
          const rows = await reportedListings(ws.db, { ...(str('platform') ? { platform: str('platform') } : {}) });
          const csv = str('csv');
          if (csv === '-') {
            out.text(reportsCsv(rows));
            return EXIT.ok;
          }
          if (csv) {
            await writeOutputFile(csv, reportsCsv(rows));
            out.line(`Wrote ${rows.length} reports to ${csv}.`);
          }
          out.data(rows.map((r) => ({ ...r.report, listing: r.timeline.listing, evidence: r.evidence })));
          if (rows.length === 0) out.line('No takedown reports yet: exhibit takedown add LISTING --platform P');
          if (!csv) {
            for (const r of rows) {
              const l = r.timeline.listing;
              const fate = r.report.state === 'removed' ? `removed after ${r.report.days} days` : r.report.state === 'came-back' ? `came back on ${r.report.cameBackOn?.slice(0, 10)}` : r.report.state === 'still-up' ? 'still up' : 'not checked since';
              out.line(`${r.report.reportedOn}  ${r.report.platform.padEnd(12)} ${`${l.marketplace}:${l.listingKey}`.padEnd(28)} ${fate.padEnd(26)} ${r.report.reportRef}`);
            }
          }
          return EXIT.ok;
        }
        case 'notice': {
          const platform = str('platform');
          if (!platform) throw new UsageError('exhibit takedown notice --platform P: name the platform');
          const rows = await reportedListings(ws.db, { platform });
          const settings = await ws.settings();
          const text = noticeText(rows, { platform, from: { investigator: settings.investigator, organisation: settings.organisation }, date: utcNow().slice(0, 10), all: values.all === true });
          if (out.json) out.data({ platform, text });
          else out.text(text);
          return EXIT.ok;
        }
        default:
          throw new UsageError(`exhibit takedown ${action ?? ''}: expected add, list or notice`);
      }
    });
  },
};
