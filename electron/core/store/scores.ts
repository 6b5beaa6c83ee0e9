import { z } from 'zod';
import { SIGNALS, type Signal } from '../fakes/terms.js';
import type { Db } from '../workspace/db.js';
import { col, jsonText, listingCols, parseOptionalRow, parseRows } from './rows.js';

/**
 * The suspicion score's data: the weights as set over time (score_weights),
 * and what a captured listing's score reads of its evidence.
 */

/** The score's weights: a bias and one finite weight per signal. */
export const weightsSchema = z.object({
  bias: z.number().finite(),
  signals: z.object(Object.fromEntries(SIGNALS.map((s) => [s, z.number().finite()])) as Record<Signal, z.ZodNumber>),
});

const weightsRow = z.object({ weights: jsonText(weightsSchema), origin: z.enum(['edited', 'learned']), decisions: col.int, at: col.text });

/** The latest weights set (of this origin when given). */
export async function latestWeights(db: Db, origin?: 'edited' | 'learned'): Promise<z.output<typeof weightsRow> | undefined> {
  const row = origin
    ? await db.get('SELECT weights, origin, decisions, at FROM score_weights WHERE origin = ? ORDER BY seq DESC LIMIT 1', [origin])
    : await db.get('SELECT weights, origin, decisions, at FROM score_weights ORDER BY seq DESC LIMIT 1');
  return parseOptionalRow(weightsRow, row, 'score_weights');
}

/** Weights set, kept beside every earlier setting. `weights` is JSON text. */
export async function insertWeights(db: Db, w: { weights: string; origin: 'edited' | 'learned'; decisions: number; at: string }): Promise<void> {
  await db.run('INSERT INTO score_weights (weights, origin, decisions, at) VALUES (?, ?, ?, ?)', [w.weights, w.origin, w.decisions, w.at]);
}

const listingToScoreRow = z.object({
  id: col.text,
  ...listingCols,
  sellerId: col.textOrNull,
  /** the listing's latest capture with one of the outcomes asked for; null when none */
  captureId: col.textOrNull,
});
export type ListingToScore = z.output<typeof listingToScoreRow>;

/**
 * The listings (all, or those named), each with its latest capture whose
 * outcome is one of `shownOutcomes` (a capture that showed the listing).
 */
export async function listingsToScore(db: Db, shownOutcomes: readonly string[], listingIds?: readonly string[]): Promise<ListingToScore[]> {
  const shown = shownOutcomes.map((o) => `'${o.replaceAll("'", "''")}'`).join(', ');
  const where = listingIds ? `WHERE l.id IN (${listingIds.map(() => '?').join(', ') || 'NULL'})` : '';
  return parseRows(
    listingToScoreRow,
    await db.all(
      `SELECT l.id, l.marketplace, l.listing_key AS listingKey, l.url, l.title, l.price, l.currency, l.seller_id AS sellerId,
       (SELECT c.id FROM captures c WHERE c.listing_id = l.id AND c.outcome IN (${shown}) ORDER BY c.started_at DESC, c.id DESC LIMIT 1) AS captureId
     FROM listings l ${where}`,
      listingIds ? [...listingIds] : [],
    ),
    'listings',
  );
}

const artifactRow = z.object({ sha256: col.text, bytes: col.int });

/** A capture's first artifact of this kind (by name): its hash and size. */
export async function firstArtifactOfKind(db: Db, captureId: string, kind: string): Promise<{ sha256: string; bytes: number } | undefined> {
  return parseOptionalRow(artifactRow, await db.get('SELECT sha256, bytes FROM artifacts WHERE capture_id = ? AND kind = ? ORDER BY name LIMIT 1', [captureId, kind]), 'artifacts');
}

/** A capture's first WARC (by name): its hash and size. */
export async function firstWarcOf(db: Db, captureId: string): Promise<{ sha256: string; bytes: number } | undefined> {
  return parseOptionalRow(artifactRow, await db.get("SELECT sha256, bytes FROM artifacts WHERE capture_id = ? AND kind = 'warc' ORDER BY name LIMIT 1", [captureId]), 'artifacts');
}

/**
 * The image addresses a capture's extraction read, as corrected (the latest
 * correction, else the value read): undefined when there is none or it is
 * not JSON (the caller then has no main image).
 */
export async function imageAddressesOf(db: Db, captureId: string): Promise<unknown> {
  const row = parseOptionalRow(
    z.object({ value: col.textOrNull }),
    await db.get(
      `SELECT COALESCE((SELECT value FROM field_corrections WHERE capture_id = ? AND field = 'images' ORDER BY seq DESC LIMIT 1),
                     (SELECT value FROM capture_fields WHERE capture_id = ? AND field = 'images')) AS value`,
      [captureId, captureId],
    ),
    'capture_fields',
  );
  if (!row?.value) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}
