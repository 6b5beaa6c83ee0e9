import { newId } from '../util/ids.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import { sellers } from '../store/index.js';
import { SELLER_STATUSES, type SellerStatus } from '../store/sellers.js';
import type { Db } from '../workspace/db.js';
import { findSeller, groupOf, sellerLabel, type SellerRow } from './seller-ref.js';

export { SELLER_STATUSES, type SellerStatus } from '../store/sellers.js';

export type SellerError =
  | { kind: 'no-seller'; ref: string }
  | { kind: 'bad-status'; status: string }
  | { kind: 'bad-tag'; tag: string }
  | { kind: 'same-seller'; a: string; b: string }
  | { kind: 'not-merged'; ref: string };

export function describeSellerError(e: SellerError): string {
  switch (e.kind) {
    case 'no-seller':
      return `No seller ${e.ref} in this workspace. Name a seller as MARKETPLACE:ID (e.g. ebay:luxury_deals_88); exhibit sellers lists them.`;
    case 'bad-status':
      return `status ${JSON.stringify(e.status)}: one of ${SELLER_STATUSES.join(', ')}.`;
    case 'bad-tag':
      return `tag ${JSON.stringify(e.tag)}: up to 64 letters, digits, spaces, - _ . /`;
    case 'same-seller':
      return `${e.a} and ${e.b} are already one seller; nothing was changed.`;
    case 'not-merged':
      return `${e.ref} was not merged into another seller; nothing to undo.`;
  }
}

function isSellerStatus(s: string): s is SellerStatus {
  return (SELLER_STATUSES as readonly string[]).includes(s);
}

async function resolve(tx: Db, ref: string): Promise<Result<SellerRow, SellerError>> {
  const s = await findSeller(tx, ref);
  return s ? ok(s) : err({ kind: 'no-seller', ref });
}

/** Status is kept with its history: when a seller was reported and when it came down is evidence. */
export async function setSellerStatus(db: Db, ref: string, status: string, note = ''): Promise<Result<SellerRow, SellerError>> {
  if (!isSellerStatus(status)) return err({ kind: 'bad-status', status });
  return db.transaction(async (tx) => {
    const found = await resolve(tx, ref);
    if (!found.ok) return found;
    const s = await groupOf(tx, found.value);
    const at = utcNow();
    await sellers.recordStatus(tx, s.id, status, note, at);
    await appendCustody(tx, { action: 'seller.status-changed', subject: s.id, details: { from: s.status, to: status, note, at } });
    return ok({ ...s, status });
  });
}

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _./-]{0,63}$/u;

export async function tagSeller(db: Db, ref: string, tag: string, on: boolean): Promise<Result<SellerRow, SellerError>> {
  const t = tag.trim();
  if (!TAG.test(t)) return err({ kind: 'bad-tag', tag });
  return db.transaction(async (tx) => {
    const found = await resolve(tx, ref);
    if (!found.ok) return found;
    const s = await groupOf(tx, found.value);
    const changed = on ? await sellers.addTag(tx, s.id, t) : await sellers.removeTag(tx, s.id, t);
    if (changed) await appendCustody(tx, { action: on ? 'seller.tagged' : 'seller.untagged', subject: s.id, details: { tag: t } });
    return ok(s);
  });
}

export async function setSellerNotes(db: Db, ref: string, notes: string): Promise<Result<SellerRow, SellerError>> {
  return db.transaction(async (tx) => {
    const found = await resolve(tx, ref);
    if (!found.ok) return found;
    const s = await groupOf(tx, found.value);
    if (s.notes === notes) return ok(s);
    await sellers.setNotes(tx, s.id, notes);
    await appendCustody(tx, { action: 'note.edited', subject: s.id, details: { from: s.notes, to: notes } });
    return ok({ ...s, notes });
  });
}

export interface Merge {
  id: string;
  absorbed: SellerRow;
  into: SellerRow;
  /** every seller that moved: the absorbed one and any it had absorbed before */
  members: string[];
}

/**
 * The investigator finds two sellers are one operator. Nothing is rewritten:
 * the absorbed seller (and any it had absorbed) points at the other, and
 * every listing and capture keeps the seller it was seen under. Undone by
 * unmergeSeller, which puts the pointers back.
 */
export async function mergeSellers(db: Db, absorbedRef: string, intoRef: string, reason = ''): Promise<Result<Merge, SellerError>> {
  return db.transaction(async (tx) => {
    const a = await resolve(tx, absorbedRef);
    if (!a.ok) return a;
    const b = await resolve(tx, intoRef);
    if (!b.ok) return b;
    const absorbed = await groupOf(tx, a.value);
    const into = await groupOf(tx, b.value);
    if (absorbed.id === into.id) return err({ kind: 'same-seller' as const, a: absorbedRef, b: intoRef });
    const members = await sellers.groupMemberIds(tx, absorbed.id);
    const id = newId();
    await sellers.recordMerge(tx, { id, absorbed: absorbed.id, intoId: into.id, members, mergedAt: utcNow() });
    await appendCustody(tx, {
      action: 'seller.merged',
      subject: into.id,
      details: { mergeId: id, absorbed: sellerLabel(absorbed), absorbedId: absorbed.id, into: sellerLabel(into), members, reason },
    });
    return ok({ id, absorbed, into, members });
  });
}

/** Undoes the latest merge that absorbed this seller: it and those it had absorbed stand on their own again. */
export async function unmergeSeller(db: Db, ref: string, reason = ''): Promise<Result<Merge, SellerError>> {
  return db.transaction(async (tx) => {
    const found = await resolve(tx, ref);
    if (!found.ok) return found;
    const s = found.value;
    const merge = await sellers.latestOpenMerge(tx, s.id);
    if (!merge || s.mergedInto === null) return err({ kind: 'not-merged' as const, ref });
    const members = merge.members;
    // Only those still in the group come back with it: one unmerged on its own since stays on its own.
    const others = members.filter((m) => m !== s.id);
    await sellers.recordUnmerge(tx, { mergeId: merge.id, sellerId: s.id, wasUnder: s.mergedInto, others, at: utcNow() });
    const into = (await findSeller(tx, s.mergedInto)) ?? s;
    await appendCustody(tx, { action: 'seller.unmerged', subject: s.id, details: { mergeId: merge.id, from: sellerLabel(into), fromId: into.id, members, reason } });
    return ok({ id: merge.id, absorbed: { ...s, mergedInto: null }, into, members });
  });
}
