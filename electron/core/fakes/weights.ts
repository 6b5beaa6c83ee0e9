import { scores } from '../store/index.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { DEFAULT_WEIGHTS, type Weights } from './terms.js';

/** The score's weights as set over time: the only module that reads or writes score_weights. */

export interface WeightsInForce {
  weights: Weights;
  origin: 'default' | 'edited' | 'learned';
  /** how many triage decisions learnt weights came from */
  decisions: number;
  at: string | null;
}

export const weightsSchema = scores.weightsSchema;

export async function weightsInForce(db: Db, origin?: 'edited' | 'learned'): Promise<WeightsInForce> {
  const row = await scores.latestWeights(db, origin);
  if (!row) return { weights: structuredClone(DEFAULT_WEIGHTS), origin: 'default', decisions: 0, at: null };
  return { weights: row.weights, origin: row.origin, decisions: row.decisions, at: row.at };
}

export async function setWeights(db: Db, weights: Weights, origin: 'edited' | 'learned', decisions: number): Promise<WeightsInForce> {
  const checked = weightsSchema.parse(weights);
  const at = utcNow();
  await db.transaction(async (tx) => {
    const before = await weightsInForce(tx);
    await scores.insertWeights(tx, { weights: JSON.stringify(checked), origin, decisions, at });
    await appendCustody(tx, { action: 'score.weights-set', subject: null, details: { origin, decisions, before: before.weights as never, after: checked as never } });
  });
  return { weights: checked, origin, decisions, at };
}
