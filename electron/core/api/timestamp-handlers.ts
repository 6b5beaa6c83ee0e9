import { BackgroundStamper } from '../timestamp/background-stamper.js';
import { addAuthority, describeAuthorityError, listAuthorities, parseRootPem, removeAuthority } from '../workspace/timestamps.js';
import type { Workspace } from '../workspace/workspace.js';
import type { AuthorityView } from './contract.js';
import { ApiFailure, type Handlers } from './failure.js';

type TimestampOps = 'tsa.list' | 'tsa.add' | 'tsa.remove' | 'stamp.run';

/** How long "Stamp now" waits for the authorities before answering with what is still pending. */
const STAMP_NOW_MS = 60_000;

/** Trusted time: which authorities are asked, and stamping what waits. */
export function timestampHandlers(ws: Workspace, stamper: BackgroundStamper | undefined): Pick<Handlers, TimestampOps> {
  const views = async (): Promise<AuthorityView[]> =>
    (await listAuthorities(ws.db)).map((a) => {
      const roots = a.roots ? parseRootPem(a.roots) : null;
      return { url: a.url, name: a.name, minIntervalMs: a.minIntervalMs, addedAt: a.addedAt, roots: roots?.ok ? roots.value.map((r) => ({ subject: r.subject, sha256: r.sha256 })) : [] };
    });
  return {
    'tsa.list': views,
    'tsa.add': async (i) => {
      const r = await addAuthority(ws.db, { url: i.url, ...(i.name ? { name: i.name } : {}), ...(i.rootPem ? { rootPem: i.rootPem } : {}) });
      if (!r.ok) throw new ApiFailure('invalid-input', `${describeAuthorityError(r.error)} Nothing was changed.`);
      return views();
    },
    'tsa.remove': async (i) => {
      const r = await removeAuthority(ws.db, i.url);
      if (!r.ok) throw new ApiFailure('not-found', describeAuthorityError(r.error));
      return views();
    },
    'stamp.run': async () => {
      const own = stamper ?? new BackgroundStamper(ws);
      try {
        const settled = await own.settle(STAMP_NOW_MS);
        return { stamped: settled.last?.stamped ?? 0, pending: settled.pending, failures: settled.last?.failures ?? [] };
      } finally {
        if (!stamper) await own.close();
      }
    },
  };
}
