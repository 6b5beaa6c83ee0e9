import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, jsonText, parseRows, resultCols } from './rows.js';

/**
 * What `exhibit verify` reads to hold finding-the-fakes' tables (migration
 * 007: brands, their catalogue and authorised sellers, monitors, their runs,
 * search results, triage decisions) against the custody log. Read-only.
 */

/** The custody entries these tables are replayed from, oldest first; details as recorded (JSON). */
export async function detectionEntries(db: Db, actions: readonly string[]): Promise<{ seq: number; action: string; subject: string | null; details: unknown }[]> {
  if (actions.length === 0) return [];
  const rows = await db.all(`SELECT seq, action, subject, details FROM custody_log WHERE action IN (${actions.map(() => '?').join(', ')}) ORDER BY seq`, actions);
  return parseRows(z.object({ seq: col.int, action: col.text, subject: col.textOrNull, details: jsonText(z.unknown()) }), rows, 'custody_log');
}

const brandRow = z.object({ id: col.text, name: col.text });
export async function brandRows(db: Db): Promise<z.output<typeof brandRow>[]> {
  return parseRows(brandRow, await db.all('SELECT id, name FROM brands ORDER BY id'), 'brands');
}

const authorisedRow = z.object({ brandId: col.text, marketplace: col.text, sellerKey: col.text });
export async function authorisedSellerRows(db: Db): Promise<z.output<typeof authorisedRow>[]> {
  return parseRows(authorisedRow, await db.all('SELECT brand_id AS brandId, marketplace, seller_key AS sellerKey FROM authorised_sellers'), 'authorised_sellers');
}

const catalogueRow = z.object({
  productId: col.text,
  name: col.text,
  reference: col.text,
  keywords: col.text,
  prices: jsonText(z.array(z.object({ market: z.string(), price: z.string(), currency: z.string() }))),
  images: jsonText(z.array(z.object({ source: z.string(), sha256: z.string(), width: z.number(), height: z.number(), dhash: z.string(), mirrored: z.string() }))),
});
export type CatalogueProductRow = z.output<typeof catalogueRow>;

/** One brand's products, each with its prices and images, in a fixed order (the digest a brand.imported entry records is made of it). */
export async function catalogueOfBrand(db: Db, brandId: string): Promise<CatalogueProductRow[]> {
  const rows = await db.all(
    `SELECT p.id AS productId, p.name, p.reference, p.keywords,
            (SELECT json_group_array(json_object('market', x.market, 'price', x.price, 'currency', x.currency))
               FROM (SELECT * FROM brand_prices WHERE product_id = p.id ORDER BY market) x) AS prices,
            (SELECT json_group_array(json_object('source', i.source, 'sha256', i.sha256, 'width', i.width, 'height', i.height, 'dhash', i.dhash, 'mirrored', i.dhash_mirrored))
               FROM (SELECT * FROM brand_images WHERE product_id = p.id ORDER BY sha256) i) AS images
       FROM brand_products p WHERE p.brand_id = ? ORDER BY p.reference`,
    [brandId],
  );
  return parseRows(catalogueRow, rows, 'brand_products');
}

/** Brands that have at least one product, image or price row. */
export async function brandsWithProducts(db: Db): Promise<string[]> {
  const rows = await db.all('SELECT DISTINCT brand_id AS brandId FROM brand_products ORDER BY brand_id');
  return parseRows(z.object({ brandId: col.text }), rows, 'brand_products').map((r) => r.brandId);
}

const monitorRow = z.object({ id: col.text, url: col.text, brand: col.textOrNull, intervalSeconds: col.int, pages: col.int, captureAbove: col.intOrNull, active: col.flag });
export async function monitorRows(db: Db): Promise<z.output<typeof monitorRow>[]> {
  const rows = await db.all(
    'SELECT m.id, m.url, b.name AS brand, m.interval_seconds AS intervalSeconds, m.pages, m.capture_above AS captureAbove, m.active FROM monitors m LEFT JOIN brands b ON b.id = m.brand_id',
  );
  return parseRows(monitorRow, rows, 'monitors');
}

const runRow = z.object({
  id: col.text,
  monitorId: col.text,
  results: col.int,
  newCount: col.int,
  goneCount: col.int,
  generic: col.flag,
  complete: col.flag,
  captures: jsonText(z.array(z.string().nullable())),
});
export async function monitorRunRows(db: Db): Promise<z.output<typeof runRow>[]> {
  const rows = await db.all(
    `SELECT r.id, r.monitor_id AS monitorId, r.results, r.new_count AS newCount, r.gone_count AS goneCount, r.generic, r.complete,
            (SELECT json_group_array(x.capture_id) FROM (SELECT capture_id FROM monitor_run_pages WHERE run_id = r.id ORDER BY page) x) AS captures
       FROM monitor_runs r`,
  );
  return parseRows(runRow, rows, 'monitor_runs');
}

const resultRow = z.object({
  id: col.text,
  monitorId: col.text,
  ...resultCols,
  features: col.text,
  reasons: col.text,
  firstRunId: col.text,
  lastRunId: col.text,
  state: z.enum(['new', 'present', 'gone']),
});
export type SearchResultRow = z.output<typeof resultRow>;
export async function searchResultRows(db: Db): Promise<SearchResultRow[]> {
  const rows = await db.all(
    `SELECT id, monitor_id AS monitorId, marketplace, listing_key AS listingKey, url, title, price, currency, seller_name AS sellerName, seller_key AS sellerKey, thumbnail,
            score, features, reasons, first_run_id AS firstRunId, last_run_id AS lastRunId, state FROM search_results`,
  );
  return parseRows(resultRow, rows, 'search_results');
}

/** The results of a monitor a complete run is about to mark gone: shown before, not in this run. */
export async function resultsToMarkGone(db: Db, monitorId: string, runId: string): Promise<string[]> {
  const rows = await db.all("SELECT id FROM search_results WHERE monitor_id = ? AND last_run_id != ? AND state != 'gone' ORDER BY id", [monitorId, runId]);
  return parseRows(z.object({ id: col.text }), rows, 'search_results').map((r) => r.id);
}

/** The stored columns of one result, as a run wrote them (the digest its monitor.ran entry records is made of them). */
export async function resultRowById(db: Db, id: string): Promise<SearchResultRow | undefined> {
  const rows = await db.all(
    `SELECT id, monitor_id AS monitorId, marketplace, listing_key AS listingKey, url, title, price, currency, seller_name AS sellerName, seller_key AS sellerKey, thumbnail,
            score, features, reasons, first_run_id AS firstRunId, last_run_id AS lastRunId, state FROM search_results WHERE id = ?`,
    [id],
  );
  return parseRows(resultRow, rows, 'search_results')[0];
}

const decisionRow = z.object({ seq: col.int, resultId: col.text, decision: col.text, score: col.int, features: col.text, note: col.text });
export async function triageDecisionRows(db: Db): Promise<z.output<typeof decisionRow>[]> {
  return parseRows(decisionRow, await db.all('SELECT seq, result_id AS resultId, decision, score, features, note FROM triage_decisions ORDER BY seq'), 'triage_decisions');
}
