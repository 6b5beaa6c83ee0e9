import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { sha256Hex } from '../util/hash.js';
import { err, ok, type Result } from '../util/result.js';
import type { Workspace } from '../workspace/workspace.js';
import { importProducts, type ProductInput } from './brands.js';
import { parseCatalogueCsv } from './catalogue-csv.js';
import { perceptualHash } from './perceptual-hash.js';

const MAX_CSV = 20 << 20;
const MAX_IMAGE = 30 << 20;
const FETCH_TIMEOUT_MS = 30_000;

export interface ImportSummary {
  products: number;
  images: number;
}

/**
 * Imports a catalogue CSV into a brand: every row checked and every image
 * read and hashed first, then all of it in one transaction; anything wrong
 * is refused with where it is (line and column), and nothing is imported.
 */
export async function importCatalogue(ws: Workspace, brandId: string, csvPath: string): Promise<Result<ImportSummary, string>> {
  const stat = await fs.stat(csvPath).catch(() => undefined);
  if (!stat?.isFile()) return err(`${csvPath}: no such file`);
  if (stat.size > MAX_CSV) return err(`${csvPath}: ${stat.size} bytes, over the ${MAX_CSV >> 20} MiB a catalogue may be`);
  const bytes = await fs.readFile(csvPath);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) return err(`${csvPath}: not UTF-8 text (save the CSV as UTF-8)`);
  const parsed = parseCatalogueCsv(text);
  if (!parsed.ok) return err(`${csvPath}, line ${parsed.error.line}, column ${parsed.error.column}: ${parsed.error.message}. Nothing was imported.`);

  const products: ProductInput[] = [];
  const images: Uint8Array[] = [];
  for (const p of parsed.value) {
    const product: ProductInput = { name: p.name, reference: p.reference, keywords: p.keywords, prices: p.prices, images: [] };
    for (const img of p.images) {
      const where = `${csvPath}, line ${img.line}, column ${img.column}`;
      const read = await readImage(img.ref, dirname(csvPath));
      if (!read.ok) return err(`${where}: image ${img.ref}: ${read.error}. Nothing was imported.`);
      const hash = await perceptualHash(read.value);
      if (!hash.ok) return err(`${where}: image ${img.ref}: ${hash.error}. Nothing was imported.`);
      images.push(read.value);
      product.images.push({ source: img.ref, sha256: sha256Hex(read.value), width: hash.value.width, height: hash.value.height, dhash: hash.value.dhash, mirrored: hash.value.mirrored });
    }
    products.push(product);
  }
  // The official images are kept in the workspace's store, by their hash, so a score can always be shown against them.
  for (const img of images) await ws.store.put(img);
  return ok(await importProducts(ws.db, brandId, products, { name: basename(csvPath), sha256: sha256Hex(bytes) }));
}

async function readImage(ref: string, base: string): Promise<Result<Uint8Array, string>> {
  if (/^https?:\/\//i.test(ref)) {
    try {
      const res = await fetch(ref, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
      if (!res.ok) return err(`the server answered ${res.status}`);
      const body = new Uint8Array(await res.arrayBuffer());
      if (body.length > MAX_IMAGE) return err(`${body.length} bytes, over ${MAX_IMAGE >> 20} MiB`);
      return ok(body);
    } catch (e) {
      return err(`could not be fetched (${(e as Error).message})`);
    }
  }
  const path = isAbsolute(ref) ? ref : resolve(base, ref);
  const stat = await fs.stat(path).catch(() => undefined);
  if (!stat?.isFile()) return err(`no such file (${path})`);
  if (stat.size > MAX_IMAGE) return err(`${stat.size} bytes, over ${MAX_IMAGE >> 20} MiB`);
  return ok(new Uint8Array(await fs.readFile(path)));
}
