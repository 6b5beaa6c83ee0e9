import { z } from 'zod';
import { pgCol, rowsOf, type HubClient, type HubQueryable } from './db.js';

export interface HubCustodyInsert {
  seq: number;
  at: string;
  investigator: string;
  osUser: string;
  action: string;
  subject: string | null;
  details: string;
  prevHash: string;
  hash: string;
  signature: string | null;
}

/**
 * Holds the chain's lock until the caller's transaction ends: whoever appends
 * reads the head and writes after it with no other writer in between.
 */
export async function lockChain(client: HubClient, chain: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('exhibit.hub.custody'), hashtext($1))", [chain]);
}

/** The chain's last entry, undefined for a chain not begun. */
export async function lastEntry(q: HubQueryable, chain: string): Promise<{ seq: number; hash: string } | undefined> {
  return (await rowsOf(q, z.object({ seq: pgCol.bigint, hash: pgCol.text }), 'hub_custody', 'SELECT seq, hash FROM hub_custody WHERE chain = $1 ORDER BY seq DESC LIMIT 1', [chain]))[0];
}

/** Inserts entries already checked to continue the chain; inside the caller's transaction, after lockChain. */
export async function insertEntries(client: HubClient, chain: string, entries: readonly HubCustodyInsert[], receivedBy: number | null): Promise<void> {
  for (const e of entries) {
    await client.query(
      `INSERT INTO hub_custody (chain, seq, at, investigator, os_user, action, subject, details, prev_hash, hash, signature, received_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [chain, e.seq, e.at, e.investigator, e.osUser, e.action, e.subject, e.details, e.prevHash, e.hash, e.signature, receivedBy],
    );
  }
}

const entryRow = z.object({
  chain: pgCol.text,
  seq: pgCol.bigint,
  at: pgCol.text,
  investigator: pgCol.text,
  os_user: pgCol.text,
  action: pgCol.text,
  subject: pgCol.textOrNull,
  details: pgCol.text,
  prev_hash: pgCol.text,
  hash: pgCol.text,
  signature: pgCol.textOrNull,
});
export type HubCustodyRow = z.output<typeof entryRow>;

/** Every entry of every chain, by chain then seq. */
export async function allEntries(q: HubQueryable): Promise<HubCustodyRow[]> {
  return rowsOf(q, entryRow, 'hub_custody', 'SELECT chain, seq, at, investigator, os_user, action, subject, details, prev_hash, hash, signature FROM hub_custody ORDER BY chain, seq');
}

/** The hub chain's entry recording a push (action push.received), by its seq. */
export async function entryAt(q: HubQueryable, chain: string, seq: number): Promise<HubCustodyRow | undefined> {
  return (await rowsOf(q, entryRow, 'hub_custody', 'SELECT chain, seq, at, investigator, os_user, action, subject, details, prev_hash, hash, signature FROM hub_custody WHERE chain = $1 AND seq = $2', [chain, seq]))[0];
}
