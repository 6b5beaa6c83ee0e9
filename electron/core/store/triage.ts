import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, jsonText, parseOptionalRow, parseRows } from './rows.js';

/** Triage decisions on search results (triage_decisions, append-only): kept as made, the latest one in force. */

const decision = z.enum(['counterfeit', 'genuine', 'test-buy']);

/** Every decision, in the order made (a later one on the same result comes after). */
export async function decisionsInOrder(db: Db): Promise<{ resultId: string; decision: z.output<typeof decision> }[]> {
  return parseRows(z.object({ resultId: col.text, decision }), await db.all('SELECT result_id AS resultId, decision FROM triage_decisions ORDER BY seq'), 'triage_decisions');
}

/** A decision, with the score and signals the result showed when it was made; `features` is JSON text. */
export async function insertDecision(db: Db, d: { resultId: string; decision: string; score: number; features: string; note: string; at: string }): Promise<void> {
  await db.run('INSERT INTO triage_decisions (result_id, decision, score, features, note, at) VALUES (?, ?, ?, ?, ?, ?)', [d.resultId, d.decision, d.score, d.features, d.note, d.at]);
}

/**
 * The latest decision on each result, in the order made, with the signals
 * it was made on (a signal missing or not a number reads as absent).
 */
export async function latestDecisions(db: Db): Promise<{ decision: z.output<typeof decision>; features: Record<string, unknown> }[]> {
  return parseRows(
    z.object({ decision, features: jsonText(z.record(z.string(), z.unknown())) }),
    await db.all('SELECT decision, features FROM triage_decisions d WHERE seq = (SELECT MAX(seq) FROM triage_decisions WHERE result_id = d.result_id) ORDER BY seq'),
    'triage_decisions',
  );
}

/** The latest decision on a result, if any. */
export async function latestDecisionOn(db: Db, resultId: string): Promise<string | undefined> {
  return parseOptionalRow(z.object({ decision }), await db.get('SELECT decision FROM triage_decisions WHERE result_id = ? ORDER BY seq DESC LIMIT 1', [resultId]), 'triage_decisions')?.decision;
}

/** A listing filed from a result and sold by this seller gets the seller, unless it already has one. */
export async function fileListingUnderSeller(db: Db, listingId: string, sellerId: string): Promise<void> {
  await db.run('UPDATE listings SET seller_id = ? WHERE id = ? AND seller_id IS NULL', [sellerId, listingId]);
}
