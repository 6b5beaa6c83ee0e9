import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls } from '../../../electron/core/capture/capture-service.js';
import { makeDossier } from '../../../electron/core/dossier/make-dossier.js';
import { importCatalogue } from '../../../electron/core/fakes/brand-import.js';
import { addBrand } from '../../../electron/core/fakes/brands.js';
import { addMonitor, searchResults } from '../../../electron/core/fakes/monitors.js';
import { runMonitors } from '../../../electron/core/fakes/monitor-run.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { flaskPng } from '../../helpers/brand-images.js';
import { startSearchShop, type SearchShop } from '../../helpers/search-shop.js';
import { suiteTempDir, tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

const SHOTS = fileURLToPath(new URL('../../../test-output/dossier/', import.meta.url));
const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const FAST = { settleMs: 3000, quietMs: 300 };
const text = (pdf: string) => spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/[\s\u00a0\u202f]+/g, ' ');

let shop: SearchShop;
let ws: Workspace;
let fakeCapture: string;
let plainCapture: string;
let resultPage: string;

beforeAll(async () => {
  shop = await startSearchShop();
  ws = await newWorkspace(undefined, 'suite');
  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  const dir = tempDir();
  writeFileSync(join(dir, 'flask-front.png'), flaskPng(600, 600));
  writeFileSync(join(dir, 'catalogue.csv'), ['product,reference,market,retail_price,currency,images,keywords', 'Nordkap Flask 500 ml,NK-500,amazon,49.90,EUR,flask-front.png,nordkap|flask'].join('\n'));
  expect((await importCatalogue(ws, brand.value.id, join(dir, 'catalogue.csv'))).ok).toBe(true);
  await addMonitor(ws.db, { url: shop.amazonUrl, brandId: brand.value.id, intervalSeconds: 6 * 3600, pages: 1, captureAbove: 90 });
  const run = await runMonitors(ws, { browserPath: BROWSER, bounds: FAST });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  // The fake scoring over 90 was captured in full by the run; a listing found otherwise is captured by hand.
  expect(run.value[0]!.captured.map((c) => c.url)).toEqual([`${shop.url('/amazon/dp/B0FAKE0001')}`]);
  fakeCapture = run.value[0]!.captured[0]!.captureId;
  resultPage = run.value[0]!.pages[0]!.captureId!;
  const other = await captureUrls(ws, { urls: [shop.offersDetailUrl], browserPath: BROWSER, bounds: FAST });
  if (!other.ok) throw new Error(JSON.stringify(other.error));
  plainCapture = other.value[0]!.record.id;
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

describe('the dossier says how a listing was found', { timeout: 120_000 }, () => {
  it('names the search, when, its captured result page, and the score with its reasons, only for the listing a watched search found', async () => {
    const out = join(suiteTempDir(), 'found-en.pdf');
    const made = await makeDossier(ws, { selection: { kind: 'captures', ids: [fakeCapture, plainCapture, resultPage] }, lang: 'en', attach: 'none', output: out });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const whole = text(out);
    // The part itself, after its line in the contents.
    const start = whole.indexOf('How the listings were found These');
    const t = whole.slice(start, whole.indexOf('7. Method and environment', start));
    const result = (await searchResults(ws.db)).find((r) => r.listingKey === 'B0FAKE0001')!;
    expect(t).toContain('How the listings were found');
    expect(t).toContain('Listing amazon:B0FAKE0001');
    expect(t).toContain(shop.amazonUrl);
    expect(t).toContain(`First found ${result.firstSeen.replace('T', ' ').replace('Z', ' UTC')}`);
    expect(t).toMatch(/Result page captured exhibit [A-Z]-\d — page 1, result 2/);
    expect(t).toContain(`Suspicion score ${result.score} of 100`);
    expect(t).toContain('• Replica words in the title or text: replica words: "replica", "1:1", "mirror quality"');
    expect(t).toMatch(/• An official image reused: the image matches the catalogue image flask-front\.png \(NK-500\): \d of 64 bits differ/);
    // The listing captured by hand was found by no search: it has no such part.
    expect(t).toContain('Listing amazon:B0FAKE0001');
    expect(t).not.toContain('B0NORDKAP5');
    expect(whole).toContain('Listing amazon:B0NORDKAP5');
    expect(existsSync(out)).toBe(true);
    // The pages, for a person to look at (test-output/dossier/found-en-NN.png).
    mkdirSync(SHOTS, { recursive: true });
    expect(spawnSync('pdftoppm', ['-png', '-r', '70', out, join(SHOTS, 'found-en')]).status).toBe(0);
  });

  it('in French, with no English words in its sentences', async () => {
    const out = join(suiteTempDir(), 'found-fr.pdf');
    const made = await makeDossier(ws, { selection: { kind: 'captures', ids: [fakeCapture, resultPage] }, lang: 'fr', attach: 'none', output: out });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const whole = text(out);
    const start = whole.indexOf('Comment les annonces ont été trouvées Ces');
    const t = whole.slice(start, whole.indexOf('7. Méthode et environnement', start));
    expect(t).toContain('Comment les annonces ont été trouvées');
    expect(t).toContain('Annonce amazon:B0FAKE0001');
    expect(t).toMatch(/Page de résultats (capturée )?pièce [A-Z]-\d — page 1, résultat 2/);
    expect(t).toMatch(/• Mots de contrefaçon dans le titre ou le texte\s:\smots de contrefaçon\s:\s«\sreplica\s», «\s1:1\s», «\smirror quality\s»/);
    expect(t).toMatch(/• Une image officielle réutilisée : l’image correspond à l’image du catalogue flask-front\.png \(NK-500\) : \d bits? sur 64 diff/);
    expect(t).toContain('représente 24 % du prix public de Nordkap Flask 500 ml (NK-500) sur amazon, 49.90 EUR');
    expect(t).not.toMatch(/retail price|replica words:|the image matches/);
  });
});
