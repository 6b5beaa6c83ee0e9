// Seller linking (#20): recomputing every link over 10,000 sellers with
// 300,000 listing images (30 each), a trader profile each (VAT, phone,
// address, e-mail) and three listing descriptions each; then 40,000 sellers
// (1,200,000 images) to show the time grows linearly. Target: 10k under
// 30 s. The computation exhibit links runs after reading the workspace: the
// images' perceptual hashes are given, as listing_image_hashes keeps them
// once hashed. Planted: 200 pairs sharing a VAT number, 200 sharing a
// (mirrored) picture, 200 sharing a stock phrase only; all found, the
// stock-phrase pairs not linked.
import { computeLinks, operators } from '../dist/electron/core/links/compute.js';
import { itemsFromListingText } from '../dist/electron/core/links/items.js';
import { pass, printTable, writeResult } from './lib/report.mjs';

const TARGET_S = 30;
const IMAGES_PER_SELLER = 30;
const PLANTED = 200;
const WORDS = 'steel flask bottle mug cup lid handle green blue black matte glossy vacuum thermal leakproof outdoor camping travel office kitchen gift set pack large small classic modern bamboo ceramic glass double wall insulated ml litre cold hot hours dishwasher safe'.split(' ');
const STOCK = 'Fast shipping from our warehouse, 100% satisfaction guaranteed, contact us with any questions before buying.';

function world(sellers) {
  // xorshift32: an LCG in floating point loses its low bits past 2^53 and repeats itself, which would make every hash collide.
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const random = () => next() / 2 ** 32;
  const hex = () => next().toString(16).padStart(8, '0') + next().toString(16).padStart(8, '0');
  const mirrorOf = new Map();
  const identifiers = [];
  const images = [];
  const texts = [];
  const id = (i) => `s${String(i).padStart(6, '0')}`;
  for (let i = 0; i < sellers; i++) {
    const sellerId = id(i);
    const capture = `c${i}`;
    // Planted pairs: seller 2k and 2k+1 for k < PLANTED share a VAT number; the next PLANTED pairs a picture; the next a stock phrase.
    const pair = Math.floor(i / 2);
    const vat = pair < PLANTED ? `DE${String(100_000_000 + pair)}` : `DE${String(200_000_000 + i)}`;
    const seen = { sellerId, captureId: capture, artifact: 'dom.html' };
    identifiers.push({ ...seen, kind: 'vat', field: 'profile.vat', raw: vat, value: vat });
    identifiers.push({ ...seen, kind: 'phone', field: 'profile.phone', raw: `+49 30 ${1_000_000 + i}`, value: `+4930${1_000_000 + i}` });
    identifiers.push({ ...seen, kind: 'email', field: 'profile.email', raw: `shop${i}@example.com`, value: `shop${i}@example.com` });
    identifiers.push({ ...seen, kind: 'address', field: 'profile.address', raw: `${i} Long Road`, value: `${i} long road` });
    for (let j = 0; j < IMAGES_PER_SELLER; j++) {
      let dhash = hex();
      let mirrored = hex();
      const shared = pair >= PLANTED && pair < 2 * PLANTED && j === 0;
      if (shared && i % 2 === 0) mirrorOf.set(pair, { dhash, mirrored });
      if (shared && i % 2 === 1) ({ dhash: mirrored, mirrored: dhash } = mirrorOf.get(pair));
      images.push({ sellerId, captureId: `${capture}-${j}`, artifact: 'page.warc.gz', field: 'images', raw: `https://img.example/${i}/${j}.jpg`, dhash, mirrored });
    }
    for (let k = 0; k < 3; k++) {
      const words = Array.from({ length: 40 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
      const stock = pair >= 2 * PLANTED && pair < 3 * PLANTED ? ` ${STOCK}` : '';
      const r = itemsFromListingText({ sellerId, captureId: `${capture}-t${k}`, artifact: 'text.txt' }, 'text', `Listing ${i}-${k}: ${words}${stock}`, 'DE');
      identifiers.push(...r.identifiers);
      if (r.text) texts.push(r.text);
    }
  }
  return { ids: Array.from({ length: sellers }, (_, i) => id(i)), identifiers, images, texts };
}

function run(sellers) {
  const g0 = performance.now();
  const w = world(sellers);
  process.stderr.write(`${sellers} sellers: world made in ${((performance.now() - g0) / 1000).toFixed(1)} s\n`);
  const t0 = performance.now();
  const links = computeLinks(w);
  const ops = operators(w.ids, links);
  const seconds = (performance.now() - t0) / 1000;
  const byPair = new Map(links.map((l) => [`${l.a}|${l.b}`, l]));
  const id = (i) => `s${String(i).padStart(6, '0')}`;
  let vat = 0;
  let picture = 0;
  let stock = 0;
  for (let k = 0; k < PLANTED; k++) {
    if (byPair.get(`${id(2 * k)}|${id(2 * k + 1)}`)?.strength === 'strong') vat++;
    const p = byPair.get(`${id(2 * (PLANTED + k))}|${id(2 * (PLANTED + k) + 1)}`);
    if (p?.strength === 'weak' && p.shared.some((s) => s.kind === 'image' && s.mirrored)) picture++;
    if (byPair.has(`${id(2 * (2 * PLANTED + k))}|${id(2 * (2 * PLANTED + k) + 1)}`)) stock++;
  }
  return { sellers, images: w.images.length, texts: w.texts.length, seconds, links: links.length, operators: ops.length, vat, picture, stock };
}

const [SMALL, LARGE] = (process.env.BENCH_LINKS_SELLERS ?? '10000,40000').split(',').map(Number);
const small = run(SMALL);
const large = run(LARGE);
const ratio = large.seconds / small.seconds;
const ok = small.seconds < TARGET_S && small.vat === PLANTED && small.picture === PLANTED && small.stock === 0;
const linear = ratio < 4 * 1.5;
printTable('Seller links (recompute)', ['measure', 'value', ''], [
  [`10,000 sellers, ${small.images.toLocaleString('en')} images < ${TARGET_S} s`, `${small.seconds.toFixed(2)} s`, pass(ok)],
  [`40,000 sellers, ${large.images.toLocaleString('en')} images`, `${large.seconds.toFixed(2)} s`, ''],
  ['40k / 10k time (linear: about 4)', ratio.toFixed(2), pass(linear)],
  ['planted VAT pairs found strong', `${small.vat} / ${PLANTED}`, ''],
  ['planted mirrored pictures found weak', `${small.picture} / ${PLANTED}`, ''],
  ['stock-phrase pairs linked (want 0)', String(small.stock), ''],
  ['links, operators (10k)', `${small.links}, ${small.operators}`, ''],
]);
writeResult('links', { small, large, ratio, targetSeconds: TARGET_S, pass: ok && linear });
if (!ok || !linear) process.exitCode = 1;
