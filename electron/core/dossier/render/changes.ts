import { priceText } from '../../catalogue/fields.js';
import { PROGRAMME_NAMES, PROGRAMMES, type Programme } from '../../takedown/reports.js';
import type { FieldChange, TrackedValue } from '../../watch/classify.js';
import type { ListingTimeline, TimelineEvent } from '../../watch/timeline.js';
import { fill, type DossierStrings } from '../i18n/index.js';
import type { DossierModel } from '../model.js';
import { amount, day, percent, utc } from './format.js';
import type { Pdf } from './pdf.js';

/** Exhibit numbers by capture id: a capture in the dossier is cited by its number, any other by its id. */
type ExhibitNumbers = ReadonlyMap<string, string>;

/**
 * Section 6: each listing's history, from its timeline. Events that change
 * what a court is told (first seen, changed, removed, reappeared, reported)
 * are listed one per row; the re-checks between them that found nothing new
 * are folded into one row that counts them.
 */
export function drawChanges(pdf: Pdf, model: DossierModel, s: DossierStrings, n: number): PDFKit.PDFOutline | undefined {
  const outline = pdf.heading(`${n}. ${s.sections.changes}`, 0, { newPage: true });
  const withHistory = model.timelines.filter(hasHistory);
  if (withHistory.length === 0) {
    pdf.text(s.changes.none, { size: 9.5 });
    return outline;
  }
  for (const p of s.changes.intro) pdf.text(p, { size: 9.5, gap: 6, align: 'justify' });
  pdf.y += 4;
  const numbers: ExhibitNumbers = new Map(model.exhibits.map((x) => [x.captureId, x.number]));
  const prices = new Map(model.exhibits.map((x) => [x.captureId, amount(priceText(x.fields), s)]));
  for (const t of withHistory) drawListing(pdf, t, s, numbers, prices);

  const once = model.timelines.filter((t) => !hasHistory(t));
  if (once.length === 0) return outline;
  pdf.ensure(60);
  pdf.text(s.changes.onlyFirst, { weight: 'bold', size: 9.5, gap: 3 });
  pdf.table(
    [
      { header: s.listingsTable.listing, width: 2.4, weight: 'mono', size: 7.5 },
      { header: s.listingsTable.title, width: 3.55 },
      { header: s.changes.firstSeen, width: 1.55, size: 7.5 },
      { header: s.changes.columns.exhibit, width: 2.5, weight: 'mono', size: 7 },
    ],
    once.map((t) => {
      const first = t.events.find((e) => e.kind === 'first-seen');
      return [`${t.listing.marketplace}:${t.listing.listingKey}`, t.listing.title ?? '', t.firstSeen ? stacked(t.firstSeen) : '—', cite(first?.captureId ?? null, numbers)];
    }),
  );
  return outline;
}

/** Anything after the first capture: another capture, a re-check, a report. */
function hasHistory(t: ListingTimeline): boolean {
  return t.events.some((e) => e.kind !== 'first-seen');
}

function drawListing(pdf: Pdf, t: ListingTimeline, s: DossierStrings, numbers: ExhibitNumbers, prices: ReadonlyMap<string, string>): void {
  const l = t.listing;
  const first = t.events.find((e) => e.kind === 'first-seen');
  const removals = t.events.filter((e) => e.kind === 'removed');
  const returns = t.events.filter((e) => e.kind === 'reappeared');
  const firstRef = first?.captureId ? numbers.get(first.captureId) : undefined;
  const summary: [string, string][] = [
    [s.changes.firstSeen, t.firstSeen ? `${utc(t.firstSeen)}${firstRef ? fill(s.changes.exhibitRef, { n: firstRef }) : ''}` : '—'],
    [s.changes.lastChecked, t.lastChecked ? utc(t.lastChecked) : '—'],
    [s.changes.status, s.changes.statusValues[t.status]],
  ];
  if (removals.length > 0) summary.push([s.changes.removedOn, removals.map((e) => `${utc(e.at)} — ${removalReason(e, s)}`).join('\n')]);
  if (returns.length > 0) summary.push([s.changes.reappearedOn, returns.map((e) => utc(e.at)).join('\n')]);
  const rows = historyRows(t, s, numbers, prices);
  // The heading, the summary and the first rows of the history start on one page; a short history is kept whole.
  const whole = 40 + 14 * summary.length + 24 * (rows.length + 1) + (t.reports.length > 0 ? 40 + 24 * t.reports.length : 0);
  pdf.ensure(whole < 320 ? whole : 40 + 14 * summary.length + 24 * 4);
  pdf.heading(`${l.marketplace}:${l.listingKey}${l.title ? ` — ${l.title}` : ''}`, 2);
  pdf.pairs(summary, { size: 8.5, labelWidth: 130 });
  pdf.table(
    [
      { header: s.changes.columns.at, width: 1.55, size: 7.5 },
      { header: s.changes.columns.event, width: 1.65 },
      { header: s.changes.columns.details, width: 4.3 },
      // Wide enough for a capture id on one line: it is read out and typed.
      { header: s.changes.columns.exhibit, width: 2.5, weight: 'mono', size: 7 },
    ],
    rows,
  );
  if (t.reports.length > 0) {
    pdf.ensure(50);
    pdf.text(s.changes.reports.title, { weight: 'bold', size: 9, gap: 3 });
    pdf.table(
      [
        { header: s.changes.reports.reportedOn, width: 1.5 },
        { header: s.changes.reports.platform, width: 1.4 },
        { header: s.changes.reports.programme, width: 1.8 },
        { header: s.changes.reports.reportId, width: 1.8, weight: 'mono', size: 7 },
        { header: s.changes.reports.outcome, width: 4.3 },
      ],
      t.reports.map((r) => [r.reportedOn, r.platform, programmeName(r.programme, s), r.reportRef || '—', fate(r, t, s)]),
    );
  }
  pdf.y += 6;
}

// Re-checks that tell nothing new on their own: counted, between the events that do.
const QUIET: ReadonlySet<TimelineEvent['kind']> = new Set(['unchanged', 'still-removed', 'blocked', 'error']);

function historyRows(t: ListingTimeline, s: DossierStrings, numbers: ExhibitNumbers, prices: ReadonlyMap<string, string>): string[][] {
  const rows: string[][] = [];
  let quiet: TimelineEvent[] = [];
  const flush = () => {
    if (quiet.length > 0) rows.push(checksRow(quiet, s, numbers));
    quiet = [];
  };
  for (const e of t.events) {
    if (QUIET.has(e.kind)) {
      quiet.push(e);
      continue;
    }
    flush();
    rows.push(eventRow(e, t, s, numbers, prices));
  }
  flush();
  return rows;
}

function eventRow(e: TimelineEvent, t: ListingTimeline, s: DossierStrings, numbers: ExhibitNumbers, prices: ReadonlyMap<string, string>): string[] {
  const lines: string[] = [];
  const price = e.captureId ? prices.get(e.captureId) : undefined;
  if ((e.kind === 'first-seen' || e.kind === 'captured') && price) lines.push(fill(s.changes.price, { price }));
  if (e.kind === 'removed') lines.push(capital(removalReason(e, s)));
  if (e.report) {
    const ref = e.report.reportRef ? fill(s.changes.reportRef, { ref: e.report.reportRef }) : '';
    // "other" says nothing a reader needs beside the platform: the reports table names it.
    const programme = e.report.programme === 'other' ? '' : ` (${programmeName(e.report.programme, s)})`;
    lines.push(fill(s.changes.reportedTo, { platform: e.report.platform, programme, ref }));
    if (e.report.note) lines.push(e.report.note);
  }
  lines.push(...e.changes.map((c) => changeLine(c, s)));
  if (e.screenshotDiff !== null) lines.push(capital(fill(s.changes.screenshotDiff, { share: percent(e.screenshotDiff, s) })));
  if (e.afterReport) {
    const report = t.reports.find((r) => r.id === e.afterReport!.reportId);
    lines.push(s.changes.afterReport(e.afterReport.days, report?.reportedOn ?? '?'));
  }
  // A report is dated by its day, a capture to the millisecond.
  return [e.kind === 'reported' ? e.at : stacked(e.at), eventName(e.kind, s), lines.join('\n') || '—', cite(e.captureId, numbers)];
}

/** One row for a run of re-checks: how many, over which days, and the exhibits among them. */
function checksRow(quiet: readonly TimelineEvent[], s: DossierStrings, numbers: ExhibitNumbers): string[] {
  const of = (k: TimelineEvent['kind']) => quiet.filter((e) => e.kind === k);
  const lines: string[] = [];
  const unchanged = of('unchanged');
  if (unchanged.length > 0) lines.push(s.changes.unchanged(unchanged.length));
  const diffs = unchanged.flatMap((e) => (e.screenshotDiff === null ? [] : [e.screenshotDiff]));
  if (diffs.length > 0) lines.push(capital(fill(diffs.length === 1 ? s.changes.screenshotDiff : s.changes.screenshotDiffMax, { share: percent(Math.max(...diffs), s) })));
  if (of('still-removed').length > 0) lines.push(s.changes.stillRemoved(of('still-removed').length));
  if (of('blocked').length > 0) lines.push(s.changes.blocked(of('blocked').length));
  if (of('error').length > 0) lines.push(s.changes.failed(of('error').length));
  const from = quiet[0]!.at;
  const to = quiet[quiet.length - 1]!.at;
  const when = quiet.length === 1 ? stacked(from) : day(from) === day(to) ? day(from) : `${day(from)} – ${day(to)}`;
  const cited = quiet.length === 1 ? cite(quiet[0]!.captureId, numbers) : quiet.flatMap((e) => (e.captureId && numbers.has(e.captureId) ? [numbers.get(e.captureId)!] : [])).join(', ');
  return [when, s.changes.events.checks, lines.join('\n'), cited];
}

function eventName(kind: TimelineEvent['kind'], s: DossierStrings): string {
  const e = s.changes.events;
  const names: Partial<Record<TimelineEvent['kind'], string>> = { 'first-seen': e.firstSeen, captured: e.captured, changed: e.changed, removed: e.removed, reappeared: e.reappeared, reported: e.reported };
  return names[kind] ?? e.checks;
}

/** "Price: 1,234.56 EUR → 999.00 EUR"; images are counted, their addresses are in the exhibits; passages of text are quoted. */
function changeLine(c: FieldChange, s: DossierStrings): string {
  const v = (x: TrackedValue) => (x === null ? s.changes.nothing : Array.isArray(x) ? s.changes.images(x.length) : c.field === 'text' ? fill(s.changes.quoted, { text: x }) : c.field === 'price' ? amount(x, s) : c.field === 'availability' ? ((s.exhibit.availability as Record<string, string>)[x] ?? x) : x);
  return fill(s.changes.change, { field: s.changes.fields[c.field], before: v(c.before), after: v(c.after) });
}

function removalReason(e: TimelineEvent, s: DossierStrings): string {
  const r = e.removal;
  if (r?.reason === 'notice') return fill(s.changes.byNotice, { matched: r.matched ?? '' });
  return fill(s.changes.byStatus, { status: r?.httpStatus ?? '?' });
}

/** What became of a report, from the checks made since. */
function fate(r: ListingTimeline['reports'][number], t: ListingTimeline, s: DossierStrings): string {
  switch (r.state) {
    case 'removed':
      return s.changes.fate.removed(r.days ?? 0);
    case 'came-back':
      return s.changes.fate.cameBack(r.days ?? 0, r.cameBackOn ? day(r.cameBackOn) : '?');
    case 'still-up':
      return s.changes.fate.stillUp(t.lastChecked ? day(t.lastChecked) : '?');
    case 'not-checked':
      return s.changes.fate.notChecked;
  }
}

function programmeName(p: string, s: DossierStrings): string {
  if (p === 'other') return s.changes.programmeOther;
  return (PROGRAMMES as readonly string[]).includes(p) ? PROGRAMME_NAMES[p as Programme] : p;
}

/** A capture in the dossier by its exhibit number, any other by its id; a report has none. */
function cite(captureId: string | null, numbers: ExhibitNumbers): string {
  if (!captureId) return '';
  return numbers.get(captureId) ?? captureId;
}

/** A moment in a narrow column: the day above the time. */
function stacked(iso: string): string {
  return utc(iso).replace(' ', '\n');
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
