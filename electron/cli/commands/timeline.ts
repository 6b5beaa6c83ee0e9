import { TRADER_FIELD_NAMES } from '../../core/terms/trader-fields.js';
import type { ListingTimeline, StorefrontEvent, TimelineEvent, TraderDetailsEvent } from '../../core/watch/timeline.js';
import { listingTimeline, sellerTimeline } from '../../core/watch/timeline.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { targetsFromFlags } from '../watch-target.js';
import { describeChange } from './recapture.js';

export const timelineCommand: Command = {
  name: 'timeline',
  summary: 'the history of a listing or a seller: first seen, changes, removed, reappeared, reported',
  usage: 'exhibit timeline --listing M:ID | --seller M:ID [--checks] [--workspace DIR] [--json]',
  help: `Shows what the captures of a listing (or of every listing of a seller)
show over time: first seen; each change, with before and after; removed on
(and how many days after a takedown report); reappeared on.

  --listing M:ID   one listing
  --seller M:ID    a seller: its listings' histories merged, what its
                   storefront showed appear and disappear, and each change
                   of the trader details its seller pages gave (name,
                   address, phone, e-mail, VAT, registration), before and
                   after, with both captures
  --checks         also list the re-captures that found nothing changed, and
                   those blocked or failed`,
  options: { listing: { type: 'string' }, seller: { type: 'string' }, checks: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    return withWorkspace(workspaceDir, async (ws) => {
      const targets = await targetsFromFlags(ws.db, values);
      if (targets.length !== 1) throw new UsageError('exhibit timeline: name one --listing M:ID or --seller M:ID');
      const t = targets[0]!;
      const all = values.checks === true;
      if (t.kind === 'listing') {
        const tl = (await listingTimeline(ws.db, t.id))!;
        out.data(tl);
        out.line(header(tl));
        for (const e of tl.events) if (all || shown(e)) out.line(eventLine(e));
        return EXIT.ok;
      }
      const st = await sellerTimeline(ws.db, ws.store, t.id);
      out.data(st);
      out.line(`Seller ${t.label}: ${st.listings.length} listings, ${st.removals} removed.`);
      const labels = new Map(st.listings.map((l) => [l.listing.id, `${l.listing.marketplace}:${l.listing.listingKey}`]));
      for (const e of st.events) {
        if (e.kind === 'storefront') {
          if (all || e.appeared.length + e.disappeared.length > 0) out.line(storefrontLine(e));
        } else if (e.kind === 'trader-details') out.line(traderLines(e));
        else if (all || shown(e)) out.line(`${eventLine(e)}  [${labels.get(e.listingId) ?? e.listingId}]`);
      }
      return EXIT.ok;
    }, 'read');
  },
};

const shown = (e: TimelineEvent) => !['unchanged', 'still-removed', 'blocked', 'error'].includes(e.kind);

function header(t: ListingTimeline): string {
  const l = t.listing;
  const lines = [`Listing ${l.marketplace}:${l.listingKey}${l.title ? ` \u2014 ${l.title}` : ''}`, `  ${l.url}`, `  now: ${t.status}${t.lastChecked ? ` (last checked ${t.lastChecked})` : ''}`];
  for (const r of t.reports) {
    const fate =
      r.state === 'removed' ? `removed ${r.days} days after the report` : r.state === 'came-back' ? `removed ${r.days} days after the report, came back on ${r.cameBackOn?.slice(0, 10)}` : r.state === 'still-up' ? 'still up' : 'not checked since';
    lines.push(`  reported on ${r.reportedOn} to ${r.platform} (${r.programme}${r.reportRef ? `, ${r.reportRef}` : ''}): ${fate}`);
  }
  return lines.join('\n');
}

export function eventLine(e: TimelineEvent): string {
  const when = e.kind === 'reported' ? e.at : e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const what: Record<TimelineEvent['kind'], string> = {
    'first-seen': 'first seen',
    captured: 'captured',
    unchanged: 'checked, unchanged',
    changed: 'changed',
    removed: 'removed',
    'still-removed': 'checked, still removed',
    reappeared: 'reappeared',
    blocked: 'check blocked (captcha)',
    error: 'check failed',
    reported: 'reported',
  };
  const detail: string[] = [];
  if (e.changes.length > 0) detail.push(e.changes.map(describeChange).join('; '));
  if (e.screenshotDiff !== null && e.kind !== 'unchanged') detail.push(`${(e.screenshotDiff * 100).toFixed(1)}% of the screenshot differs`);
  if (e.removal) detail.push(e.removal.reason === 'status' ? `HTTP ${e.removal.httpStatus ?? '?'}` : `the page says "${e.removal.matched ?? ''}"`);
  if (e.afterReport) detail.push(`${e.afterReport.days} days after the report`);
  if (e.report) detail.push(`to ${e.report.platform} (${e.report.programme}${e.report.reportRef ? `, ${e.report.reportRef}` : ''})`);
  if (e.kind === 'error' || e.kind === 'blocked') detail.push(e.outcome ?? '');
  return `${when.padEnd(24)} ${what[e.kind].padEnd(24)} ${detail.join(' · ')}${e.captureId ? `  (capture ${e.captureId})` : ''}`;
}

function traderLines(e: TraderDetailsEvent): string {
  const when = (at: string) => at.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const value = (v: string | null) => (v === null ? '(none)' : JSON.stringify(v));
  return [
    `${when(e.at).padEnd(24)} ${'trader details changed'.padEnd(24)} ${e.url}  (capture ${e.captureId}; before: capture ${e.previousCaptureId} of ${when(e.previousAt)})`,
    ...e.changes.map((c) => `${' '.repeat(26)}${TRADER_FIELD_NAMES[c.field].en}: ${value(c.before)} → ${value(c.after)}`),
  ].join('\n');
}

function storefrontLine(e: StorefrontEvent): string {
  const parts = [`storefront: ${e.listings} listings`];
  if (e.appeared.length) parts.push(`new: ${e.appeared.join(', ')}`);
  if (e.disappeared.length) parts.push(`gone: ${e.disappeared.join(', ')}`);
  return `${e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z').padEnd(24)} ${e.classification.padEnd(24)} ${parts.join(' · ')}  (capture ${e.captureId})`;
}
