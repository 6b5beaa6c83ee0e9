import { z } from 'zod';
import type { Db } from '../db.js';
import type { CatalogueEvent } from './custody-chain.js';
import type { Problem } from './report.js';
import { integrity } from '../../store/index.js';

/*
 * The investigator's decisions on links between seller accounts (#20): each
 * row of seller_link_decisions is recorded with one custody entry naming it.
 * A row inserted, edited or deleted with the sqlite3 tool no longer matches
 * an entry, and the other way round.
 */

const decided = z.object({ decisionSeq: z.number(), a: z.string(), b: z.string(), decision: z.enum(['confirmed', 'rejected']), reason: z.string(), at: z.string() });
const ACTION = { confirmed: 'seller.link-confirmed', rejected: 'seller.link-rejected' } as const;

export async function compareLinkDecisions(db: Db, events: readonly CatalogueEvent[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const logged = new Map<number, { entry: number; d: z.infer<typeof decided>; action: string }>();
  for (const e of events) {
    if (e.action !== ACTION.confirmed && e.action !== ACTION.rejected) continue;
    const d = decided.safeParse(e.details);
    if (!d.success) {
      problems.push({ area: 'catalogue', where: `custody entry #${e.seq}`, message: `a link decision whose details cannot be read (${e.action})` });
      continue;
    }
    logged.set(d.data.decisionSeq, { entry: e.seq, d: d.data, action: e.action });
  }
  const rows = await integrity.linkDecisions(db);
  const seen = new Set<number>();
  for (const r of rows) {
    seen.add(r.seq);
    const where = `link decision ${r.seq} (${r.seller_a} / ${r.seller_b})`;
    const l = logged.get(r.seq);
    if (!l) {
      problems.push({ area: 'catalogue', where, message: `a link ${r.decision === 'confirmed' ? 'confirmation' : 'rejection'} with no custody entry: added without a record` });
      continue;
    }
    const differs: string[] = [];
    if (l.d.a !== r.seller_a || l.d.b !== r.seller_b) differs.push(`the sellers (logged ${l.d.a} / ${l.d.b})`);
    if (l.d.decision !== r.decision || ACTION[r.decision] !== l.action) differs.push(`the decision (logged ${l.d.decision}, now ${r.decision})`);
    if (l.d.reason !== r.reason) differs.push(`the reason (logged ${JSON.stringify(l.d.reason)})`);
    if (l.d.at !== r.decided_at) differs.push(`the time (logged ${l.d.at})`);
    if (differs.length > 0) problems.push({ area: 'catalogue', where, message: `differs from custody entry #${l.entry}: ${differs.join('; ')}` });
  }
  for (const [seq, l] of logged) {
    if (!seen.has(seq)) problems.push({ area: 'catalogue', where: `link decision ${seq} (${l.d.a} / ${l.d.b})`, message: `custody entry #${l.entry} records this ${l.d.decision} decision, but it is gone from the database` });
  }
  return problems;
}
