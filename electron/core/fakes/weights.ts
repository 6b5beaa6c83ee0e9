import { z } from 'zod';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { DEFAULT_WEIGHTS, SIGNALS, type Signal, type Weights } from './terms.js';

/** The score's weights as set over time: the only module that reads or writes score_weights. */

export interface WeightsInForce {
  weights: Weights;
  origin: 'default' | 'edited' | 'learned';
  /** how many triage decisions learnt weights came from */
  decisions: number;
  at: string | null;
}

export const weightsSchema = z.object({
  bias: z.number().finite(),
  signals: z.object(Object.fromEntries(SIGNALS.map((s) => [s, z.number().finite()])) as Record<Signal, z.ZodNumber>),
});

export async function weightsInForce(db: Db, origin?: 'edited' | 'learned'): Promise<WeightsInForce> {
  const row = origin
    ? await db.get<{ weights: string; origin: 'edited' | 'learned'; decisions: number; at: string }>('SELECT weights, origin, decisions, at FROM score_weights WHERE origin = ? ORDER BY seq DESC LIMIT 1', [origin])
    : await db.get<{ weights: string; origin: 'edited' | 'learned'; decisions: number; at: string }>('SELECT weights, origin, decisions, at FROM score_weights ORDER BY seq DESC LIMIT 1');
  if (!row) return { weights: structuredClone(DEFAULT_WEIGHTS), origin: 'default', decisions: 0, at: null };
  return { weights: weightsSchema.parse(JSON.parse(row.weights)), origin: row.origin, decisions: row.decisions, at: row.at };
}

export async function setWeights(db: Db, weights: Weights, origin: 'edited' | 'learned', decisions: number): Promise<WeightsInForce> {
  const checked = weightsSchema.parse(weights);
  const at = utcNow();
  await db.transaction(async (tx) => {
    const before = await weightsInForce(tx);
    await tx.run('INSERT INTO score_weights (weights, origin, decisions, at) VALUES (?, ?, ?, ?)', [JSON.stringify(checked), origin, decisions, at]);
    await appendCustody(tx, { action: 'score.weights-set', subject: null, details: { origin, decisions, before: before.weights as never, after: checked as never } });
  });
  return { weights: checked, origin, decisions, at };
}
