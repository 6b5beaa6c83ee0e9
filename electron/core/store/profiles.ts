import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, jsonText, parseOptionalRow } from './rows.js';

/**
 * Seller profiles (#20): the profile page a listing's capture names, and
 * whether the workspace holds a capture of it yet.
 */

const named = z.object({ url: jsonText(z.string()), sellerId: col.textOrNull, pageKind: col.textOrNull });

/** The seller page address a capture's extraction read (its sellerUrl field), with the seller it is filed under. */
export async function profileNamedBy(db: Db, captureId: string): Promise<{ url: string; sellerId: string | null; pageKind: string | null } | undefined> {
  const row = await db.get(
    `SELECT f.value AS url, c.seller_id AS sellerId, x.page_kind AS pageKind
       FROM captures c JOIN capture_fields f ON f.capture_id = c.id AND f.field = 'sellerUrl'
       LEFT JOIN capture_extraction x ON x.capture_id = c.id
      WHERE c.id = ?`,
    [captureId],
  );
  return parseOptionalRow(named, row, 'the seller page a capture names');
}

const captured = z.object({ id: col.text, startedAt: col.text });

/**
 * The latest capture of a seller's profile: a capture of that address, or a
 * seller page filed under that seller. Only captures that showed a page count.
 */
export async function latestProfileCapture(db: Db, url: string, sellerId: string | null): Promise<{ id: string; startedAt: string } | undefined> {
  const row = await db.get(
    `SELECT c.id, c.started_at AS startedAt FROM captures c LEFT JOIN capture_extraction x ON x.capture_id = c.id
      WHERE c.outcome IN ('complete', 'partial', 'imported')
        AND (c.requested_url = ? OR c.final_url = ? OR (c.seller_id = ? AND x.page_kind = 'storefront'))
      ORDER BY c.started_at DESC, c.id DESC LIMIT 1`,
    [url, url, sellerId],
  );
  return parseOptionalRow(captured, row, 'profile captures');
}
