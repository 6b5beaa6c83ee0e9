import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flaskPng } from '../helpers/brand-images.js';
import { exhibit } from '../helpers/cli.js';
import { startSearchShop, type SearchShop } from '../helpers/search-shop.js';
import { tempDir } from '../helpers/tmp.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
let shop: SearchShop;
beforeAll(async () => {
  shop = await startSearchShop();
});
afterAll(() => shop?.close());

const json = <T>(r: { code: number; stdout: string; stderr: string }): T => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};
const HEADER = 'product,reference,market,retail_price,currency,images,keywords';

describe('exhibit brand, monitor and triage', () => {
  it('builds the catalogue, refusing a malformed CSV or an unreadable image with where it is, and importing nothing then', async () => {
    const dir = tempDir();
    const w = ['--workspace', join(dir, 'ws')];
    expect((await exhibit(['init', ...w])).code).toBe(0);
    expect((await exhibit(['brand', 'import', join(dir, 'none.csv'), ...w])).stderr).toMatch(/No brand yet: exhibit brand add NAME/);
    expect((await exhibit(['brand', 'add', 'Nordkap', ...w])).stdout).toMatch(/Added brand Nordkap/);
    writeFileSync(join(dir, 'flask.png'), flaskPng(200, 200));
    writeFileSync(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    writeFileSync(join(dir, 'bad.csv'), `${HEADER}\nFlask,NK-1,ebay,10,EUR,flask.png,\nBottle,NK-2,ebay,12.5"0,EUR,,\n`);
    const bad = await exhibit(['brand', 'import', join(dir, 'bad.csv'), ...w]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, 'bad.csv')}, line 3, column 22: a quote inside an unquoted field`);
    expect(bad.stderr).toContain('Nothing was imported.');
    expect(bad.stderr).not.toMatch(/\bat .*\.js:\d+/);
    writeFileSync(join(dir, 'jpeg.csv'), `${HEADER}\nFlask,NK-1,ebay,10,EUR,flask.png,\nBottle,NK-2,ebay,12,EUR,photo.jpg,\n`);
    const jpeg = await exhibit(['brand', 'import', join(dir, 'jpeg.csv'), ...w]);
    expect(jpeg.code).toBe(2);
    expect(jpeg.stderr).toMatch(/line 3, column 25: image photo\.jpg: a damaged JPEG: .*Nothing was imported\./);
    expect(json<{ products: number; images: number }[]>(await exhibit(['brand', 'list', '--json', ...w]))).toMatchObject([{ name: 'Nordkap', products: 0, images: 0 }]);

    writeFileSync(join(dir, 'flask.webp'), await sharp(flaskPng(300, 300)).webp().toBuffer());
    writeFileSync(join(dir, 'flask.jpg'), await sharp(flaskPng(240, 240)).jpeg().toBuffer());
    writeFileSync(join(dir, 'good.csv'), `${HEADER}\nNordkap Flask 500 ml,NK-500,127.0.0.1,49.90,EUR,flask.png|flask.webp|flask.jpg,nordkap|flask\n`);
    expect(json(await exhibit(['brand', 'import', join(dir, 'good.csv'), '--json', ...w]))).toMatchObject({ products: 1, images: 3 });
    expect((await exhibit(['brand', 'authorise', 'ebay:nordkap_official', ...w])).stdout).toMatch(/ebay:nordkap_official is now an authorised seller of Nordkap/);
    expect((await exhibit(['brand', 'list', ...w])).stdout).toMatch(/Nordkap {2}1 products, 3 official images; authorised sellers: ebay:nordkap_official/);
    // the official images kept in the store are the catalogue's, not leftovers of interrupted work
    const verified = await exhibit(['verify', ...w]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).not.toMatch(/not referenced/);
  });

  it('watches a search, runs it, and triages what it found; decisions teach the weights', async () => {
    const dir = tempDir();
    const w = ['--workspace', join(dir, 'ws')];
    expect((await exhibit(['init', ...w])).code).toBe(0);
    await exhibit(['brand', 'add', 'Nordkap', ...w]);
    writeFileSync(join(dir, 'flask.png'), flaskPng(400, 400));
    writeFileSync(join(dir, 'c.csv'), `${HEADER}\nNordkap Flask 500 ml,NK-500,127.0.0.1,49.90,EUR,flask.png,nordkap|flask\n`);
    expect((await exhibit(['brand', 'import', join(dir, 'c.csv'), ...w])).code).toBe(0);
    expect((await exhibit(['monitor', 'add', 'file:///etc/passwd', ...w])).code).toBe(2);
    expect((await exhibit(['monitor', 'add', shop.otherUrl, '--every', 'often', ...w])).stderr).toMatch(/interval "often"/);
    const m = json<{ id: string; pages: number; captureAbove: number }>(await exhibit(['monitor', 'add', shop.otherUrl, '--every', '6h', '--capture-above', '80', '--json', ...w]));
    expect(m).toMatchObject({ pages: 1, captureAbove: 80 });

    const run = await exhibit(['monitor', 'run', '--due', '--browser', BROWSER, ...w]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 new, 0 still present, 0 gone');
    expect(run.stdout).toContain('read by the generic reader: no marketplace reader knows this layout');
    expect(run.stdout).toMatch(/captured in full \(score \d+\): .*\/other\/product\/7001/);
    expect((await exhibit(['monitor', 'run', '--due', ...w])).stdout).toMatch(/No watched search is due/);

    const queue = json<{ id: string; listingKey: string; scoreNow: number; reasons: { signal: string }[] }[]>(await exhibit(['triage', '--json', ...w]));
    expect(queue.map((q) => q.listingKey)).toEqual(['7001', '7002']);
    expect(queue[0]!.reasons.map((r) => r.signal)).toEqual(['price-low', 'replica-words', 'official-image']);
    const text = (await exhibit(['triage', ...w])).stdout;
    expect(text).toContain('- replica words in the title or text: replica words: "高仿", "一比一"');

    expect((await exhibit(['triage', 'decide', queue[0]!.id, 'maybe', ...w])).stderr).toMatch(/decision "maybe": expected counterfeit, genuine, test-buy/);
    expect((await exhibit(['triage', 'decide', queue[0]!.id, 'counterfeit', ...w])).stdout).toMatch(/is counterfeit\. Filed as listing \w+ \(the result page showed no seller\)/);
    expect((await exhibit(['triage', 'learn', ...w])).stderr).toMatch(/1 counterfeit and 0 genuine decisions/);
    expect((await exhibit(['triage', 'decide', queue[1]!.id, 'genuine', ...w])).code).toBe(0);
    const learnt = await exhibit(['triage', 'learn', '--save', ...w]);
    expect(learnt.stdout).toContain('Learnt from 2 decisions (1 counterfeit, 1 genuine; 0 test buys not counted)');
    expect(learnt.stdout).toMatch(/replica-words\s+2\.80\s+\d+\.\d\d/);
    expect((await exhibit(['triage', 'weights', ...w])).stdout).toMatch(/Weights in force \(learned from 2 decisions/);
    expect((await exhibit(['triage', 'weights', '--set', 'price-low=3', ...w])).stdout).toMatch(/price-low\s+3\.00/);
    expect((await exhibit(['triage', 'weights', '--set', 'colour=3', ...w])).code).toBe(2);
    expect((await exhibit(['monitor', 'remove', m.id, ...w])).stdout).toMatch(/Stopped watching/);
    const log = (await exhibit(['log', ...w])).stdout;
    expect(log).toMatch(/monitor\.ran/);
    expect(log).toMatch(/triage\.decided/);
  }, 300_000);
});
