import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseOptionalRow, parseRows } from './rows.js';

/* Cases and what was added to them by hand (case_members). */

/**
 * The captures of a case (`?1`: its id): made for it, added to it, or of a
 * listing or seller added to it (a seller with those merged into it). The
 * dossier of the case is made of these.
 */
export const CASE_CAPTURE_IDS = `SELECT id FROM captures WHERE case_id = ?1
       OR id IN (SELECT member_id FROM case_members WHERE case_id = ?1 AND kind = 'capture')
       OR listing_id IN (SELECT member_id FROM case_members WHERE case_id = ?1 AND kind = 'listing')
       OR seller_id IN (SELECT s.id FROM sellers s JOIN case_members m ON m.kind = 'seller' AND m.case_id = ?1 AND (s.id = m.member_id OR s.merged_into = m.member_id))`;

export const MEMBER_KINDS = ['seller', 'listing', 'capture'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

const caseRef = z.object({ id: col.text, name: col.text });

/** A case by its id or its name. */
export async function caseByIdOrName(db: Db, ref: string): Promise<{ id: string; name: string } | undefined> {
  return parseOptionalRow(caseRef, await db.get('SELECT id, name FROM cases WHERE id = ? OR name = ?', [ref, ref]), 'cases');
}

export async function insertCase(tx: Db, c: { id: string; name: string; reference: string | null; createdAt: string }): Promise<void> {
  await tx.run('INSERT INTO cases (id, name, reference, created_at) VALUES (?, ?, ?, ?)', [c.id, c.name, c.reference, c.createdAt]);
}

export interface CaseRow {
  id: string;
  name: string;
  reference: string | null;
  notes: string;
  createdAt: string;
  sellers: number;
  captures: number;
}

const caseRow = z.object({
  id: col.text,
  name: col.text,
  reference: col.textOrNull,
  notes: col.text,
  createdAt: col.text,
  sellers: col.int,
  captures: col.int,
}) satisfies z.ZodType<CaseRow>;

/** Every case, oldest first, with how many sellers were added to it and how many captures it holds by itself. */
export async function caseList(db: Db): Promise<CaseRow[]> {
  return parseRows(
    caseRow,
    await db.all(
      `SELECT c.id, c.name, c.reference, c.notes, c.created_at AS createdAt,
       (SELECT COUNT(*) FROM case_members m WHERE m.case_id = c.id AND m.kind = 'seller') AS sellers,
       (SELECT COUNT(*) FROM captures x WHERE x.case_id = c.id) + (SELECT COUNT(*) FROM case_members m WHERE m.case_id = c.id AND m.kind = 'capture') AS captures
     FROM cases c ORDER BY c.created_at`,
    ),
    'cases',
  );
}

/** Adds a member to a case; false when it was already there. */
export async function addMember(tx: Db, caseId: string, kind: MemberKind, memberId: string, addedAt: string): Promise<boolean> {
  return (await tx.run('INSERT OR IGNORE INTO case_members (case_id, kind, member_id, added_at) VALUES (?, ?, ?, ?)', [caseId, kind, memberId, addedAt])).changes > 0;
}

/** Whether the member was added to the case by hand. */
export async function isMember(db: Db, caseId: string, kind: MemberKind, memberId: string): Promise<boolean> {
  return (await db.get('SELECT 1 FROM case_members WHERE case_id = ? AND kind = ? AND member_id = ?', [caseId, kind, memberId])) !== undefined;
}

/** Whether the capture was made for the case (--case): part of its stored record. */
export async function capturedForCase(db: Db, captureId: string, caseId: string): Promise<boolean> {
  return (await db.get('SELECT 1 FROM captures WHERE id = ? AND case_id = ?', [captureId, caseId])) !== undefined;
}

export async function removeMember(tx: Db, caseId: string, kind: MemberKind, memberId: string): Promise<void> {
  await tx.run('DELETE FROM case_members WHERE case_id = ? AND kind = ? AND member_id = ?', [caseId, kind, memberId]);
}

/** The captures of a case (CASE_CAPTURE_IDS), oldest first. */
export async function captureIdsOfCase(db: Db, caseId: string): Promise<string[]> {
  return parseRows(z.object({ id: col.text }), await db.all(`SELECT id FROM captures WHERE id IN (${CASE_CAPTURE_IDS}) ORDER BY started_at, id`, [caseId]), 'captures (of a case)').map((r) => r.id);
}

/** A case's name and its own reference (a docket or file number). */
export async function caseNameAndReference(db: Db, caseId: string): Promise<{ name: string; reference: string | null } | undefined> {
  return parseOptionalRow(z.object({ name: col.text, reference: col.textOrNull }), await db.get('SELECT name, reference FROM cases WHERE id = ?', [caseId]), 'cases');
}

const pushCaseRow = z.object({ id: col.text, name: col.text, reference: col.textOrNull, createdAt: col.text });
const pushMemberRow = z.object({
  caseId: col.text,
  kind: z.enum(MEMBER_KINDS),
  memberId: col.text,
  marketplace: col.textOrNull,
  key: col.textOrNull,
});

/** What a push to the team hub tells of the workspace's cases: each with its members as the hub can match them. */
export interface CaseForPush {
  id: string;
  name: string;
  reference: string | null;
  createdAt: string;
  members: z.output<typeof pushMemberRow>[];
  captured: string[];
}

/**
 * The cases a push carries: those with a member (added, or a capture made
 * for it), and those that had one removed (so the hub learns of the
 * removal). Ordered by id, members by kind and id: the same state reads the
 * same, and hashes the same.
 */
export async function casesForPush(db: Db): Promise<CaseForPush[]> {
  const cases = parseRows(
    pushCaseRow,
    await db.all(
      `SELECT c.id, c.name, c.reference, c.created_at AS createdAt FROM cases c
       WHERE EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id)
          OR EXISTS (SELECT 1 FROM captures x WHERE x.case_id = c.id)
          OR EXISTS (SELECT 1 FROM custody_log e WHERE e.action = 'case.member-removed' AND e.subject = c.id)
       ORDER BY c.id`,
    ),
    'cases (for a push)',
  );
  const members = parseRows(
    pushMemberRow,
    await db.all(
      `SELECT m.case_id AS caseId, m.kind, m.member_id AS memberId,
              COALESCE(s.marketplace, l.marketplace) AS marketplace, COALESCE(s.seller_key, l.listing_key) AS key
       FROM case_members m
       LEFT JOIN sellers s ON m.kind = 'seller' AND s.id = m.member_id
       LEFT JOIN listings l ON m.kind = 'listing' AND l.id = m.member_id
       ORDER BY m.case_id, m.kind, m.member_id`,
    ),
    'case_members (for a push)',
  );
  const captured = parseRows(z.object({ caseId: col.text, id: col.text }), await db.all('SELECT case_id AS caseId, id FROM captures WHERE case_id IS NOT NULL ORDER BY case_id, id'), 'captures (of cases, for a push)');
  return cases.map((c) => ({ ...c, members: members.filter((m) => m.caseId === c.id), captured: captured.filter((x) => x.caseId === c.id).map((x) => x.id) }));
}
