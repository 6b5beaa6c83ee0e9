import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDossier, type MadeDossier } from '../../../electron/core/dossier/make-dossier.js';
import { verifyDossier } from '../../../electron/core/dossier/verify-dossier.js';
import type { PageExtraction } from '../../../electron/core/extract/types.js';
import { recordReport } from '../../../electron/core/takedown/reports.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { recheckListing } from '../../helpers/history.js';
import { suiteTempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} is needed for this test (apt-get install poppler-utils): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const IMAGES = ['https://i.ebayimg.com/images/g/a/s-l1600.jpg', 'https://i.ebayimg.com/images/g/b/s-l1600.jpg', 'https://i.ebayimg.com/images/g/c/s-l1600.jpg'];

/** The watch as an eBay page shows it; images added, as the eBay extractor finds them. */
function watchPage(o: { price: string; images: string[] }): PageExtraction {
  const x = listingExtraction({ listingId: '1234', sellerId: 'shop1', sellerName: 'Shop One', title: 'Montre Royal Oak 手表 «acier»', price: o.price, currency: 'EUR' });
  x.fields.images = { value: o.images, source: { kind: 'selector', detail: '.ux-image-carousel img' } };
  return x;
}

let ws: Workspace;
const ids = { removed: '', changed: '', reappeared: '' };
let captureIds: string[] = [];

beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  // Listing 1234: re-checked daily, its price cut and a picture added, reported, taken down, put back up.
  const first = await fileCapture(ws, watchPage({ price: '1234.56', images: IMAGES }), { startedAt: '2026-10-01T09:00:00.000Z' });
  const watch = { id: first.filing.listingId!, key: '1234', sellerId: first.filing.sellerId };
  const diffs = [0.001, 0.004, 0, 0.002];
  for (const [i, d] of diffs.entries()) await recheckListing(ws, watch, watchPage({ price: '1234.56', images: IMAGES }), { startedAt: `2026-10-0${i + 2}T09:00:00.000Z`, screenshotDiff: d });
  await recheckListing(ws, watch, listingExtraction({ kind: 'blocked' }), { startedAt: '2026-10-05T15:00:00.000Z', outcome: 'blocked' });
  ids.changed = (await recheckListing(ws, watch, watchPage({ price: '999.00', images: [...IMAGES, 'https://i.ebayimg.com/images/g/d/s-l1600.jpg'] }), { startedAt: '2026-10-06T09:00:00.000Z', screenshotDiff: 0.0237 })).id;
  const vero = await recordReport(ws.db, { listingId: watch.id, platform: 'ebay', programme: 'ebay-vero', reportRef: 'VERO-2026-0042', reportedOn: '2026-10-07' });
  expect(vero.ok).toBe(true);
  ids.removed = (await recheckListing(ws, watch, null, { startedAt: '2026-10-10T09:00:00.000Z', outcome: 'not-found', httpStatus: 404 })).id;
  await recheckListing(ws, watch, null, { startedAt: '2026-10-11T09:00:00.000Z', outcome: 'not-found', httpStatus: 404 });
  await recheckListing(ws, watch, null, { startedAt: '2026-10-12T09:00:00.000Z', outcome: 'not-found', httpStatus: 404 });
  await recheckListing(ws, watch, null, { startedAt: '2026-10-12T15:00:00.000Z', outcome: 'network-error' });
  ids.reappeared = (await recheckListing(ws, watch, watchPage({ price: '999.00', images: [...IMAGES, 'https://i.ebayimg.com/images/g/d/s-l1600.jpg'] }), { startedAt: '2026-10-20T09:00:00.000Z', screenshotDiff: 0.004 })).id;

  // Listing 5678: reported, then the marketplace's notice in its place the next day.
  const bag = await fileCapture(ws, listingExtraction({ listingId: '5678', sellerId: 'shop1', sellerName: 'Shop One', title: '正品 手袋 Luxe', price: '45.00', currency: 'EUR' }), { startedAt: '2026-10-01T10:00:00.000Z' });
  expect((await recordReport(ws.db, { listingId: bag.filing.listingId!, platform: 'ebay', programme: 'other', reportedOn: '2026-10-08' })).ok).toBe(true);
  await recheckListing(ws, { id: bag.filing.listingId!, key: '5678', sellerId: bag.filing.sellerId }, null, { startedAt: '2026-10-09T08:00:00.000Z', text: 'This listing has ended.\nSimilar items' });

  // Listing 9999: captured once, never again.
  const once = await fileCapture(ws, listingExtraction({ listingId: '9999', sellerId: 'shop1', sellerName: 'Shop One', title: 'Sac Kelly', price: '80.00', currency: 'EUR' }), { startedAt: '2026-10-01T11:00:00.000Z' });

  // The dossier holds the first captures, the change and the return; the 404 and the re-checks stay in the workspace.
  captureIds = [first.id, bag.id, once.id, ids.changed, ids.reappeared];
}, 60_000);

async function dossier(lang: 'en' | 'fr', name: string): Promise<MadeDossier> {
  const made = await makeDossier(ws, { selection: { kind: 'captures', ids: captureIds }, lang, attach: 'manifests', output: join(suiteTempDir(), name) });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  return made.value;
}

const REVIEW = fileURLToPath(new URL('../../../test-output/dossier/', import.meta.url));

/** test-output/dossier/NAME.pdf and NAME-N.png, the section's pages: for a person to look at. */
function keepForReview(pdf: string, pages: { first: number; last: number }, name: string): void {
  mkdirSync(REVIEW, { recursive: true });
  copyFileSync(pdf, join(REVIEW, `${name}.pdf`));
  run('pdftoppm', ['-png', '-r', '60', '-f', String(pages.first), '-l', String(pages.last), pdf, join(REVIEW, name)]);
}

/** The text of section 6, in drawing order: a table cell's lines stay together. */
function changesSection(pdf: string, opening: string, next: string): { text: string; first: number; last: number } {
  const pages = run('pdftotext', ['-raw', pdf, '-']).split('\f');
  const first = pages.findIndex((p) => p.includes(opening));
  const last = pages.findIndex((p, i) => i > first && p.includes(next)) - 1;
  expect(first).toBeGreaterThan(0);
  expect(last).toBeGreaterThanOrEqual(first);
  return { text: pages.slice(first, last + 1).join('\n').replace(/\s+/g, ' '), first: first + 1, last: last + 1 };
}

describe('the dossier section "Changes over time"', () => {
  it('shows each listing’s history: changes with before and after, re-checks counted, removal with its reason, the report and what became of it', async () => {
    const d = await dossier('en', 'changes-en.pdf');
    const { text, ...pages } = changesSection(d.path, 'For each listing in this dossier', '7. Method and environment');
    keepForReview(d.path, pages, 'changes-en');
    expect(text).toContain('ebay:1234 — Montre Royal Oak 手表 «acier»');
    expect(text).toContain('First seen 2026-10-01 09:00:00.000 UTC (exhibit A-1)');
    expect(text).toContain('Last checked 2026-10-20 09:00:00.000 UTC');
    expect(text).toContain('Status online at the last check');
    // The change, from exhibit A-4: before and after, images counted, the screenshot's share.
    expect(text).toContain('Changed Price: 1,234.56 EUR → 999.00 EUR Images: 3 images → 4 images 2.4% of the screenshot differs A-4');
    // Four unchanged re-checks and a captcha, one row; the checks while it was down, another.
    expect(text).toContain('2026-10-02 – 2026-10-05 Re-checks Checked 4 times, unchanged At most 0.4% of the screenshot differs 1 check blocked (captcha or robot check)');
    expect(text).toContain('2026-10-11 – 2026-10-12 Re-checks Checked 2 times, still removed');
    expect(text).toContain('1 check failed (network or server error)');
    // The 404 is not an exhibit: it is cited by its capture id.
    expect(text).toContain(`Removed on 2026-10-10 09:00:00.000 UTC — the page answered HTTP 404`);
    expect(text).toContain(`Removed The page answered HTTP 404 3 days after the report of 2026-10-07 ${ids.removed}`);
    expect(text).toContain('Reappeared on 2026-10-20 09:00:00.000 UTC');
    expect(text).toContain('2026-10-07 Reported To ebay (eBay VeRO), report VERO-2026-0042');
    expect(text).toContain('2026-10-07 ebay eBay VeRO VERO-2026-0042 removed 3 days after the report; came back on 2026-10-20');
    // Taken down by the marketplace's notice, a day after a report with no reference.
    expect(text).toContain('ebay:5678 — 正品 手袋 Luxe');
    expect(text).toContain('the page shows the marketplace\'s notice “This listing has ended”');
    expect(text).toContain('2026-10-08 ebay other — removed 1 day after the report');
    expect(text).toContain('Status removed at the last check');
    // Seen once: said briefly, in one table.
    expect(text).toContain('Listings seen once, not captured or checked again since');
    expect(text).toContain('ebay:9999 Sac Kelly 2026-10-01 11:00:00.000 UTC A-3');

    const verified = await verifyDossier(d.path, ws);
    expect(verified.ok && verified.value.ok).toBe(true);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  }, 120_000);

  it('in French, in the words of a French court', async () => {
    const d = await dossier('fr', 'changes-fr.pdf');
    const { text, ...pages } = changesSection(d.path, 'Pour chaque annonce de ce dossier', '7. Méthode et environnement');
    keepForReview(d.path, pages, 'changes-fr');
    expect(text).toContain('Première constatation 2026-10-01 09:00:00.000 UTC (pièce A-1)');
    expect(text).toContain('Modifiée Prix : 1 234,56 EUR → 999,00 EUR Images : 3 images → 4 images 2,4 % de la capture d\'écran diffère A-4');
    expect(text).toContain('Vérifiée 4 fois, sans changement');
    expect(text).toContain('Retirée le 2026-10-10 09:00:00.000 UTC — la page a renvoyé le statut HTTP 404');
    expect(text).toContain('Réapparue le 2026-10-20 09:00:00.000 UTC');
    expect(text).toContain('3 jours après le signalement du 2026-10-07');
    expect(text).toContain('retirée 3 jours après le signalement ; réapparue le 2026-10-20');
    expect(text).toContain('retirée 1 jour après le signalement');
    expect(text).toContain('Signalée le');
  }, 120_000);

  it('a dossier whose listings were never captured or checked again says so in one line', async () => {
    const d = await makeDossier(ws, { selection: { kind: 'captures', ids: [captureIds[2]!] }, lang: 'en', attach: 'none', output: join(suiteTempDir(), 'changes-none.pdf') });
    if (!d.ok) throw new Error(JSON.stringify(d.error));
    const text = run('pdftotext', ['-raw', d.value.path, '-']).replace(/\s+/g, ' ');
    expect(text).toContain('6. Changes over time No listing in this dossier was captured or checked again after its first capture, or reported to its marketplace.');
    expect(text).not.toContain('Listings seen once');
  }, 120_000);
});
