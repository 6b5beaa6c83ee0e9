import { watch } from '../store/index.js';
import { newId } from '../util/ids.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';

export const WATCH_TARGETS = ['listing', 'seller', 'case'] as const;
export type WatchTargetKind = (typeof WATCH_TARGETS)[number];

export interface WatchRule {
  id: string;
  targetKind: WatchTargetKind;
  targetId: string;
  /** MARKETPLACE:ID for a listing or seller, the name for a case */
  targetLabel: string;
  intervalSeconds: number;
  active: boolean;
  createdAt: string;
  lastRunAt: string | null;
  nextDueAt: string;
}

export async function listWatches(db: Db): Promise<WatchRule[]> {
  return watch.rules(db);
}

export async function watchById(db: Db, id: string): Promise<WatchRule | undefined> {
  return watch.ruleById(db, id);
}

export async function watchOf(db: Db, kind: WatchTargetKind, targetId: string): Promise<WatchRule | undefined> {
  return watch.ruleOf(db, kind, targetId);
}

/**
 * Watches a listing, a seller or a case: due at once, then every interval.
 * Watching what is already watched sets its interval and makes it active.
 */
export async function addWatch(db: Db, w: { kind: WatchTargetKind; targetId: string; intervalSeconds: number }): Promise<WatchRule> {
  const id = await db.transaction(async (tx) => {
    const found = await watch.ruleStateOf(tx, w.kind, w.targetId);
    if (found) {
      if (found.intervalSeconds !== w.intervalSeconds || !found.active) {
        await watch.resumeRuleEvery(tx, found.id, w.intervalSeconds);
        await appendCustody(tx, { action: 'watch.changed', subject: found.id, details: { intervalSeconds: w.intervalSeconds, active: true } });
      }
      return found.id;
    }
    const ruleId = newId();
    const now = utcNow();
    await watch.insertRule(tx, { id: ruleId, kind: w.kind, targetId: w.targetId, intervalSeconds: w.intervalSeconds, now });
    await appendCustody(tx, { action: 'watch.added', subject: ruleId, details: { target: { kind: w.kind, id: w.targetId }, intervalSeconds: w.intervalSeconds } });
    return ruleId;
  });
  return (await watchById(db, id))!;
}

/** Pauses or resumes a rule; a resumed rule is due at once if its time passed while paused. */
export async function setWatchActive(db: Db, id: string, active: boolean): Promise<WatchRule | undefined> {
  await db.transaction(async (tx) => {
    if (await watch.setRuleActive(tx, id, active)) await appendCustody(tx, { action: 'watch.changed', subject: id, details: { active } });
  });
  return watchById(db, id);
}
