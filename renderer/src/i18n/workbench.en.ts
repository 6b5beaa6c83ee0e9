/** The words of the dashboard and its lists in English; workbench.fr.ts gives the same keys in French. */

import type { AttentionKind } from '../state/dashboard.js';

export const workbenchEn = {
  dashboard: {
    title: 'What needs attention',
    sinceVisit: (at: string) => `Since your last visit, ${at}`,
    sinceBeginning: 'Since the workspace was made (no visit marked seen yet)',
    markSeen: 'Mark all seen',
    marking: 'Marking…',
    refresh: 'Refresh',
    asOf: (at: string) => `Counted at ${at}`,
    listings: 'Listings',
    work: 'Work to do',
    stampsPending: 'Time-stamps pending',
    stampsHint: 'captures waiting for a time-stamping authority; they are stamped when online',
    kinds: {
      changed: 'Changed',
      removed: 'Removed',
      reappeared: 'Reappeared',
      blocked: 'Blocked',
      'takedowns-overdue': 'Takedowns overdue',
      unfiled: 'Captures not filed',
    } satisfies Record<AttentionKind, string>,
    hints: {
      changed: 'a re-capture found the price, title or availability changed',
      removed: 'a re-capture found the listing gone (a re-check finding it still gone is not counted again)',
      reappeared: 'back up after it was seen removed',
      blocked: 'a captcha or robot check stood in the way',
      'takedowns-overdue': 'reported 7 days ago or more, not yet seen removed',
      unfiled: 'captures under no seller, whenever taken',
    } satisfies Record<AttentionKind, string>,
    workspace: 'Workspace',
  },
  attention: {
    back: 'Dashboard',
    empty: 'Nothing here.',
    shown: (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`,
    at: 'When (UTC)',
    listing: 'Listing',
    seller: 'Seller',
    outcome: 'Outcome',
    page: 'Page',
    evidence: 'Evidence',
    open: 'Open',
    report: 'Report',
    noSeller: 'no seller',
    scopeAll: 'Since the beginning.',
    scopeSeller: 'This seller’s listings (and those of the sellers merged into it), since the beginning.',
    scopeWindow: (from: string | null, to: string) => (from ? `Between ${from} and ${to} (UTC).` : `Up to ${to} (UTC).`),
  },
};
