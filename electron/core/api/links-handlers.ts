import { operatorOf } from '../links/operator.js';
import { profileOffer } from '../links/profile-offer.js';
import { computeWorkspaceLinks, decideLink } from '../links/store.js';
import { captureThumbnail } from '../links/thumbnail.js';
import type { Workspace } from '../workspace/workspace.js';
import { ApiFailure, type Handlers } from './failure.js';

type LinkOps = 'links.forSeller' | 'links.decide' | 'links.operator' | 'links.list' | 'links.image' | 'links.profileOffer';

/** Seller accounts that may be one operator (#20): the links of one seller, the investigator's decision on one, an operator's accounts over time, every link, and the pictures they share. */
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
    'links.operator': async (i) => {
      const r = await operatorOf(ws.db, ws.store, i.ref);
      if (!r.ok) throw new ApiFailure('not-found', r.error);
      return r.value;
    },
    'links.list': async () => {
      const r = await computeWorkspaceLinks(ws.db, ws.store);
      if (!r.ok) throw new ApiFailure('not-found', r.error);
      return r.value;
    },
    'links.image': async (i) => {
      const thumb = await captureThumbnail(ws, i.captureId, i.url);
      return thumb ? { ...thumb, captureId: i.captureId, url: i.url } : null;
    },
    'links.profileOffer': async (i) => profileOffer(ws.db, i.captureId),
  };
}
