import { CASE_CAPTURE_IDS, findCase } from '../catalogue/cases.js';
import { findSeller, groupOf } from '../catalogue/seller-ref.js';
import { err, ok, type Result } from '../util/result.js';
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
    for (const id of ids) if (await db.get('SELECT 1 FROM captures WHERE id = ?', [id])) found.add(id);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) return err({ kind: 'no-captures', ids: missing });
    if (ids.length === 0) return err({ kind: 'empty', what: 'The list of captures' });
    const rows = await db.all<{ id: string }>(`SELECT id FROM captures WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY started_at, id`, ids);
    return ok({ captureIds: rows.map((r) => r.id), caseId: null, caseName: null, sellerId: null });
  }
  if (s.kind === 'seller') {
    const found = await findSeller(db, s.ref);
    if (!found) return err({ kind: 'no-seller', ref: s.ref });
    const g = await groupOf(db, found);
    const rows = await db.all<{ id: string }>('SELECT id FROM captures WHERE seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?) ORDER BY started_at, id', [g.id, g.id]);
    if (rows.length === 0) return err({ kind: 'empty', what: `Seller ${s.ref}` });
    return ok({ captureIds: rows.map((r) => r.id), caseId: null, caseName: null, sellerId: g.id });
  }
  const c = await findCase(db, s.ref);
  if (!c) return err({ kind: 'no-case', ref: s.ref });
  const rows = await db.all<{ id: string }>(
    `SELECT id FROM captures WHERE id IN (${CASE_CAPTURE_IDS}) ORDER BY started_at, id`,
    [c.id],
  );
  if (rows.length === 0) return err({ kind: 'empty', what: `Case ${c.name}` });
  return ok({ captureIds: rows.map((r) => r.id), caseId: c.id, caseName: c.name, sellerId: null });
}
