import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, jsonText, parseOptionalRow, parseRow, parseRows } from './rows.js';

/** The brand reference catalogue: brands, their products, prices, official images and authorised sellers. */

const brandRow = z.object({ id: col.text, name: col.text });

/** A brand by id, or by name whatever its case. */
export async function brandByIdOrName(db: Db, nameOrId: string): Promise<{ id: string; name: string } | undefined> {
  return parseOptionalRow(brandRow, await db.get('SELECT id, name FROM brands WHERE id = ? OR name = ? COLLATE NOCASE', [nameOrId, nameOrId]), 'brands');
}

/** The name of a brand that exists (a missing one is a RowShapeError: callers hold its id from the catalogue). */
export async function brandName(db: Db, brandId: string): Promise<string> {
  return parseRow(z.object({ name: col.text }), await db.get('SELECT name FROM brands WHERE id = ?', [brandId]), 'brands').name;
}

export async function insertBrand(db: Db, b: { id: string; name: string; createdAt: string }): Promise<void> {
  await db.run('INSERT INTO brands (id, name, created_at) VALUES (?, ?, ?)', [b.id, b.name, b.createdAt]);
}

/** A brand's product with this reference, if any. */
export async function productByReference(db: Db, brandId: string, reference: string): Promise<string | undefined> {
  return parseOptionalRow(z.object({ id: col.text }), await db.get('SELECT id FROM brand_products WHERE brand_id = ? AND reference = ?', [brandId, reference]), 'brand_products')?.id;
}

/** A product met again: its new name and keywords, and none of its old prices and images. */
export async function replaceProduct(db: Db, id: string, p: { name: string; keywords: readonly string[] }): Promise<void> {
  await db.run('UPDATE brand_products SET name = ?, keywords = ? WHERE id = ?', [p.name, JSON.stringify(p.keywords), id]);
  await db.run('DELETE FROM brand_prices WHERE product_id = ?', [id]);
  await db.run('DELETE FROM brand_images WHERE product_id = ?', [id]);
}

export async function insertProduct(db: Db, p: { id: string; brandId: string; name: string; reference: string; keywords: readonly string[]; createdAt: string }): Promise<void> {
  await db.run('INSERT INTO brand_products (id, brand_id, name, reference, keywords, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    p.id,
    p.brandId,
    p.name,
    p.reference,
    JSON.stringify(p.keywords),
    p.createdAt,
  ]);
}

export async function insertPrice(db: Db, productId: string, p: { market: string; price: string; currency: string }): Promise<void> {
  await db.run('INSERT INTO brand_prices (product_id, market, price, currency) VALUES (?, ?, ?, ?)', [productId, p.market, p.price, p.currency]);
}

/** An official image of a product; false when the product already has it. */
export async function insertImage(
  db: Db,
  im: { id: string; productId: string; source: string; sha256: string; width: number; height: number; dhash: string; mirrored: string },
): Promise<boolean> {
  const r = await db.run('INSERT OR IGNORE INTO brand_images (id, product_id, source, sha256, width, height, dhash, dhash_mirrored) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    im.id,
    im.productId,
    im.source,
    im.sha256,
    im.width,
    im.height,
    im.dhash,
    im.mirrored,
  ]);
  return r.changes > 0;
}

/** A seller authorised for a brand; false when it already was. */
export async function insertAuthorisedSeller(db: Db, a: { brandId: string; marketplace: string; sellerKey: string; addedAt: string }): Promise<boolean> {
  const r = await db.run('INSERT OR IGNORE INTO authorised_sellers (brand_id, marketplace, seller_key, added_at) VALUES (?, ?, ?, ?)', [a.brandId, a.marketplace, a.sellerKey, a.addedAt]);
  return r.changes > 0;
}

/** Every brand by name, with how many products and images it has. */
export async function brandsWithCounts(db: Db): Promise<{ id: string; name: string; createdAt: string; products: number; images: number }[]> {
  return parseRows(
    z.object({ id: col.text, name: col.text, createdAt: col.text, products: col.int, images: col.int }),
    await db.all(
      `SELECT b.id, b.name, b.created_at AS createdAt,
            (SELECT COUNT(*) FROM brand_products p WHERE p.brand_id = b.id) AS products,
            (SELECT COUNT(*) FROM brand_images i JOIN brand_products p ON p.id = i.product_id WHERE p.brand_id = b.id) AS images
     FROM brands b ORDER BY b.name`,
    ),
    'brands',
  );
}

/** Every authorised seller, by marketplace and key. */
export async function authorisedSellers(db: Db): Promise<{ brandId: string; marketplace: string; sellerKey: string }[]> {
  return parseRows(
    z.object({ brandId: col.text, marketplace: col.text, sellerKey: col.text }),
    await db.all('SELECT brand_id AS brandId, marketplace, seller_key AS sellerKey FROM authorised_sellers ORDER BY marketplace, seller_key'),
    'authorised_sellers',
  );
}

/** A brand's products by reference, keywords parsed. */
export async function productsOfBrand(db: Db, brandId: string): Promise<{ id: string; name: string; reference: string; keywords: string[] }[]> {
  return parseRows(
    z.object({ id: col.text, name: col.text, reference: col.text, keywords: jsonText(z.array(z.string())) }),
    await db.all('SELECT id, name, reference, keywords FROM brand_products WHERE brand_id = ? ORDER BY reference', [brandId]),
    'brand_products',
  );
}

export async function pricesOfBrand(db: Db, brandId: string): Promise<{ productId: string; market: string; price: string; currency: string }[]> {
  return parseRows(
    z.object({ productId: col.text, market: col.text, price: col.text, currency: col.text }),
    await db.all('SELECT product_id AS productId, market, price, currency FROM brand_prices WHERE product_id IN (SELECT id FROM brand_products WHERE brand_id = ?)', [brandId]),
    'brand_prices',
  );
}

/** A brand's official images with their product's reference, by reference then source. */
export async function imagesOfBrand(db: Db, brandId: string): Promise<{ source: string; reference: string; dhash: string; mirrored: string }[]> {
  return parseRows(
    z.object({ source: col.text, reference: col.text, dhash: col.text, mirrored: col.text }),
    await db.all(
      'SELECT i.source, p.reference, i.dhash, i.dhash_mirrored AS mirrored FROM brand_images i JOIN brand_products p ON p.id = i.product_id WHERE p.brand_id = ? ORDER BY p.reference, i.source',
      [brandId],
    ),
    'brand_images',
  );
}

export async function authorisedSellersOfBrand(db: Db, brandId: string): Promise<{ marketplace: string; sellerKey: string }[]> {
  return parseRows(
    z.object({ m: col.text, k: col.text }).transform((a) => ({ marketplace: a.m, sellerKey: a.k })),
    await db.all('SELECT marketplace AS m, seller_key AS k FROM authorised_sellers WHERE brand_id = ?', [brandId]),
    'authorised_sellers',
  );
}
