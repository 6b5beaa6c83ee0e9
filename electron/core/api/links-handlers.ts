import { computeWorkspaceLinks, decideLink } from '../links/store.js';
import type { Workspace } from '../workspace/workspace.js';
import { ApiFailure, type Handlers } from './failure.js';

type LinkOps = 'links.forSeller' | 'links.decide';

/** Seller accounts that may be one operator (#20): the links of one seller, and the investigator's decision on one. */
export function linksHandlers(ws: Workspace): Pick<Handlers, LinkOps> {
  return {
    'links.forSeller': async (i) => {
      const r = await computeWorkspaceLinks(ws.db, ws.store, i.ref);
      if (!r.ok) throw new ApiFailure('not-found', r.error);
      return r.value;
    },
    'links.decide': async (i) => {
      const r = await decideLink(ws.db, i.a, i.b, i.decision, i.reason ?? '');
      if (!r.ok) throw new ApiFailure('invalid-input', r.error);
      return { ...r.value, decision: i.decision };
    },
  };
}
