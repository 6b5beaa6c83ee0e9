import { z } from 'zod';
import type { Db } from '../db.js';
import type { CatalogueEvent } from './custody-chain.js';
import type { Problem } from './report.js';
import { integrity } from '../../store/index.js';

/*
 * Sellers, their names, statuses, status history, tags, notes and merges,
 * and cases with their members, are the investigator's acts: each change is
 * a custody entry. Replaying the entries in order gives what the rows must
 * hold; a row edited, inserted or deleted with the sqlite3 tool differs from
 * the replay, both ways.
 */

const sellerCreated = z.object({ marketplace: z.string(), sellerKey: z.string(), displayName: z.string().nullable() });
const renamed = z.object({ to: z.string() });
const statusChanged = z.object({ to: z.string(), note: z.string().optional(), at: z.string().optional() });
const tagged = z.object({ tag: z.string() });
const noteEdited = z.object({ to: z.string() });
const merged = z.object({ mergeId: z.string(), absorbedId: z.string(), members: z.array(z.string()) });
const unmerged = z.object({ mergeId: z.string(), fromId: z.string(), members: z.array(z.string()) });
const caseCreated = z.object({ name: z.string(), reference: z.string().nullable().optional() });
const memberAdded = z.object({ kind: z.string(), memberId: z.string() });

interface SellerState {
  marketplace: string;
  sellerKey: string;
  displayName: string | null;
  status: string;
  /** each status change: status, note, and when the entry names it the time */
  history: { status: string; note: string; at: string | undefined }[];
  tags: Set<string>;
  notes: string;
  mergedInto: string | null;
}

interface MergeState {
  absorbed: string;
  into: string;
  members: string;
  undone: boolean;
}

function parse<T>(schema: z.ZodType<T>, details: unknown): T | null {
  const r = schema.safeParse(details);
  return r.success ? r.data : null;
}

/** What the custody log says the sellers and cases are, replayed in order. */
function replay(events: readonly CatalogueEvent[]) {
  const sellers = new Map<string, SellerState>();
  const merges = new Map<string, MergeState>();
  const cases = new Map<string, { name: string; reference: string | null | undefined }>();
  const members = new Map<string, number>();
  for (const e of events) {
    const id = e.subject;
    if (id === null) continue;
    const s = sellers.get(id);
    switch (e.action) {
      case 'seller.created': {
        const d = parse(sellerCreated, e.details);
        if (d) sellers.set(id, { marketplace: d.marketplace, sellerKey: d.sellerKey, displayName: d.displayName, status: 'active', history: [], tags: new Set(), notes: '', mergedInto: null });
        break;
      }
      case 'seller.renamed': {
        const d = parse(renamed, e.details);
        if (s && d) s.displayName = d.to;
        break;
      }
      case 'seller.status-changed': {
        const d = parse(statusChanged, e.details);
        if (s && d) {
          s.status = d.to;
          s.history.push({ status: d.to, note: d.note ?? '', at: d.at });
        }
        break;
      }
      case 'seller.tagged':
      case 'seller.untagged': {
        const d = parse(tagged, e.details);
        if (s && d) {
          if (e.action === 'seller.tagged') s.tags.add(d.tag);
          else s.tags.delete(d.tag);
        }
        break;
      }
      case 'note.edited': {
        // Capture notes are checked with the captures; a seller's is its notes column.
        const d = parse(noteEdited, e.details);
        if (s && d) s.notes = d.to;
        break;
      }
      case 'seller.merged': {
        const d = parse(merged, e.details);
        if (!d) break;
        for (const m of d.members) {
          const member = sellers.get(m);
          if (member) member.mergedInto = id;
        }
        merges.set(d.mergeId, { absorbed: d.absorbedId, into: id, members: JSON.stringify(d.members), undone: false });
        break;
      }
      case 'seller.unmerged': {
        const d = parse(unmerged, e.details);
        if (!d) break;
        if (s) s.mergedInto = null;
        // As unmergeSeller does: those of the merge still in the group come back with it.
        for (const m of d.members) {
          const member = sellers.get(m);
          if (m !== id && member && member.mergedInto === d.fromId) member.mergedInto = id;
        }
        const merge = merges.get(d.mergeId);
        if (merge) merge.undone = true;
        break;
      }
      case 'case.created': {
        const d = parse(caseCreated, e.details);
        if (d) cases.set(id, { name: d.name, reference: d.reference });
        break;
      }
      case 'case.member-added': {
        const d = parse(memberAdded, e.details);
        if (d) {
          const key = memberKey(id, d.kind, d.memberId);
          members.set(key, (members.get(key) ?? 0) + 1);
        }
        break;
      }
      case 'case.member-removed': {
        const d = parse(memberAdded, e.details);
        if (d) {
          const key = memberKey(id, d.kind, d.memberId);
          members.set(key, (members.get(key) ?? 0) - 1);
        }
        break;
      }
    }
  }
  return { sellers, merges, cases, members };
}

function memberKey(caseId: string, kind: string, memberId: string): string {
  return `${caseId}\u0000${kind}\u0000${memberId}`;
}

/** Sellers, their status history, tags and merges, and cases with their members, against the replayed log. */
export async function compareCatalogueWithCustody(db: Db, events: readonly CatalogueEvent[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const say = (where: string, message: string) => problems.push({ area: 'catalogue', where, message });
  const { sellers, merges, cases, members } = replay(events);

  const seen = new Set<string>();
  await integrity.eachSeller(db, (row) => {
    seen.add(row.id);
    const where = `seller ${row.marketplace}:${row.sellerKey} (${row.id})`;
    const s = sellers.get(row.id);
    if (!s) {
      say(where, 'the custody log records no seller.created for it: inserted into the database');
      return;
    }
    const differs = (what: string, stored: unknown, logged: unknown) => {
      if (stored !== logged) say(where, `its ${what} is ${JSON.stringify(stored)}, but the custody log records ${JSON.stringify(logged)}: edited without a record`);
    };
    differs('marketplace', row.marketplace, s.marketplace);
    differs('seller id', row.sellerKey, s.sellerKey);
    differs('name', row.displayName, s.displayName);
    differs('status', row.status, s.status);
    differs('note', row.notes, s.notes);
    differs('merged into', row.mergedInto, s.mergedInto);
  });
  for (const id of sellers.keys()) if (!seen.has(id)) say(`seller ${id}`, 'the custody log records it being created, but its row is gone (deleted from the database)');

  // Status history: each row is one logged change, matched by seller, status, note and (when logged) time.
  const history = new Map<string, { status: string; note: string; at: string | undefined }[]>();
  for (const [id, s] of sellers) history.set(id, [...s.history]);
  await integrity.eachStatusChange(db, (row) => {
    const logged = history.get(row.sellerId) ?? [];
    const i = logged.findIndex((h) => h.status === row.status && h.note === row.note && (h.at === undefined || h.at === row.at));
    if (i >= 0) logged.splice(i, 1);
    else say(`seller ${row.sellerId} status history (${row.at})`, `a change to ${row.status} that the custody log does not record (inserted or edited)`);
  });
  for (const [id, left] of history) {
    for (const h of left) say(`seller ${id} status history`, `the custody log records a change to ${h.status}${h.at ? ` at ${h.at}` : ''}, but its row is gone (deleted or edited)`);
  }

  const tagsLeft = new Map<string, Set<string>>();
  for (const [id, s] of sellers) if (s.tags.size > 0) tagsLeft.set(id, new Set(s.tags));
  await integrity.eachSellerTag(db, (row) => {
    if (tagsLeft.get(row.sellerId)?.delete(row.tag)) return;
    say(`seller ${row.sellerId} tag ${JSON.stringify(row.tag)}`, 'a tag the custody log does not record (added in the database)');
  });
  for (const [id, left] of tagsLeft) for (const tag of left) say(`seller ${id} tag ${JSON.stringify(tag)}`, 'the custody log records this tag, but it is gone (removed in the database)');

  const mergesSeen = new Set<string>();
  await integrity.eachMerge(db, (row) => {
    mergesSeen.add(row.id);
    const m = merges.get(row.id);
    const where = `seller merge ${row.id}`;
    if (!m) say(where, `a merge of ${row.absorbed} into ${row.intoId} that the custody log does not record`);
    else if (m.absorbed !== row.absorbed || m.into !== row.intoId || m.members !== row.members || m.undone !== (row.undoneAt !== null)) {
      say(where, 'it differs from the merge the custody log records (sellers, members or whether it was undone)');
    }
  });
  for (const id of merges.keys()) if (!mergesSeen.has(id)) say(`seller merge ${id}`, 'the custody log records this merge, but its row is gone');

  const casesSeen = new Set<string>();
  await integrity.eachCase(db, (row) => {
    casesSeen.add(row.id);
    const c = cases.get(row.id);
    const where = `case ${row.id}`;
    if (!c) say(where, `a case named ${JSON.stringify(row.name)} that the custody log does not record`);
    else if (c.name !== row.name) say(where, `named ${JSON.stringify(row.name)}, but the custody log records ${JSON.stringify(c.name)}: renamed without a record`);
    else if (c.reference !== undefined && c.reference !== row.reference) say(where, `its reference is ${JSON.stringify(row.reference)}, but the custody log records ${JSON.stringify(c.reference)}`);
  });
  for (const id of cases.keys()) if (!casesSeen.has(id)) say(`case ${id}`, 'the custody log records this case, but its row is gone');

  await integrity.eachCaseMember(db, (row) => {
    const key = memberKey(row.caseId, row.kind, row.memberId);
    const n = members.get(key) ?? 0;
    if (n > 0) members.set(key, n - 1);
    else say(`case ${row.caseId} member ${row.kind} ${row.memberId}`, 'a member the custody log does not record being added (inserted into the database)');
  });
  for (const [key, n] of members) {
    if (n === 0) continue;
    const [caseId, kind, memberId] = key.split('\u0000');
    say(
      `case ${caseId} member ${kind} ${memberId}`,
      n > 0 ? 'the custody log records it being added, but it is gone from the case (deleted from the database)' : 'the custody log records it removed more times than added',
    );
  }
  return problems;
}
