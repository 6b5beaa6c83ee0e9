import { z } from 'zod';
import { pushes } from '../../store/index.js';
import type { Db } from '../db.js';
import type { CatalogueEvent } from './custody-chain.js';
import type { Problem } from './report.js';

const pushedDetails = z.object({
  hub: z.string(),
  user: z.string(),
  captures: z.array(z.string()),
  objectsSent: z.number(),
  bytesSent: z.number(),
  custodySent: z.number(),
  receipt: z.object({ seq: z.number(), hash: z.string() }),
});

/**
 * Each push to a team hub is a row of hub_pushes and the hub.pushed entry
 * that recorded it: a row without its entry, an entry without its row, or
 * the two saying different things (another hub, user, captures or receipt)
 * is found here.
 */
export async function comparePushesWithCustody(db: Db, events: readonly CatalogueEvent[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const logged = new Map<number, z.infer<typeof pushedDetails> | null>();
  for (const e of events) {
    if (e.action !== 'hub.pushed') continue;
    const d = pushedDetails.safeParse(e.details);
    logged.set(e.seq, d.success ? d.data : null);
  }
  const rows = await pushes.allPushes(db);
  const seen = new Set<number>();
  for (const row of rows) {
    seen.add(row.custodySeq);
    const where = `push to ${row.hubUrl} (custody entry ${row.custodySeq})`;
    const d = logged.get(row.custodySeq);
    if (d === undefined) {
      problems.push({ area: 'database', where, message: 'recorded in the database, but the custody log records no push there' });
      continue;
    }
    if (d === null) {
      problems.push({ area: 'custody', where, message: 'its custody entry cannot be read as a push' });
      continue;
    }
    const differs = [
      d.hub !== row.hubUrl && 'hub',
      d.user !== row.hubUser && 'user',
      JSON.stringify(d.captures) !== JSON.stringify(row.captures) && 'captures',
      d.objectsSent !== row.objectsSent && 'objects sent',
      d.bytesSent !== row.bytesSent && 'bytes sent',
      d.custodySent !== row.custodySent && 'custody entries sent',
      (d.receipt.seq !== row.receipt.seq || d.receipt.hash !== row.receipt.hash) && "the hub's receipt",
    ].filter((x): x is string => typeof x === 'string');
    if (differs.length > 0) problems.push({ area: 'database', where, message: `${differs.join(', ')} differ from what the custody log records` });
  }
  for (const seq of logged.keys()) {
    if (!seen.has(seq)) problems.push({ area: 'database', where: `push recorded by custody entry ${seq}`, message: 'the custody log records it, but its row is gone from the database' });
  }
  return problems;
}
