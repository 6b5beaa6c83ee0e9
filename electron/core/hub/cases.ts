import { z } from 'zod';
import { hubCases, hubCatalogue } from '../store/pg/index.js';
import type { CaseEvidenceRow, MemberRecord } from '../store/pg/cases.js';
import type { HubClient } from './db.js';
import type { PushedCase } from './protocol.js';
import { PushRefused } from './refused.js';
import type { HubUser } from './users.js';

/**
 * The team case a workspace's case joins: by its reference when it has one,
 * else by its name; trimmed, inner spaces collapsed, lower-cased (Unicode
 * NFC first, so the same letters typed two ways match). A case with a
 * reference never joins one without, even of the same name: a reference is
 * the file number a court or client knows the case by.
 */
export function caseMatchKey(name: string, reference: string | null): string {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
  const ref = reference === null ? '' : norm(reference);
  return ref ? `ref:${ref}` : `name:${norm(name)}`;
}

export interface CasesTaken {
  claimed: number;
  membersAdded: number;
  membersRemoved: number;
}

const createdDetails = z.object({ name: z.string(), reference: z.string().nullable().optional() });
const memberDetails = z.object({ kind: z.enum(['seller', 'listing', 'capture']), memberId: z.string() });
const sellerDetails = z.object({ marketplace: z.string(), sellerKey: z.string() });
const listingDetails = z.object({ marketplace: z.string(), listingKey: z.string(), url: z.string() });
const storedDetails = z.object({ filing: z.object({ caseId: z.string().nullable().optional() }).optional() });

function detailsOf<S extends z.ZodTypeAny>(schema: S, e: CaseEvidenceRow): z.output<S> | undefined {
  try {
    const r = schema.safeParse(JSON.parse(e.details));
    return r.success ? (r.data as z.output<S>) : undefined;
  } catch {
    return undefined;
  }
}

type Entry = { seq: number; at: string };

/**
 * Takes a push's case claims, inside the push's transaction and after its
 * custody entries are in: each claim must be what the workspace's own signed
 * custody log (as the hub holds it) says, or the whole push is refused. The
 * log decides: the case's creation (name, reference), every member added and
 * not removed since, each seller's and listing's marketplace key as recorded
 * when the workspace first met it, each capture made for the case. Then the
 * hub's record follows the claim: new members added (attributed to this
 * workspace and the user pushing), members no longer claimed marked removed
 * with the workspace entry that removed them. Nothing is ever deleted.
 */
export async function takeCases(client: HubClient, chain: string, user: HubUser, cases: readonly PushedCase[]): Promise<CasesTaken> {
  const subjects = new Set<string>();
  for (const c of cases) {
    subjects.add(c.id);
    for (const m of c.members) subjects.add(m.memberId);
    for (const id of c.captured) subjects.add(id);
  }
  const bySubject = new Map<string, CaseEvidenceRow[]>();
  for (const e of await hubCases.caseEvidence(client, chain, [...subjects])) bySubject.set(e.subject, [...(bySubject.get(e.subject) ?? []), e]);
  const taken: CasesTaken = { claimed: cases.length, membersAdded: 0, membersRemoved: 0 };
  for (const c of cases) {
    const r = await takeCase(client, chain, user, c, bySubject);
    taken.membersAdded += r.added;
    taken.membersRemoved += r.removed;
  }
  return taken;
}

async function takeCase(client: HubClient, chain: string, user: HubUser, c: PushedCase, bySubject: Map<string, CaseEvidenceRow[]>): Promise<{ added: number; removed: number }> {
  const where = `case ${JSON.stringify(c.name)} (${c.id})`;
  const entries = bySubject.get(c.id) ?? [];
  const createdEntry = entries.find((e) => e.action === 'case.created');
  const created = createdEntry ? detailsOf(createdDetails, createdEntry) : undefined;
  if (!createdEntry || !created) throw new PushRefused(`${where}: the workspace's signed custody log does not record its creation`);
  if (created.name !== c.name || (created.reference ?? null) !== c.reference) {
    throw new PushRefused(`${where}: its name or reference is not what the workspace's signed custody log recorded when it was made`);
  }

  // Membership as the log tells it: the last word on each member decides.
  const held = new Map<string, Entry>();
  const removedBy = new Map<string, Entry>();
  for (const e of entries) {
    if (e.action !== 'case.member-added' && e.action !== 'case.member-removed') continue;
    const d = detailsOf(memberDetails, e);
    if (!d) continue;
    const key = `${d.kind}:${d.memberId}`;
    if (e.action === 'case.member-added') {
      held.set(key, e);
      removedBy.delete(key);
    } else {
      held.delete(key);
      removedBy.set(key, e);
    }
  }
  const claimed = new Map(c.members.map((m) => [`${m.kind}:${m.memberId}`, m]));
  for (const [key, m] of claimed) {
    const label = m.kind === 'capture' ? m.memberId : `${m.marketplace}:${m.key}`;
    if (!held.has(key)) throw new PushRefused(`${where}: ${m.kind} ${label} is not a member by the workspace's signed custody log`);
    if (m.kind === 'seller') {
      const made = (bySubject.get(m.memberId) ?? []).find((e) => e.action === 'seller.created');
      const d = made ? detailsOf(sellerDetails, made) : undefined;
      if (!d || d.marketplace !== m.marketplace || d.sellerKey !== m.key) throw new PushRefused(`${where}: seller ${label} is not the seller the workspace's signed custody log recorded as ${m.memberId}`);
    } else if (m.kind === 'listing') {
      const made = (bySubject.get(m.memberId) ?? []).find((e) => e.action === 'listing.created');
      const d = made ? detailsOf(listingDetails, made) : undefined;
      if (!d || d.marketplace !== m.marketplace || d.listingKey !== m.key) throw new PushRefused(`${where}: listing ${label} is not the listing the workspace's signed custody log recorded as ${m.memberId}`);
    } else if ((await hubCatalogue.captureWorkspace(client, m.memberId)) !== chain) {
      throw new PushRefused(`${where}: capture ${m.memberId} is not in the hub from this workspace`);
    }
  }
  for (const key of held.keys()) if (!claimed.has(key)) throw new PushRefused(`${where}: the workspace's signed custody log has ${key.replace(':', ' ')} as a member; the push leaves it out`);
  const capturedAt = new Map<string, Entry>();
  for (const id of c.captured) {
    const stored = (bySubject.get(id) ?? []).find((e) => e.action === 'capture.stored');
    if (!stored || detailsOf(storedDetails, stored)?.filing?.caseId !== c.id) throw new PushRefused(`${where}: capture ${id} was not made for it, by the workspace's signed custody log`);
    if ((await hubCatalogue.captureWorkspace(client, id)) !== chain) throw new PushRefused(`${where}: capture ${id} is not in the hub from this workspace`);
    capturedAt.set(id, stored);
  }

  let caseId = await hubCases.workspaceCase(client, chain, c.id);
  if (caseId === undefined) {
    caseId = await hubCases.upsertCase(client, { matchKey: caseMatchKey(c.name, c.reference), name: c.name, reference: c.reference, createdAt: c.createdAt, userId: user.id });
    await hubCases.insertWorkspaceCase(client, { workspace: chain, localId: c.id, caseId, name: c.name, reference: c.reference, createdAt: c.createdAt, createdSeq: createdEntry.seq, userId: user.id });
  }
  const onHub = new Map((await hubCases.heldMembers(client, chain, c.id)).map((h) => [`${h.how}:${h.kind}:${h.local_member_id}`, h]));
  const base = { caseId, workspace: chain, localCaseId: c.id, userId: user.id, sellerId: null, listingId: null, captureId: null };
  let added = 0;
  for (const m of c.members) {
    if (onHub.has(`added:${m.kind}:${m.memberId}`)) continue;
    const entry = held.get(`${m.kind}:${m.memberId}`)!;
    const at = { addedSeq: entry.seq, addedWsAt: entry.at, localMemberId: m.memberId, how: 'added' as const };
    if (m.kind === 'seller') {
      const sellerId = await hubCatalogue.upsertSeller(client, { marketplace: m.marketplace, sellerKey: m.key, name: null });
      await hubCases.insertMember(client, { ...base, ...at, kind: 'seller', sellerId });
    } else if (m.kind === 'listing') {
      const made = (bySubject.get(m.memberId) ?? []).find((e) => e.action === 'listing.created');
      const url = (made ? detailsOf(listingDetails, made)?.url : undefined) ?? '';
      const listingId = await hubCatalogue.upsertListing(client, { marketplace: m.marketplace, listingKey: m.key, url, title: null }, null);
      await hubCases.insertMember(client, { ...base, ...at, kind: 'listing', listingId });
    } else {
      await hubCases.insertMember(client, { ...base, ...at, kind: 'capture', captureId: m.memberId });
    }
    added++;
  }
  for (const [id, entry] of capturedAt) {
    if (onHub.has(`captured:capture:${id}`)) continue;
    await hubCases.insertMember(client, { ...base, kind: 'capture', how: 'captured', localMemberId: id, captureId: id, addedSeq: entry.seq, addedWsAt: entry.at });
    added++;
  }
  let removed = 0;
  for (const h of onHub.values()) {
    const key = `${h.kind}:${h.local_member_id}`;
    const still = h.how === 'added' ? claimed.has(key) : capturedAt.has(h.local_member_id);
    if (still) continue;
    const by = h.how === 'added' ? removedBy.get(key) : undefined;
    // A capture made for the case stays in it; a member leaves only by its workspace's signed removal.
    if (!by) throw new PushRefused(`${where}: ${h.kind} ${h.local_member_id} is in it on the hub, and the workspace's signed custody log does not record its removal`);
    await hubCases.markRemoved(client, h.id, { seq: by.seq, wsAt: by.at, userId: user.id });
    removed++;
  }
  return { added, removed };
}

/**
 * Whether a workspace's custody entry is the one that added (or removed) a
 * member row: hub verify walks every row back to its signed entry.
 */
export function entryBacksMember(e: { action: string; subject: string | null; details: string }, m: MemberRecord, as: 'added' | 'removed'): boolean {
  const row = { seq: 0, at: '', action: e.action, subject: e.subject ?? '', details: e.details };
  if (as === 'added' && m.how === 'captured') return e.action === 'capture.stored' && e.subject === m.local_member_id && detailsOf(storedDetails, row)?.filing?.caseId === m.local_case_id;
  const d = detailsOf(memberDetails, row);
  return e.action === (as === 'added' ? 'case.member-added' : 'case.member-removed') && e.subject === m.local_case_id && d?.kind === m.kind && d.memberId === m.local_member_id;
}
