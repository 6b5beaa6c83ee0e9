import type { WatchTargetKind } from '../core/watch/rules.js';
import { resolveTarget, TARGET_HINT, type WatchTarget } from '../core/watch/targets.js';
import type { Db } from '../core/workspace/db.js';
import { stringValues } from './args.js';
import { UsageError } from './command.js';

/** The targets named by --listing, --seller and --case (each may repeat); a name that matches nothing is an error. */
export async function targetsFromFlags(db: Db, values: Record<string, unknown>): Promise<WatchTarget[]> {
  const out: WatchTarget[] = [];
  for (const kind of ['listing', 'seller', 'case'] as const satisfies readonly WatchTargetKind[]) {
    for (const ref of stringValues(values[kind])) {
      const t = await resolveTarget(db, kind, ref);
      if (!t) throw new UsageError(`No ${kind} ${ref} in this workspace (${TARGET_HINT[kind]}).`);
      out.push(t);
    }
  }
  return out;
}

export const TARGET_OPTIONS = {
  listing: { type: 'string', multiple: true },
  seller: { type: 'string', multiple: true },
  case: { type: 'string', multiple: true },
} as const;
