import { z } from 'zod';
import { pgCol, rowsOf, type HubClient, type HubQueryable } from './db.js';

/*
 * Cases on the hub (schema 004): the team's cases, each workspace's case as
 * it claimed it, and the members, attributed, removed ones marked not deleted.
 */

/** The custody actions a case claim is checked against. */
export const CASE_EVIDENCE_ACTIONS = ['case.created', 'case.member-added', 'case.member-removed', 'seller.created', 'listing.created', 'capture.stored'] as const;

const evidenceRow = z.object({ seq: pgCol.bigint, at: pgCol.text, action: pgCol.text, subject: pgCol.text, details: pgCol.text });
export type CaseEvidenceRow = z.output<typeof evidenceRow>;

/** The entries of a workspace's chain (as the hub holds it) about these subjects that back case claims, in order. */
export async function caseEvidence(q: HubQueryable, chain: string, subjects: readonly string[]): Promise<CaseEvidenceRow[]> {
  if (subjects.length === 0) return [];
  return rowsOf(
    q,
    evidenceRow,
    'hub_custody',
    'SELECT seq, at, action, subject, details FROM hub_custody WHERE chain = $1 AND subject = ANY($2) AND action = ANY($3) ORDER BY seq',
    [chain, subjects, CASE_EVIDENCE_ACTIONS],
  );
}

/** The digest of the case claims the workspace last pushed; null when it pushed none. */
export async function casesSha256(q: HubQueryable, chain: string): Promise<string | null> {
  return (await rowsOf(q, z.object({ cases_sha256: pgCol.textOrNull }), 'hub_workspaces', 'SELECT cases_sha256 FROM hub_workspaces WHERE key_fingerprint = $1', [chain]))[0]?.cases_sha256 ?? null;
}

export async function setCasesSha256(client: HubClient, chain: string, sha: string): Promise<void> {
  await client.query('UPDATE hub_workspaces SET cases_sha256 = $2 WHERE key_fingerprint = $1', [chain, sha]);
}

/** The team case a match key names, made if new; the earliest creation date and the first reference given are kept. */
export async function upsertCase(client: HubClient, c: { matchKey: string; name: string; reference: string | null; createdAt: string; userId: number }): Promise<number> {
  const rows = await rowsOf(
    client,
    z.object({ id: pgCol.bigint }),
    'hub_cases',
    `INSERT INTO hub_cases (match_key, name, reference, created_at, first_pushed_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (match_key) DO UPDATE SET created_at = LEAST(hub_cases.created_at, EXCLUDED.created_at), reference = COALESCE(hub_cases.reference, EXCLUDED.reference)
     RETURNING id`,
    [c.matchKey, c.name, c.reference, c.createdAt, c.userId],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('hub_cases: no id returned');
  return id;
}

/** The team case a workspace's case was joined to, undefined when the hub has not had it. */
export async function workspaceCase(q: HubQueryable, chain: string, localId: string): Promise<number | undefined> {
  return (await rowsOf(q, z.object({ case_id: pgCol.bigint }), 'hub_workspace_cases', 'SELECT case_id FROM hub_workspace_cases WHERE workspace = $1 AND local_id = $2', [chain, localId]))[0]?.case_id;
}

export async function insertWorkspaceCase(
  client: HubClient,
  c: { workspace: string; localId: string; caseId: number; name: string; reference: string | null; createdAt: string; createdSeq: number; userId: number },
): Promise<void> {
  await client.query(
    'INSERT INTO hub_workspace_cases (workspace, local_id, case_id, name, reference, created_at, created_seq, pushed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [c.workspace, c.localId, c.caseId, c.name, c.reference, c.createdAt, c.createdSeq, c.userId],
  );
}

const heldRow = z.object({ id: pgCol.bigint, kind: z.enum(['seller', 'listing', 'capture']), how: z.enum(['added', 'captured']), local_member_id: pgCol.text });
export type HeldMember = z.output<typeof heldRow>;

/** The members the hub holds (not removed) for one workspace's case. */
export async function heldMembers(q: HubQueryable, chain: string, localCaseId: string): Promise<HeldMember[]> {
  return rowsOf(q, heldRow, 'hub_case_members', 'SELECT id, kind, how, local_member_id FROM hub_case_members WHERE workspace = $1 AND local_case_id = $2 AND removed_at IS NULL', [chain, localCaseId]);
}

export interface MemberInsert {
  caseId: number;
  workspace: string;
  localCaseId: string;
  kind: 'seller' | 'listing' | 'capture';
  how: 'added' | 'captured';
  localMemberId: string;
  sellerId: number | null;
  listingId: number | null;
  captureId: string | null;
  addedSeq: number;
  addedWsAt: string;
  userId: number;
}

export async function insertMember(client: HubClient, m: MemberInsert): Promise<void> {
  await client.query(
    `INSERT INTO hub_case_members (case_id, workspace, local_case_id, kind, how, local_member_id, seller_id, listing_id, capture_id, added_seq, added_ws_at, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [m.caseId, m.workspace, m.localCaseId, m.kind, m.how, m.localMemberId, m.sellerId, m.listingId, m.captureId, m.addedSeq, m.addedWsAt, m.userId],
  );
}

/** Marks a held member removed: the row stays, with when, by whom, and the workspace's custody entry that removed it. */
export async function markRemoved(client: HubClient, id: number, r: { seq: number; wsAt: string; userId: number }): Promise<void> {
  await client.query('UPDATE hub_case_members SET removed_seq = $2, removed_ws_at = $3, removed_by = $4, removed_at = now() WHERE id = $1 AND removed_at IS NULL', [id, r.seq, r.wsAt, r.userId]);
}

const memberRecord = z.object({
  id: pgCol.bigint,
  workspace: pgCol.text,
  local_case_id: pgCol.text,
  kind: z.enum(['seller', 'listing', 'capture']),
  how: z.enum(['added', 'captured']),
  local_member_id: pgCol.text,
  added_seq: pgCol.bigint,
  removed_seq: pgCol.bigintOrNull,
});
export type MemberRecord = z.output<typeof memberRecord>;

/** Every member row, held or removed, with the workspace custody entries that added and removed it. */
export async function allMembers(q: HubQueryable): Promise<MemberRecord[]> {
  return rowsOf(q, memberRecord, 'hub_case_members', 'SELECT id, workspace, local_case_id, kind, how, local_member_id, added_seq, removed_seq FROM hub_case_members ORDER BY id');
}
