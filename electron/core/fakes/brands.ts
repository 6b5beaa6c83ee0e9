import { z } from 'zod';
import { newId } from '../util/ids.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { catalogueDigest } from './row-digests.js';
import type { CatalogueView } from './score.js';

/** The brand reference catalogue's tables: the only module that reads or writes them. */

export interface Brand {
  id: string;
  name: string;
  createdAt: string;
  products: number;
  images: number;
  authorised: { marketplace: string; sellerKey: string }[];
}

export interface ProductInput {
  name: string;
  reference: string;
  keywords: string[];
  prices: { market: string; price: string; currency: string }[];
  images: { source: string; sha256: string; width: number; height: number; dhash: string; mirrored: string }[];
}

const BRAND_NAME = /^\S(.{0,118}\S)?$/u;
const keywordsSchema = z.array(z.string());

export async function findBrand(db: Db, nameOrId: string): Promise<{ id: string; name: string } | undefined> {
  return db.get<{ id: string; name: string }>('SELECT id, name FROM brands WHERE id = ? OR name = ? COLLATE NOCASE', [nameOrId, nameOrId]);
}

export async function addBrand(db: Db, name: string): Promise<Result<{ id: string; name: string; created: boolean }, string>> {
  const clean = name.trim();
  if (!BRAND_NAME.test(clean) || /\p{Cc}/u.test(clean)) return err(`brand name ${JSON.stringify(name)}: 1 to 120 characters, no control characters`);
  return ok(
    await db.transaction(async (tx) => {
      const found = await findBrand(tx, clean);
      if (found) return { ...found, created: false };
      const id = newId();
      await tx.run('INSERT INTO brands (id, name, created_at) VALUES (?, ?, ?)', [id, clean, utcNow()]);
      await appendCustody(tx, { action: 'brand.created', subject: id, details: { name: clean } });
      return { id, name: clean, created: true };
    }),
  );
}

/**
 * Adds or replaces products of a brand in one transaction: a product met
 * again (same reference) gets the new name, keywords, prices and images.
 */
export async function importProducts(db: Db, brandId: string, products: readonly ProductInput[], file: { name: string; sha256: string }): Promise<{ products: number; images: number }> {
  return db.transaction(async (tx) => {
    let images = 0;
    for (const p of products) {
      const found = await tx.get<{ id: string }>('SELECT id FROM brand_products WHERE brand_id = ? AND reference = ?', [brandId, p.reference]);
      const id = found?.id ?? newId();
      if (found) {
        await tx.run('UPDATE brand_products SET name = ?, keywords = ? WHERE id = ?', [p.name, JSON.stringify(p.keywords), id]);
        await tx.run('DELETE FROM brand_prices WHERE product_id = ?', [id]);
        await tx.run('DELETE FROM brand_images WHERE product_id = ?', [id]);
      } else {
        await tx.run('INSERT INTO brand_products (id, brand_id, name, reference, keywords, created_at) VALUES (?, ?, ?, ?, ?, ?)', [id, brandId, p.name, p.reference, JSON.stringify(p.keywords), utcNow()]);
      }
      for (const pr of p.prices) await tx.run('INSERT INTO brand_prices (product_id, market, price, currency) VALUES (?, ?, ?, ?)', [id, pr.market, pr.price, pr.currency]);
      for (const im of p.images) {
        const r = await tx.run('INSERT OR IGNORE INTO brand_images (id, product_id, source, sha256, width, height, dhash, dhash_mirrored) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          newId(),
          id,
          im.source,
          im.sha256,
          im.width,
          im.height,
          im.dhash,
          im.mirrored,
        ]);
        images += r.changes;
      }
    }
    const brand = (await tx.get<{ name: string }>('SELECT name FROM brands WHERE id = ?', [brandId]))!;
    await appendCustody(tx, { action: 'brand.imported', subject: brandId, details: { brand: brand.name, file: file.name, sha256: file.sha256, products: products.length, images, catalogue: await catalogueDigest(tx, brandId) } });
    return { products: products.length, images };
  });
}

export async function authoriseSeller(db: Db, brandId: string, marketplace: string, sellerKey: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const r = await tx.run('INSERT OR IGNORE INTO authorised_sellers (brand_id, marketplace, seller_key, added_at) VALUES (?, ?, ?, ?)', [brandId, marketplace, sellerKey, utcNow()]);
    if (r.changes === 0) return false;
    const brand = (await tx.get<{ name: string }>('SELECT name FROM brands WHERE id = ?', [brandId]))!;
    await appendCustody(tx, { action: 'brand.seller-authorised', subject: brandId, details: { brand: brand.name, marketplace, sellerKey } });
    return true;
  });
}

export async function listBrands(db: Db): Promise<Brand[]> {
  const rows = await db.all<{ id: string; name: string; createdAt: string; products: number; images: number }>(
    `SELECT b.id, b.name, b.created_at AS createdAt,
            (SELECT COUNT(*) FROM brand_products p WHERE p.brand_id = b.id) AS products,
            (SELECT COUNT(*) FROM brand_images i JOIN brand_products p ON p.id = i.product_id WHERE p.brand_id = b.id) AS images
     FROM brands b ORDER BY b.name`,
  );
  const sellers = await db.all<{ brandId: string; marketplace: string; sellerKey: string }>('SELECT brand_id AS brandId, marketplace, seller_key AS sellerKey FROM authorised_sellers ORDER BY marketplace, seller_key');
  return rows.map((r) => ({ ...r, authorised: sellers.filter((s) => s.brandId === r.id).map(({ marketplace, sellerKey }) => ({ marketplace, sellerKey })) }));
}

/** Everything the score needs of a brand, read once per run. */
export async function catalogueView(db: Db, brandId: string): Promise<CatalogueView> {
  const brand = (await db.get<{ name: string }>('SELECT name FROM brands WHERE id = ?', [brandId]))!;
  const products = await db.all<{ id: string; name: string; reference: string; keywords: string }>('SELECT id, name, reference, keywords FROM brand_products WHERE brand_id = ? ORDER BY reference', [brandId]);
  const prices = await db.all<{ productId: string; market: string; price: string; currency: string }>(
    'SELECT product_id AS productId, market, price, currency FROM brand_prices WHERE product_id IN (SELECT id FROM brand_products WHERE brand_id = ?)',
    [brandId],
  );
  const images = await db.all<{ source: string; reference: string; dhash: string; mirrored: string }>(
    'SELECT i.source, p.reference, i.dhash, i.dhash_mirrored AS mirrored FROM brand_images i JOIN brand_products p ON p.id = i.product_id WHERE p.brand_id = ? ORDER BY p.reference, i.source',
    [brandId],
  );
  const authorised = await db.all<{ m: string; k: string }>('SELECT marketplace AS m, seller_key AS k FROM authorised_sellers WHERE brand_id = ?', [brandId]);
  const view = products.map((p) => ({
    reference: p.reference,
    name: p.name,
    keywords: keywordsSchema.parse(JSON.parse(p.keywords)),
    prices: prices.filter((x) => x.productId === p.id).map(({ market, price, currency }) => ({ market, price, currency })),
  }));
  return {
    brand: brand.name,
    keywords: [brand.name.toLowerCase(), ...view.flatMap((p) => p.keywords)],
    products: view,
    images: images.map((i) => ({ name: i.source, reference: i.reference, dhash: i.dhash, mirrored: i.mirrored })),
    authorised: new Set(authorised.map((a) => `${a.m}:${a.k}`.toLowerCase())),
  };
}
