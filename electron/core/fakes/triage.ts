import { ensureListing, ensureSeller } from '../catalogue/ensure.js';
import { triage } from '../store/index.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { addWatch } from '../watch/rules.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { learnWeights, type LabelledExample } from './learn.js';
import { searchResultById, searchResults, type StoredResult } from './monitors.js';
import { scoreOf } from './score.js';
import { SIGNALS, TRIAGE_DECISIONS, type Signal, type TriageDecision, type Weights } from './terms.js';
import { setWeights, weightsInForce, type WeightsInForce } from './weights.js';

/** Triage: the queue, the decisions (kept as made, each in custody) and what they teach the score. */

export interface QueueItem extends StoredResult {
  /** the score with the weights in force now (the stored one was computed with those of its run) */
  scoreNow: number;
  decision: TriageDecision | null;
}

/** Search results by score, highest first; decided ones only when asked for. */
export async function triageQueue(db: Db, options: { includeDecided?: boolean } = {}): Promise<QueueItem[]> {
  const { weights } = await weightsInForce(db);
  const decisions = new Map(
    (await triage.decisionsInOrder(db)).map((d) => [d.resultId, d.decision]),
  );
  return (await searchResults(db))
    .map((r) => ({ ...r, scoreNow: scoreOf(r.features, weights), decision: decisions.get(r.id) ?? null }))
    .filter((r) => options.includeDecided || r.decision === null || r.decision === 'test-buy')
    .sort((a, b) => b.scoreNow - a.scoreNow || a.id.localeCompare(b.id));
}

export interface Decided {
  resultId: string;
  decision: TriageDecision;
  /** for a counterfeit: the listing and seller it was filed under, and the watch rules that will capture them */
  filed: { listingId: string; sellerId: string | null; watches: string[] } | null;
}

const WEEKLY = 7 * 86_400;

/**
 * Records a decision on a search result. "counterfeit" files the listing
 * (under its seller when the result page showed one) and puts the listing
 * and the seller on watch: both are due at once, so the next
 * `exhibit recapture --due` captures them in full.
 */
export async function decide(db: Db, resultId: string, decision: string, note = ''): Promise<Result<Decided, string>> {
  if (!(TRIAGE_DECISIONS as readonly string[]).includes(decision)) return err(`decision "${decision}": expected ${TRIAGE_DECISIONS.join(', ')}`);
  const d = decision as TriageDecision;
  const result = await searchResultById(db, resultId);
  if (!result) return err(`no search result ${resultId} (exhibit triage lists them)`);
  const filed = await db.transaction(async (tx) => {
    await triage.insertDecision(tx, { resultId, decision: d, score: result.score, features: JSON.stringify(result.features), note, at: utcNow() });
    let filing: { listingId: string; sellerId: string | null } | null = null;
    if (d === 'counterfeit') {
      const seenAt = result.lastSeen;
      const sellerId = result.sellerKey
        ? await ensureSeller(tx, { marketplace: result.marketplace, sellerKey: result.sellerKey, displayName: result.sellerName ?? undefined, seenAt })
        : null;
      const listingId = await ensureListing(tx, { marketplace: result.marketplace, listingKey: result.listingKey, url: result.url, sellerId });
      if (sellerId) await triage.fileListingUnderSeller(tx, listingId, sellerId);
      filing = { listingId, sellerId };
    }
    await appendCustody(tx, {
      action: 'triage.decided',
      subject: resultId,
      details: { listing: `${result.marketplace}:${result.listingKey}`, url: result.url, decision: d, score: result.score, reasons: result.reasons as never, note, filed: filing, features: result.features },
    });
    return filing;
  });
  if (!filed) return ok({ resultId, decision: d, filed: null });
  const watches = [(await addWatch(db, { kind: 'listing', targetId: filed.listingId, intervalSeconds: WEEKLY })).id];
  if (filed.sellerId) watches.push((await addWatch(db, { kind: 'seller', targetId: filed.sellerId, intervalSeconds: WEEKLY })).id);
  return ok({ resultId, decision: d, filed: { ...filed, watches } });
}

/** The latest decision on each result, with the signals the result showed when it was decided. */
export async function decisionExamples(db: Db): Promise<LabelledExample[]> {
  const rows = await triage.latestDecisions(db);
  return rows.map((r) => {
    const parsed = r.features;
    const features = Object.fromEntries(SIGNALS.map((s) => [s, typeof parsed[s] === 'number' ? parsed[s] : 0])) as Record<Signal, number>;
    return { decision: r.decision, features };
  });
}

export interface Learning {
  before: WeightsInForce;
  after: Weights;
  decisions: number;
  counterfeit: number;
  genuine: number;
  testBuys: number;
  saved: boolean;
}

/**
 * Fits the weights to the decisions so far, starting from (and pulled
 * towards) the weights last edited by hand, or the defaults. Saved only
 * when asked: the investigator sees old beside new first.
 */
export async function learnFromDecisions(db: Db, save: boolean): Promise<Result<Learning, string>> {
  const examples = await decisionExamples(db);
  const before = await weightsInForce(db);
  const prior = (await weightsInForce(db, 'edited')).weights;
  const learnt = learnWeights(examples, prior);
  if (learnt.counterfeit === 0 || learnt.genuine === 0) {
    return err(`${learnt.counterfeit} counterfeit and ${learnt.genuine} genuine decisions: the weights are learnt from at least one of each`);
  }
  if (save) await setWeights(db, learnt.weights, 'learned', learnt.used);
  return ok({ before, after: learnt.weights, decisions: learnt.used, counterfeit: learnt.counterfeit, genuine: learnt.genuine, testBuys: learnt.skipped, saved: save });
}
