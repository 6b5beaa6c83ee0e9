import { newId } from '../util/ids.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { findSeller, groupOf } from './seller-ref.js';

export interface CaseRow {
  id: string;
  name: string;
  reference: string | null;
  notes: string;
  createdAt: string;
  sellers: number;
  captures: number;
}

export type CaseError =
  | { kind: 'exists'; name: string }
  | { kind: 'bad-name'; name: string }
  | { kind: 'no-case'; ref: string }
  | { kind: 'no-member'; member: string; memberKind: 'seller' | 'listing' | 'capture' };

export function describeCaseError(e: CaseError): string {
  switch (e.kind) {
    case 'exists':
      return `A case named ${JSON.stringify(e.name)} already exists; nothing was changed.`;
    case 'bad-name':
      return `Case name ${JSON.stringify(e.name)}: give a name of 1 to 200 characters.`;
    case 'no-case':
      return `No case ${JSON.stringify(e.ref)} (exhibit case list shows them; exhibit case create NAME makes one).`;
    case 'no-member':
      return `No ${e.memberKind} ${e.member} in this workspace; nothing was changed.`;
  }
}

export async function findCase(db: Db, ref: string): Promise<{ id: string; name: string } | undefined> {
  return db.get<{ id: string; name: string }>('SELECT id, name FROM cases WHERE id = ? OR name = ?', [ref, ref]);
}

export async function createCase(db: Db, name: string, reference?: string): Promise<Result<{ id: string; name: string }, CaseError>> {
  const n = name.trim();
  if (n.length === 0 || n.length > 200) return err({ kind: 'bad-name', name });
  return db.transaction(async (tx) => {
    if (await findCase(tx, n)) return err({ kind: 'exists' as const, name: n });
    const id = newId();
    await tx.run('INSERT INTO cases (id, name, reference, created_at) VALUES (?, ?, ?, ?)', [id, n, reference ?? null, utcNow()]);
    await appendCustody(tx, { action: 'case.created', subject: id, details: { name: n, reference: reference ?? null } });
    return ok({ id, name: n });
  });
}

export async function listCases(db: Db): Promise<CaseRow[]> {
  return db.all<CaseRow>(
    `SELECT c.id, c.name, c.reference, c.notes, c.created_at AS createdAt,
       (SELECT COUNT(*) FROM case_members m WHERE m.case_id = c.id AND m.kind = 'seller') AS sellers,
       (SELECT COUNT(*) FROM captures x WHERE x.case_id = c.id) + (SELECT COUNT(*) FROM case_members m WHERE m.case_id = c.id AND m.kind = 'capture') AS captures
     FROM cases c ORDER BY c.created_at`,
  );
}

export type CaseMember = { kind: 'seller' | 'listing' | 'capture'; ref: string };

/**
 * Adds sellers, listings or captures to a case, all or none: one unknown
 * member and nothing is added. Adding what is already there changes nothing.
 */
export async function addToCase(db: Db, caseRef: string, members: readonly CaseMember[]): Promise<Result<{ caseId: string; added: (CaseMember & { memberId: string; added: boolean })[] }, CaseError>> {
  return db.transaction(async (tx) => {
    const c = await findCase(tx, caseRef);
    if (!c) return err({ kind: 'no-case' as const, ref: caseRef });
    const resolved: (CaseMember & { memberId: string })[] = [];
    for (const m of members) {
      const memberId = await memberIdOf(tx, m);
      if (!memberId) return err({ kind: 'no-member' as const, member: m.ref, memberKind: m.kind });
      resolved.push({ ...m, memberId });
    }
    const added = [];
    for (const m of resolved) {
      const r = await tx.run('INSERT OR IGNORE INTO case_members (case_id, kind, member_id, added_at) VALUES (?, ?, ?, ?)', [c.id, m.kind, m.memberId, utcNow()]);
      if (r.changes > 0) await appendCustody(tx, { action: 'case.member-added', subject: c.id, details: { kind: m.kind, memberId: m.memberId } });
      added.push({ ...m, added: r.changes > 0 });
    }
    return ok({ caseId: c.id, added });
  });
}

async function memberIdOf(tx: Db, m: CaseMember): Promise<string | undefined> {
  if (m.kind === 'seller') {
    const s = await findSeller(tx, m.ref);
    return s ? (await groupOf(tx, s)).id : undefined;
  }
  const table = m.kind === 'listing' ? 'listings' : 'captures';
  return (await tx.get<{ id: string }>(`SELECT id FROM ${table} WHERE id = ?`, [m.ref]))?.id;
}
