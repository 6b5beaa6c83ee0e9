import { newId } from '../util/ids.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import { cases, filing, listings } from '../store/index.js';
import type { CaseRow } from '../store/cases.js';
import type { Db } from '../workspace/db.js';
import { findSeller, groupOf } from './seller-ref.js';

export type { CaseRow } from '../store/cases.js';

export type CaseError =
  | { kind: 'exists'; name: string }
  | { kind: 'bad-name'; name: string }
  | { kind: 'no-case'; ref: string }
  | { kind: 'no-member'; member: string; memberKind: 'seller' | 'listing' | 'capture' }
  | { kind: 'not-member'; member: string; memberKind: 'seller' | 'listing' | 'capture'; caseName: string }
  | { kind: 'captured-for-case'; member: string; caseName: string };

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
    case 'not-member':
      return `The ${e.memberKind} ${e.member} was not added to case ${JSON.stringify(e.caseName)}; nothing was changed.`;
    case 'captured-for-case':
      return `Capture ${e.member} was made for case ${JSON.stringify(e.caseName)}: that is part of its record and stays; nothing was changed.`;
  }
}

export async function findCase(db: Db, ref: string): Promise<{ id: string; name: string } | undefined> {
  return cases.caseByIdOrName(db, ref);
}

export async function createCase(db: Db, name: string, reference?: string): Promise<Result<{ id: string; name: string }, CaseError>> {
  const n = name.trim();
  if (n.length === 0 || n.length > 200) return err({ kind: 'bad-name', name });
  return db.transaction(async (tx) => {
    if (await findCase(tx, n)) return err({ kind: 'exists' as const, name: n });
    const id = newId();
    await cases.insertCase(tx, { id, name: n, reference: reference ?? null, createdAt: utcNow() });
    await appendCustody(tx, { action: 'case.created', subject: id, details: { name: n, reference: reference ?? null } });
    return ok({ id, name: n });
  });
}

export async function listCases(db: Db): Promise<CaseRow[]> {
  return cases.caseList(db);
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
      const isNew = await cases.addMember(tx, c.id, m.kind, m.memberId, utcNow());
      if (isNew) await appendCustody(tx, { action: 'case.member-added', subject: c.id, details: { kind: m.kind, memberId: m.memberId } });
      added.push({ ...m, added: isNew });
    }
    return ok({ caseId: c.id, added });
  });
}

async function memberIdOf(tx: Db, m: CaseMember): Promise<string | undefined> {
  if (m.kind === 'seller') {
    const s = await findSeller(tx, m.ref);
    return s ? (await groupOf(tx, s)).id : undefined;
  }
  const exists = m.kind === 'listing' ? await listings.listingExists(tx, m.ref) : await filing.captureExists(tx, m.ref);
  return exists ? m.ref : undefined;
}

/** The ids a member named for removal may stand under: a seller's own (it may have been merged since it was added), then its group's. */
async function removableIdsOf(tx: Db, m: CaseMember): Promise<string[]> {
  if (m.kind !== 'seller') {
    const id = await memberIdOf(tx, m);
    return id ? [id] : [];
  }
  const s = await findSeller(tx, m.ref);
  if (!s) return [];
  const group = (await groupOf(tx, s)).id;
  return group === s.id ? [s.id] : [s.id, group];
}

/**
 * Takes sellers, listings or captures out of a case, all or none: each must
 * have been added to it. A capture made for the case (--case) stays in it:
 * the case it was captured for is part of its stored record.
 */
export async function removeFromCase(db: Db, caseRef: string, members: readonly CaseMember[]): Promise<Result<{ caseId: string; removed: (CaseMember & { memberId: string })[] }, CaseError>> {
  return db.transaction(async (tx) => {
    const c = await findCase(tx, caseRef);
    if (!c) return err({ kind: 'no-case' as const, ref: caseRef });
    const resolved: (CaseMember & { memberId: string })[] = [];
    for (const m of members) {
      const candidates = await removableIdsOf(tx, m);
      if (candidates.length === 0) return err({ kind: 'no-member' as const, member: m.ref, memberKind: m.kind });
      // A seller added and later merged into another is still a member under its own id.
      let memberId: string | undefined;
      for (const id of candidates) {
        if (await cases.isMember(tx, c.id, m.kind, id)) {
          memberId = id;
          break;
        }
      }
      if (!memberId) {
        const capturedFor = m.kind === 'capture' && (await cases.capturedForCase(tx, candidates[0]!, c.id));
        return err(capturedFor ? { kind: 'captured-for-case' as const, member: m.ref, caseName: c.name } : { kind: 'not-member' as const, member: m.ref, memberKind: m.kind, caseName: c.name });
      }
      if (!resolved.some((r) => r.kind === m.kind && r.memberId === memberId)) resolved.push({ ...m, memberId });
    }
    for (const m of resolved) {
      await cases.removeMember(tx, c.id, m.kind, m.memberId);
      await appendCustody(tx, { action: 'case.member-removed', subject: c.id, details: { kind: m.kind, memberId: m.memberId } });
    }
    return ok({ caseId: c.id, removed: resolved });
  });
}
