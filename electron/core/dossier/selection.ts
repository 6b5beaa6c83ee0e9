import { findCase } from '../catalogue/cases.js';
import { findSeller, groupOf } from '../catalogue/seller-ref.js';
import { err, ok, type Result } from '../util/result.js';
import { cases, dossiers, filing } from '../store/index.js';
import type { Db } from '../workspace/db.js';

export type DossierSelection = { kind: 'seller'; ref: string } | { kind: 'case'; ref: string } | { kind: 'captures'; ids: readonly string[] };

export type SelectionError =
  | { kind: 'no-seller'; ref: string }
  | { kind: 'no-case'; ref: string }
  | { kind: 'no-captures'; ids: string[] }
  | { kind: 'empty'; what: string };

export interface Selected {
  captureIds: string[];
  /** the case named, when the dossier is a case's */
  caseId: string | null;
  caseName: string | null;
  /** the seller named, when the dossier is a seller's */
  sellerId: string | null;
}

export function describeSelectionError(e: SelectionError): string {
  switch (e.kind) {
    case 'no-seller':
      return `No seller ${e.ref} in this workspace (exhibit sellers lists them).`;
    case 'no-case':
      return `No case ${JSON.stringify(e.ref)} (exhibit case list shows them).`;
    case 'no-captures':
      return `No capture ${e.ids.join(', ')} in this workspace.`;
    case 'empty':
      return `${e.what} has no captures yet: there is nothing to put in a dossier.`;
  }
}

/** The captures a dossier is made of, oldest first. */
export async function selectCaptures(db: Db, s: DossierSelection): Promise<Result<Selected, SelectionError>> {
  if (s.kind === 'captures') {
    const ids = [...new Set(s.ids)];
    const found = new Set<string>();
    for (const id of ids) if (await filing.captureExists(db, id)) found.add(id);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) return err({ kind: 'no-captures', ids: missing });
    if (ids.length === 0) return err({ kind: 'empty', what: 'The list of captures' });
    return ok({ captureIds: await dossiers.capturesInOrder(db, ids), caseId: null, caseName: null, sellerId: null });
  }
  if (s.kind === 'seller') {
    const found = await findSeller(db, s.ref);
    if (!found) return err({ kind: 'no-seller', ref: s.ref });
    const g = await groupOf(db, found);
    const captureIds = await dossiers.capturesOfSellerGroup(db, g.id);
    if (captureIds.length === 0) return err({ kind: 'empty', what: `Seller ${s.ref}` });
    return ok({ captureIds, caseId: null, caseName: null, sellerId: g.id });
  }
  const c = await findCase(db, s.ref);
  if (!c) return err({ kind: 'no-case', ref: s.ref });
  const captureIds = await cases.captureIdsOfCase(db, c.id);
  if (captureIds.length === 0) return err({ kind: 'empty', what: `Case ${c.name}` });
  return ok({ captureIds, caseId: c.id, caseName: c.name, sellerId: null });
}
