import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit } from '../helpers/cli.js';
import { marketplacePage, ROUTES, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { tempDir } from '../helpers/tmp.js';

// As served by Amazon, with its page frame (navigation bar and page-id script) that marks it as Amazon's on any address.
const amazonFrame = (html: string) => html.replace('<body>', `<body><script>var ue_id = 'EXHIBITTESTUEID00002';</script><div id="navbar"><a id="nav-logo" href="/">Amazon</a></div>`);

let server: FixtureServer;
beforeAll(async () => {
  // Marketplace-shaped pages served from 127.0.0.1: recognised by the marks in the page, as an Amazon page on any address would be.
  server = await startFixtureServer({
    ...ROUTES,
    '/dp/B0TEST1DE1': marketplacePage('amazon-de-listing'),
    '/s': marketplacePage('amazon-storefront', amazonFrame),
  });
});
afterAll(async () => {
  await server?.close();
});

const json = <T>(r: { code: number; stdout: string; stderr: string }): T => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

describe('sellers, listings, search and cases from the command line', () => {
  it('captures file themselves under their seller; the investigator finds, corrects and organises them', async () => {
    const ws = join(tempDir(), 'ws');
    expect((await exhibit(['init', '--workspace', ws, '--investigator', 'Jane Roe'])).code).toBe(0);
    const w = ['--workspace', ws];

    const captured = json<{ id: string; outcome: string; filing: { sellerId: string | null; listingId: string | null }; artifacts: { name: string }[] }[]>(
      await exhibit(['capture', ...w, '--case', 'Nordkap', '--json', server.url('/dp/B0TEST1DE1'), server.url('/captcha'), `${server.url('/s')}?me=A1EXHIBITNORD1`]),
    );
    const [listing, captcha, storefront] = captured;
    expect(listing).toMatchObject({ outcome: 'complete', filing: { sellerId: expect.any(String) as unknown, listingId: expect.any(String) as unknown } });
    expect(listing!.artifacts.map((a) => a.name)).toContain('extracted.json');
    expect(captcha).toMatchObject({ outcome: 'blocked', filing: { sellerId: null, listingId: null } });
    expect(storefront!.filing.sellerId).toBe(listing!.filing.sellerId);

    const text = await exhibit(['capture', ...w, server.url('/dp/B0TEST1DE1')]);
    expect(text.stdout).toContain('filed under seller amazon:A1EXHIBITNORD1 (Nordlicht Handel GmbH) · listing amazon:B0TEST1DE1');

    const sellers = json<{ marketplace: string; sellerKey: string; listings: number; captures: number }[]>(await exhibit(['sellers', ...w, '--json']));
    expect(sellers).toEqual([expect.objectContaining({ marketplace: 'amazon', sellerKey: 'A1EXHIBITNORD1', listings: 2, captures: 3 })]);
    const listings = json<{ listingKey: string; price: string | null; currency: string | null }[]>(await exhibit(['listings', ...w, '--seller', 'amazon:A1EXHIBITNORD1', '--json']));
    expect(listings.map((l) => l.listingKey).sort()).toEqual(['B0TEST1DE1', 'B0TEST9UK9']);
    expect(listings.find((l) => l.listingKey === 'B0TEST1DE1')).toMatchObject({ price: '1234.56', currency: 'EUR' });

    const hits = json<{ hits: { captureId: string }[] }>(await exhibit(['search', ...w, 'thermoskanne', '--json']));
    expect(hits.hits.length).toBe(3);
    expect((await exhibit(['search', ...w, 'Enter the characters'])).stdout).toContain(captcha!.id);

    const corrected = await exhibit(['correct', ...w, listing!.id, 'price', '1199.00', '--reason', 'the crossed-out price was read']);
    expect(corrected.code).toBe(0);
    const shown = await exhibit(['show', ...w, listing!.id]);
    expect(shown.stdout).toMatch(/price\s+1199\.00\s+\(corrected .*: the crossed-out price was read; extracted: 1234\.56\)/);
    expect(shown.stdout).toContain('from selector: #corePriceDisplay_desktop_feature_div');
    const bad = await exhibit(['correct', ...w, listing!.id, 'price', 'twelve']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('write it as a plain decimal number');

    const reported = await exhibit(['seller', ...w, 'amazon:A1EXHIBITNORD1', '--status', 'reported', '--note', 'Brand Registry report 42', '--tag', 'thermos']);
    expect(reported.code).toBe(0);
    expect(reported.stdout).toMatch(/Status\s+reported/);
    expect(reported.stdout).toContain('Brand Registry report 42');
    expect(reported.stdout).toMatch(/Names seen\s+Nordlicht Handel GmbH/);

    expect((await exhibit(['case', 'create', 'Second matter', ...w])).code).toBe(0);
    expect((await exhibit(['case', 'add', 'Second matter', '--seller', 'amazon:A1EXHIBITNORD1', ...w])).code).toBe(0);
    const missing = await exhibit(['case', 'add', 'Second matter', '--seller', 'ebay:nobody', ...w]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No seller ebay:nobody');
    const inCase = json<{ sellerKey: string }[]>(await exhibit(['sellers', '--case', 'Nordkap', ...w, '--json']));
    expect(inCase.map((s) => s.sellerKey)).toEqual(['A1EXHIBITNORD1']);
    const cases = json<{ name: string }[]>(await exhibit(['case', 'list', ...w, '--json']));
    expect(cases.map((c) => c.name)).toEqual(['Nordkap', 'Second matter']);

    const verify = await exhibit(['verify', ...w]);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });

  it('extract reads a saved page without a workspace; import stores one as evidence', async () => {
    const file = new URL('../fixtures/marketplace-pages/amazon-de-listing.html', import.meta.url).pathname;
    const x = json<{ kind: string; marketplace: string; fields: { sellerId: { value: string; source: { kind: string } } } }>(
      await exhibit(['extract', file, '--url', 'https://www.amazon.de/dp/B0TEST1DE1', '--json']),
    );
    expect(x).toMatchObject({ kind: 'listing', marketplace: 'amazon.de', fields: { sellerId: { value: 'A1EXHIBITNORD1', source: { kind: 'selector' } } } });
    const refused = await exhibit(['extract', file, '--url', 'file:///etc/passwd']);
    expect(refused.code).toBe(2);

    const ws = join(tempDir(), 'ws');
    expect((await exhibit(['init', '--workspace', ws])).code).toBe(0);
    const imported = await exhibit(['import', file, '--url', 'https://www.amazon.de/dp/B0TEST1DE1', '--workspace', ws]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported, not captured by Exhibit');
    expect(imported.stdout).toContain('filed under seller amazon.de:A1EXHIBITNORD1');
    expect((await exhibit(['verify', '--workspace', ws])).code).toBe(0);
  });
});
