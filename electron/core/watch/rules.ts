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

const RULE_QUERY = `
SELECT w.id, w.target_kind AS targetKind, w.target_id AS targetId, w.interval_seconds AS intervalSeconds, w.active,
       w.created_at AS createdAt, w.last_run_at AS lastRunAt, w.next_due_at AS nextDueAt,
       CASE w.target_kind
         WHEN 'listing' THEN (SELECT marketplace || ':' || listing_key FROM listings WHERE id = w.target_id)
         WHEN 'seller' THEN (SELECT marketplace || ':' || seller_key FROM sellers WHERE id = w.target_id)
         ELSE (SELECT name FROM cases WHERE id = w.target_id) END AS targetLabel
FROM watch_rules w`;

type RuleRow = Omit<WatchRule, 'active'> & { active: number };
const toRule = (r: RuleRow): WatchRule => ({ ...r, active: r.active === 1, targetLabel: r.targetLabel ?? r.targetId });

export async function listWatches(db: Db): Promise<WatchRule[]> {
  return (await db.all<RuleRow>(`${RULE_QUERY} ORDER BY w.next_due_at`)).map(toRule);
}

export async function watchById(db: Db, id: string): Promise<WatchRule | undefined> {
  const row = await db.get<RuleRow>(`${RULE_QUERY} WHERE w.id = ?`, [id]);
  return row && toRule(row);
}

export async function watchOf(db: Db, kind: WatchTargetKind, targetId: string): Promise<WatchRule | undefined> {
  const row = await db.get<RuleRow>(`${RULE_QUERY} WHERE w.target_kind = ? AND w.target_id = ?`, [kind, targetId]);
  return row && toRule(row);
}

/**
 * Watches a listing, a seller or a case: due at once, then every interval.
 * Watching what is already watched sets its interval and makes it active.
 */
export async function addWatch(db: Db, w: { kind: WatchTargetKind; targetId: string; intervalSeconds: number }): Promise<WatchRule> {
  const id = await db.transaction(async (tx) => {
    const found = await tx.get<{ id: string; interval_seconds: number; active: number }>('SELECT id, interval_seconds, active FROM watch_rules WHERE target_kind = ? AND target_id = ?', [
      w.kind,
      w.targetId,
    ]);
    if (found) {
      if (found.interval_seconds !== w.intervalSeconds || found.active !== 1) {
        await tx.run('UPDATE watch_rules SET interval_seconds = ?, active = 1 WHERE id = ?', [w.intervalSeconds, found.id]);
        await appendCustody(tx, { action: 'watch.changed', subject: found.id, details: { intervalSeconds: w.intervalSeconds, active: true } });
      }
      return found.id;
    }
    const ruleId = newId();
    const now = utcNow();
    await tx.run('INSERT INTO watch_rules (id, target_kind, target_id, interval_seconds, active, created_at, next_due_at) VALUES (?, ?, ?, ?, 1, ?, ?)', [
      ruleId,
      w.kind,
      w.targetId,
      w.intervalSeconds,
      now,
      now,
    ]);
    await appendCustody(tx, { action: 'watch.added', subject: ruleId, details: { target: { kind: w.kind, id: w.targetId }, intervalSeconds: w.intervalSeconds } });
    return ruleId;
  });
  return (await watchById(db, id))!;
}

/** Pauses or resumes a rule; a resumed rule is due at once if its time passed while paused. */
export async function setWatchActive(db: Db, id: string, active: boolean): Promise<WatchRule | undefined> {
  await db.transaction(async (tx) => {
    const r = await tx.run('UPDATE watch_rules SET active = ? WHERE id = ? AND active = ?', [active ? 1 : 0, id, active ? 0 : 1]);
    if (r.changes > 0) await appendCustody(tx, { action: 'watch.changed', subject: id, details: { active } });
  });
  return watchById(db, id);
}
