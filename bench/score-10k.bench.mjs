// Scoring search results: 10,000 results against a brand catalogue of 100
// products and 500 official images (each result's thumbnail hash compared
// with every image, mirrored included), replica words in six languages,
// prices, sellers. Target: under 10 s. Pure computation: the thumbnails'
// hashes are given, as a monitor run has them once fetched.
import { scoreItem } from '../dist/electron/core/fakes/score.js';
import { DEFAULT_WEIGHTS } from '../dist/electron/core/fakes/terms.js';
import { pass, printTable, writeResult } from './lib/report.mjs';

const RESULTS = Number(process.env.BENCH_RESULTS ?? 10_000);
const IMAGES = 500;
const TARGET_S = 10;
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const hex = () => Array.from({ length: 16 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
const products = Array.from({ length: 100 }, (_, i) => ({ reference: `NK-${i}`, name: `Nordkap Product ${i}`, keywords: ['nordkap', `p${i}`], prices: [{ market: 'amazon.de', price: '49.90', currency: 'EUR' }] }));
const catalogue = {
  brand: 'Nordkap',
  keywords: ['nordkap'],
  products,
  images: Array.from({ length: IMAGES }, (_, i) => ({ name: `img-${i}.png`, reference: `NK-${i % 100}`, dhash: hex(), mirrored: hex() })),
  authorised: new Set(['amazon.de:a1nordkapofficial']),
};
const items = Array.from({ length: RESULTS }, (_, i) => ({
  marketplace: 'amazon.de',
  title: `Nordkap p${i % 100} flask ${i % 7 ? 'stainless steel 500 ml' : 'replica 1:1 mirror quality'}`,
  price: String(5 + (i % 60)),
  currency: 'EUR',
  sellerKey: `S${i % 300}`,
  sellerName: null,
  imageHash: i % 10 === 0 ? catalogue.images[i % IMAGES].dhash : hex(),
  seller: { removedBefore: i % 50 === 0 ? 1 : 0 },
}));

const t0 = performance.now();
let suspicious = 0;
for (const item of items) if (scoreItem(item, catalogue, DEFAULT_WEIGHTS).score >= 50) suspicious++;
const seconds = (performance.now() - t0) / 1000;
const ok = seconds < TARGET_S;
printTable('Suspicion score', ['measure', 'value', ''], [[`${RESULTS.toLocaleString('en')} results × ${IMAGES} images < ${TARGET_S} s`, `${seconds.toFixed(2)} s`, pass(ok)], ['scored 50 or more', String(suspicious), '']]);
writeResult('score-10k', { results: RESULTS, images: IMAGES, seconds, suspicious, targetSeconds: TARGET_S, pass: ok });
