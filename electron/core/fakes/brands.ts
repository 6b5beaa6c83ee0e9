import { brands } from '../store/index.js';
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

export async function findBrand(db: Db, nameOrId: string): Promise<{ id: string; name: string } | undefined> {
  return brands.brandByIdOrName(db, nameOrId);
}

export async function addBrand(db: Db, name: string): Promise<Result<{ id: string; name: string; created: boolean }, string>> {
  const clean = name.trim();
  if (!BRAND_NAME.test(clean) || /\p{Cc}/u.test(clean)) return err(`brand name ${JSON.stringify(name)}: 1 to 120 characters, no control characters`);
  return ok(
    await db.transaction(async (tx) => {
      const found = await findBrand(tx, clean);
      if (found) return { ...found, created: false };
      const id = newId();
      await brands.insertBrand(tx, { id, name: clean, createdAt: utcNow() });
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
      const found = await brands.productByReference(tx, brandId, p.reference);
      const id = found ?? newId();
      if (found) await brands.replaceProduct(tx, id, p);
      else await brands.insertProduct(tx, { id, brandId, name: p.name, reference: p.reference, keywords: p.keywords, createdAt: utcNow() });
      for (const pr of p.prices) await brands.insertPrice(tx, id, pr);
      for (const im of p.images) {
        if (await brands.insertImage(tx, { id: newId(), productId: id, source: im.source, sha256: im.sha256, width: im.width, height: im.height, dhash: im.dhash, mirrored: im.mirrored })) images++;
      }
    }
    const brand = await brands.brandName(tx, brandId);
    await appendCustody(tx, { action: 'brand.imported', subject: brandId, details: { brand, file: file.name, sha256: file.sha256, products: products.length, images, catalogue: await catalogueDigest(tx, brandId) } });
    return { products: products.length, images };
  });
}

export async function authoriseSeller(db: Db, brandId: string, marketplace: string, sellerKey: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await brands.insertAuthorisedSeller(tx, { brandId, marketplace, sellerKey, addedAt: utcNow() }))) return false;
    const brand = await brands.brandName(tx, brandId);
    await appendCustody(tx, { action: 'brand.seller-authorised', subject: brandId, details: { brand, marketplace, sellerKey } });
    return true;
  });
}

export async function listBrands(db: Db): Promise<Brand[]> {
  const rows = await brands.brandsWithCounts(db);
  const sellers = await brands.authorisedSellers(db);
  return rows.map((r) => ({ ...r, authorised: sellers.filter((s) => s.brandId === r.id).map(({ marketplace, sellerKey }) => ({ marketplace, sellerKey })) }));
}

/** Everything the score needs of a brand, read once per run. */
export async function catalogueView(db: Db, brandId: string): Promise<CatalogueView> {
  const brand = await brands.brandName(db, brandId);
  const products = await brands.productsOfBrand(db, brandId);
  const prices = await brands.pricesOfBrand(db, brandId);
  const images = await brands.imagesOfBrand(db, brandId);
  const authorised = await brands.authorisedSellersOfBrand(db, brandId);
  const view = products.map((p) => ({
    reference: p.reference,
    name: p.name,
    keywords: p.keywords,
    prices: prices.filter((x) => x.productId === p.id).map(({ market, price, currency }) => ({ market, price, currency })),
  }));
  return {
    brand,
    keywords: [brand.toLowerCase(), ...view.flatMap((p) => p.keywords)],
    products: view,
    images: images.map((i) => ({ name: i.source, reference: i.reference, dhash: i.dhash, mirrored: i.mirrored })),
    authorised: new Set(authorised.map((a) => `${a.marketplace}:${a.sellerKey}`.toLowerCase())),
  };
}
