import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseRows } from './rows.js';

/*
 * Reads that only the UI's views need, beside the domain's own queries: what a
 * list shows small for a capture, the names a row shows instead of an id.
 */

/** Where a capture's thumbnail comes from: its viewport screenshot, else the first strip of its full-page one (shown as a tile). */
export interface CaptureThumbnail {
  kind: 'viewport' | 'full';
  /** the artifact's name */
  name: string;
}

/** SQLite's bound-parameter limit is far above this; a seller's page may hold thousands of captures. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const SHOT = z.object({ captureId: col.text, name: col.text, kind: z.enum(['screenshot-viewport', 'screenshot-full']) });

/**
 * Each capture's thumbnail, asked for only where the capture has it (a
 * failed load, an import or a blocked page may have no viewport screenshot):
 * the viewport screenshot, else the first full-page strip. Captures with
 * neither are absent from the map.
 */
export async function thumbnailsOf(db: Db, captureIds: readonly string[]): Promise<Map<string, CaptureThumbnail>> {
  const out = new Map<string, CaptureThumbnail>();
  for (const ids of chunks([...new Set(captureIds)])) {
    const rows = parseRows(
      SHOT,
      await db.all(
        `SELECT capture_id AS captureId, name, kind FROM artifacts
         WHERE capture_id IN (${ids.map(() => '?').join(', ')}) AND kind IN ('screenshot-viewport', 'screenshot-full')
         ORDER BY capture_id, kind DESC, name`,
        ids,
      ),
      'artifacts (thumbnails)',
    );
    // Viewport first (kind DESC), then the strips in order: the first row of a capture is its thumbnail.
    for (const r of rows) if (!out.has(r.captureId)) out.set(r.captureId, { kind: r.kind === 'screenshot-viewport' ? 'viewport' : 'full', name: r.name });
  }
  return out;
}

const NAME = z.object({ id: col.text, name: col.text });

/** The name a row shows for each seller: its display name, else MARKETPLACE:ID. Unknown ids are absent. */
export async function sellerNames(db: Db, sellerIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const ids of chunks([...new Set(sellerIds)])) {
    const rows = parseRows(
      NAME,
      await db.all(
        `SELECT id, COALESCE(NULLIF(TRIM(display_name), ''), marketplace || ':' || seller_key) AS name FROM sellers WHERE id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      ),
      'sellers (names)',
    );
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

const SELLER = z.object({ id: col.text, mergedInto: col.textOrNull, marketplace: col.text, sellerKey: col.text, displayName: col.textOrNull });
export type SellerBrief = z.output<typeof SELLER>;

/** Sellers by id, with the seller each was merged into (null: not merged). Unknown ids are absent. */
export async function sellersByIds(db: Db, sellerIds: readonly string[]): Promise<Map<string, SellerBrief>> {
  const out = new Map<string, SellerBrief>();
  for (const ids of chunks([...new Set(sellerIds)])) {
    const rows = parseRows(
      SELLER,
      await db.all(`SELECT id, merged_into AS mergedInto, marketplace, seller_key AS sellerKey, display_name AS displayName FROM sellers WHERE id IN (${ids.map(() => '?').join(', ')})`, ids),
      'sellers (by id)',
    );
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}
