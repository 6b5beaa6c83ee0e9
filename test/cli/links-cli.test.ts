import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit, sqliteCli } from '../helpers/cli.js';
import type { FixtureServer } from '../helpers/fixture-server.js';
import { sellerShopUrls, startSellerShop } from '../helpers/seller-shop.js';
import { suiteTempDir, tempDir } from '../helpers/tmp.js';

interface Seen {
  captureId: string;
  artifact: string;
  field: string;
  raw: string;
}
interface Link {
  a: string;
  b: string;
  aLabel: string;
  bLabel: string;
  strength: 'strong' | 'weak';
  score: number;
  decision: 'confirmed' | null;
  shared: { kind: string; value: string; mirrored?: boolean; a: Seen; b: Seen }[];
}
interface Report {
  links: Link[];
  operators: string[][];
}

let shop: FixtureServer;
let ws: string;
let captures: { id: string; outcome: string; requestedUrl: string; filing: { sellerId: string | null; listingId: string | null } }[];
beforeAll(async () => {
  shop = await startSellerShop();
  ws = join(suiteTempDir(), 'ws');
  expect((await exhibit(['init', '--workspace', ws, '--investigator', 'Jane Roe'])).code).toBe(0);
  const r = await exhibit(['capture', '--workspace', ws, '--json', '--concurrency', '4', ...sellerShopUrls(shop)]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  captures = JSON.parse(r.stdout) as typeof captures;
}, 120_000);
afterAll(async () => {
  await shop?.close();
});

const w = () => ['--workspace', ws];
const links = async (...args: string[]): Promise<Report> => {
  const r = await exhibit(['links', ...w(), '--json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
};
const pair = (r: Report, x: string, y: string) => r.links.find((l) => [l.aLabel, l.bLabel].some((s) => s.startsWith(`${x} `) || s === x) && [l.aLabel, l.bLabel].some((s) => s.startsWith(`${y} `) || s === y));
const captureOf = (path: string) => captures.find((c) => c.requestedUrl === shop.url(path))!.id;

describe('exhibit links: seller accounts that may be one operator', () => {
  it('files each captured seller page as its seller profile', async () => {
    expect(captures.map((c) => c.outcome)).toEqual(Array(8).fill('complete'));
    for (const c of captures.slice(0, 4)) expect(c.filing).toEqual(expect.objectContaining({ sellerId: expect.any(String) as unknown, listingId: null }));
    const seller = await exhibit(['seller', ...w(), 'amazon:AVATONE']);
    expect(seller.code).toBe(0);
    expect(seller.stdout).toContain(captureOf('/sp?seller=AVATONE'));
  });

  it('links by a shared VAT number and a phone number written two ways (strong), a mirrored picture (weak), and not by a stock phrase', async () => {
    // Independent runs of the command, at once: each is a process of its own.
    const [r, text, one, bad] = await Promise.all([links(), exhibit(['links', ...w()]), links('--seller', 'ebay:img_one'), exhibit(['links', ...w(), '--seller', 'ebay:nobody'])]);
    const vat = pair(r, 'amazon:AVATONE', 'ebay:luxe_outlet');
    expect(vat).toMatchObject({ strength: 'strong' });
    const v = vat!.shared.find((s) => s.kind === 'vat')!;
    expect(v.value).toBe('DE123456789');
    const amazonSide = [v.a, v.b].find((s) => s.raw === 'DE 123 456 789')!;
    expect(amazonSide).toMatchObject({ captureId: captureOf('/sp?seller=AVATONE'), artifact: 'dom.html', field: 'profile.vat' });
    expect([v.a, v.b].map((s) => s.raw).sort()).toEqual(['DE 123 456 789', 'DE123456789']);

    const phone = pair(r, 'amazon:APHONEONE', 'ebay:phone_two');
    expect(phone).toMatchObject({ strength: 'strong' });
    const p = phone!.shared.find((s) => s.kind === 'phone')!;
    expect(p.value).toBe('+49301234567');
    expect([p.a.raw, p.b.raw].sort()).toEqual(['+49 30 1234567', '030-123 45 67']);

    const image = pair(r, 'ebay:img_one', 'ebay:img_two');
    expect(image).toMatchObject({ strength: 'weak' });
    expect(image!.shared).toEqual([expect.objectContaining({ kind: 'image', mirrored: true })]);
    const seenAt = [image!.shared[0]!.a, image!.shared[0]!.b];
    expect(seenAt.map((s) => s.captureId).sort()).toEqual([captureOf('/itm/100000000001'), captureOf('/itm/100000000002')].sort());
    expect(seenAt.map((s) => s.raw).sort()).toEqual([shop.url('/img/flask-mirrored.png'), shop.url('/img/flask.png')]);
    expect(seenAt.every((s) => s.artifact === 'page.warc.gz' && s.field === 'images')).toBe(true);

    expect(pair(r, 'ebay:mugs_uk', 'ebay:trowel_shop')).toBeUndefined();
    expect(r.links).toHaveLength(3);
    expect(r.operators.map((g) => g.map((x) => x.split(' ')[0]).sort().join(' ')).sort()).toEqual(['amazon:APHONEONE ebay:phone_two', 'amazon:AVATONE ebay:luxe_outlet']);

    const heading = (x: string, y: string) => text.stdout.split('\n').find((l) => l.includes(x) && l.includes(y) && l.includes('  ~  '));
    expect(heading('amazon:AVATONE (Luxe Trading GmbH)', 'ebay:luxe_outlet (LX Outlet)')).toMatch(/^STRONG {2}/);
    expect(heading('ebay:img_one', 'ebay:img_two')).toMatch(/^weak {4}/);
    expect(text.stdout).toContain('image (mirrored copy)');
    expect(text.stdout).toContain('profile.phone: "030-123 45 67"');

    expect(one.links.map((l) => l.strength)).toEqual(['weak']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('No seller ebay:nobody');
  });

  it('confirm joins the weak pair into one operator, reject removes a link for good; both are custody entries, survive recomputation and are verified', async () => {
    // The custody log read as anyone would with the sqlite3 tool: a process of its own costs a few milliseconds, not a Node start.
    const entries = () =>
      sqliteCli(join(ws, 'exhibit.sqlite'), "SELECT json_object('action', action, 'details', json(details)) FROM custody_log ORDER BY seq")
        .stdout.trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { action: string; details: unknown });
    const before = entries().length;
    const same = await exhibit(['links', ...w(), 'reject', 'ebay:img_one', 'ebay:img_one']);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('the same seller');
    expect((await exhibit(['links', ...w(), 'confirm', 'ebay:img_one', 'ebay:img_two', '--reason', 'same photo studio backdrop'])).code).toBe(0);
    expect((await exhibit(['links', ...w(), 'reject', 'ebay:phone_two', 'amazon:APHONEONE', '--reason', 'a call centre number'])).code).toBe(0);
    // Two recomputations (each run computes the links anew) and a verification, at once.
    const log = entries();
    const [first, second, verified] = await Promise.all([links(), links(), exhibit(['verify', ...w()])]);
    expect(log.slice(before).map((e) => e.action)).toEqual(['seller.link-confirmed', 'seller.link-rejected']);
    expect(log[before + 1]!.details).toMatchObject({ decision: 'rejected', reason: 'a call centre number' });

    for (const r of [first, second]) {
      expect(pair(r, 'amazon:APHONEONE', 'ebay:phone_two')).toBeUndefined();
      expect(pair(r, 'ebay:img_one', 'ebay:img_two')).toMatchObject({ strength: 'weak', decision: 'confirmed' });
      const groups = r.operators.map((g) => g.map((s) => s.split(' ')[0]).sort().join(' '));
      expect(groups.sort()).toEqual(['amazon:AVATONE ebay:luxe_outlet', 'ebay:img_one ebay:img_two']);
    }
    expect(verified.code).toBe(0);
  });

  it('the dossier of a linked seller has a "Linked accounts" part, in English and French, with each item where it was seen', async () => {
    const texts = await Promise.all(
      ['en', 'fr'].map(async (lang) => {
        const out = join(tempDir(), `linked-${lang}.pdf`);
        const made = await exhibit(['dossier', ...w(), '--seller', 'amazon:AVATONE', '-o', out, '--lang', lang]);
        expect(made.code).toBe(0);
        expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
        expect(spawnSync('pdftoppm', ['-png', '-r', '60', out, join(tempDir(), `linked-${lang}`)]).status).toBe(0);
        return spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      }),
    );
    const [en, fr] = texts as [string, string];
    expect(en).toContain('Linked accounts');
    expect(en).toMatch(/(amazon:AVATONE \(Luxe Trading GmbH\) ~ ebay:luxe_outlet \(LX Outlet\)|ebay:luxe_outlet \(LX Outlet\) ~ amazon:AVATONE \(Luxe Trading GmbH\)): strong link \(score \d/);
    expect(en).toContain('VAT number DE123456789');
    expect(en).toContain('Exhibit A-1');
    // The other account's page is not in this dossier: named by its capture id.
    expect(en).toContain(captureOf('/usr/luxe_outlet'));
    expect(en).toContain('(not in this dossier)');
    expect(en).toContain('profile.vat');
    // Only the operator this seller belongs to (the custody log, printed whole, names the others).
    const part = en.slice(en.lastIndexOf('Linked accounts'), en.indexOf('4. Listings', en.lastIndexOf('Linked accounts')));
    expect(part).toContain('ebay:luxe_outlet');
    expect(part).not.toContain('ebay:img_one');
    expect(fr).toContain('Comptes liés');
    expect(fr).toContain('lien fort');
    // The table may wrap the label over two lines: its words, and the value, are there.
    expect(fr).toMatch(/Numéro de (TVA )?DE123456789/);
    expect(fr).toContain('Pièce A-1');
    expect(fr).toContain('(absente de ce dossier)');
    expect(fr).not.toMatch(/Linked accounts|strong link|not in this dossier/);
  });

  it('verify finds a link decision added or changed behind the custody log, and says which', async () => {
    const db = join(ws, 'exhibit.sqlite');
    const ids = sqliteCli(db, "SELECT id FROM sellers WHERE seller_key IN ('mugs_uk', 'trowel_shop') ORDER BY id").stdout.trim().split('\n');
    // A confirmation slipped in with the sqlite3 tool, with no custody entry.
    expect(sqliteCli(db, `INSERT INTO seller_link_decisions (seller_a, seller_b, decision, reason, decided_at) VALUES ('${ids[0]}', '${ids[1]}', 'confirmed', '', '2026-12-01T00:00:00.000Z')`).code).toBe(0);
    // And a rejection turned into a confirmation, with its guard removed.
    expect(sqliteCli(db, "DROP TRIGGER seller_link_decisions_no_update; UPDATE seller_link_decisions SET decision = 'confirmed' WHERE decision = 'rejected'").code).toBe(0);
    const v = await exhibit(['verify', ...w()]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/link decision 3 \(.*\).*no custody entry/);
    expect(v.stdout).toMatch(/link decision 2 \(.*\).*the decision \(logged rejected, now confirmed\)/);
    expect(v.stdout).toContain('seller_link_decisions_no_update');
  });
});
