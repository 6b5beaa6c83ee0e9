import { priceText } from '../../catalogue/fields.js';
import type { TraderDetailsEvent } from '../../links/trader-history.js';
import type { DossierModel } from '../model.js';
import type { DossierStrings } from '../i18n/index.js';
import { amount, day, utc } from './format.js';
import { drawLinked } from './linked.js';
import type { Pdf } from './pdf.js';

/** Section 3: who sells, under which names and ids, since when, and what was done about it. */
export function drawSellers(pdf: Pdf, model: DossierModel, s: DossierStrings, n: number): void {
  const outline = pdf.heading(`${n}. ${s.sections.sellers}`, 0, { newPage: true });
  for (const g of model.groups) {
    if (!g.detail) {
      pdf.heading(`${g.letter}. ${s.unattributed}`, 1, { outline });
      pdf.text(`${g.exhibits.length} ${s.seller.captures.toLowerCase()}`, { size: 9.5, gap: 10 });
      continue;
    }
    const d = g.detail;
    const seller = d.seller;
    pdf.heading(`${g.letter}. ${seller.displayName ?? seller.sellerKey}`, 1, { outline });
    const inDossier = g.exhibits.map((x) => x.manifest.startedAt).sort();
    pdf.pairs([
      [s.seller.ids, [seller, ...d.merged].map((m) => `${m.marketplace}:${m.sellerKey}`).join('\n'), 'mono'],
      [s.seller.names, d.names.map((x) => `${x.name} (${day(x.firstSeen)})`).join('\n') || s.seller.none],
      [s.seller.profile, [seller, ...d.merged].map((m) => m.profileUrl).filter((u): u is string => !!u).join('\n') || s.seller.none],
      [s.seller.status, statusWord(seller.status, s)],
      [s.seller.listings, String(d.listings.length)],
      [s.seller.captures, `${d.captures.length} (${g.exhibits.length} ${s.sections.exhibits.toLowerCase()})`],
      [s.seller.firstSeen, inDossier[0] ? utc(d.captures[0]?.startedAt ?? inDossier[0]) : '—'],
      [s.seller.lastSeen, d.captures.length ? utc(d.captures[d.captures.length - 1]!.startedAt) : '—'],
      ...(d.merged.length > 0 ? [[s.seller.mergedFrom, d.merged.map((m) => `${m.marketplace}:${m.sellerKey}${m.displayName ? ` (${m.displayName})` : ''}`).join('\n')] as [string, string]] : []),
      ...(d.tags.length > 0 ? [[s.seller.tags, d.tags.join(', ')] as [string, string]] : []),
      ...(seller.notes ? [[s.seller.notes, seller.notes] as [string, string]] : []),
    ]);
    if (d.statusHistory.length > 0) {
      pdf.text(s.seller.statusHistory, { weight: 'bold', size: 9.5, gap: 3 });
      pdf.table(
        [
          { header: 'UTC', width: 2 },
          { header: s.seller.status, width: 1.2 },
          { header: s.seller.notes, width: 4 },
        ],
        d.statusHistory.map((h) => [utc(h.at), statusWord(h.status, s), h.note]),
      );
    }
    if (g.traderChanges.length > 0) drawTraderChanges(pdf, g.traderChanges, model, s);
    pdf.y += 6;
  }
  drawLinked(pdf, model, s, outline);
}

/**
 * Each change of the trader details the seller's pages gave (#20), field by
 * field as each page wrote it, with the capture that showed it and the one
 * it was compared with (their exhibits when they are in the dossier).
 */
function drawTraderChanges(pdf: Pdf, events: readonly TraderDetailsEvent[], model: DossierModel, s: DossierStrings): void {
  const exhibitOf = new Map(model.exhibits.map((x) => [x.captureId, x.number]));
  const cite = (id: string) => exhibitOf.get(id) ?? id;
  const c = s.seller.traderChangesColumns;
  pdf.text(s.seller.traderChanges, { weight: 'bold', size: 9.5, gap: 3 });
  pdf.table(
    [
      { header: c.at, width: 1.5, size: 7.5 },
      { header: c.field, width: 1.3 },
      { header: c.before, width: 2.4 },
      { header: c.after, width: 2.4 },
      { header: c.captures, width: 2.2, weight: 'mono', size: 7 },
    ],
    events.flatMap((e) => e.changes.map((ch) => [utc(e.at), s.seller.traderField[ch.field], ch.before ?? '—', ch.after ?? '—', `${cite(e.captureId)}\n${s.seller.comparedWith} ${cite(e.previousCaptureId)}`])),
  );
}

/** Section 4: every listing the exhibits show, with what its latest capture showed. */
export function drawListings(pdf: Pdf, model: DossierModel, s: DossierStrings, n: number): void {
  pdf.heading(`${n}. ${s.sections.listings}`, 0, { newPage: true });
  const seen = new Map<string, { key: string; title: string; price: string; seller: string; captures: number; last: string }>();
  for (const x of model.exhibits) {
    if (!x.listing) continue;
    const prior = seen.get(x.listing.id);
    const price = amount(priceText(x.fields), s);
    seen.set(x.listing.id, {
      key: `${x.listing.marketplace}:${x.listing.listingKey}`,
      title: x.listing.title ?? '',
      price: price || prior?.price || '',
      seller: x.seller ? `${x.seller.marketplace}:${x.seller.sellerKey}` : '',
      captures: (prior?.captures ?? 0) + 1,
      last: utc(x.manifest.startedAt),
    });
  }
  if (seen.size === 0) {
    pdf.text(s.listingsTable.none, { size: 9.5 });
    return;
  }
  pdf.table(
    [
      { header: s.listingsTable.listing, width: 2.2, weight: 'mono', size: 7.5 },
      { header: s.listingsTable.title, width: 3.6 },
      { header: s.listingsTable.price, width: 1.2 },
      { header: s.listingsTable.seller, width: 2, weight: 'mono', size: 7.5 },
      { header: s.listingsTable.captures, width: 0.9 },
      { header: s.listingsTable.lastSeen, width: 1.9 },
    ],
    [...seen.values()].map((l) => [l.key, l.title, l.price, l.seller, String(l.captures), l.last]),
  );
}

/** A seller's status (active, reported, removed) in the dossier's language. */
function statusWord(status: string, s: DossierStrings): string {
  return (s.seller.statuses as Record<string, string>)[status] ?? status;
}
