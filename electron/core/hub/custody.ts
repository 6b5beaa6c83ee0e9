import { custodyEntryHash, GENESIS_HASH, type CustodyEntry } from '../workspace/custody.js';
import type { HubClient, HubPool } from './db.js';

/** The hub's own chain; a workspace's chain is named by its key's fingerprint. */
export const HUB_CHAIN = 'hub';

export interface HubCustodyRow extends CustodyEntry {
  chain: string;
  signature: string | null;
}

/**
 * Holds the chain's lock until the caller's transaction ends: whoever appends
 * reads the head and writes after it with no other writer in between.
 */
export async function lockChain(client: HubClient, chain: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('exhibit.hub.custody'), hashtext($1))", [chain]);
}

export async function chainHead(client: HubClient, chain: string): Promise<{ seq: number; hash: string }> {
  const r = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM hub_custody WHERE chain = $1 ORDER BY seq DESC LIMIT 1', [chain]);
  const row = r.rows[0];
  return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** Inserts entries already checked to continue the chain; inside the caller's transaction, after lockChain. */
export async function insertCustody(client: HubClient, chain: string, entries: readonly (CustodyEntry & { signature: string | null })[], receivedBy: number | null): Promise<void> {
  for (const e of entries) {
    await client.query(
      `INSERT INTO hub_custody (chain, seq, at, investigator, os_user, action, subject, details, prev_hash, hash, signature, received_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [chain, e.seq, e.at, e.investigator, e.osUser, e.action, e.subject, e.details, e.prevHash, e.hash, e.signature, receivedBy],
    );
  }
}

/** Appends one of the hub's own events (a user added, a push received) to the hub's chain. */
export async function appendHubCustody(client: HubClient, event: { actor: string; action: string; subject: string | null; details: string }, receivedBy: number | null): Promise<CustodyEntry> {
  await lockChain(client, HUB_CHAIN);
  const head = await chainHead(client, HUB_CHAIN);
  const base = { seq: head.seq + 1, at: new Date().toISOString(), investigator: event.actor, osUser: 'exhibit-hub', action: event.action, subject: event.subject, details: event.details, prevHash: head.hash };
  const entry = { ...base, hash: custodyEntryHash(base) };
  await insertCustody(client, HUB_CHAIN, [{ ...entry, signature: null }], receivedBy);
  return entry;
}

export type ChainProblem = { chain: string; seq: number; problem: string };

/** Walks every chain in the hub: each entry's hash recomputed, each link to the one before, no gap. */
export async function verifyHubCustody(pool: HubPool): Promise<{ entries: number; problems: ChainProblem[] }> {
  const r = await pool.query<{ chain: string; seq: string; at: string; investigator: string; os_user: string; action: string; subject: string | null; details: string; prev_hash: string; hash: string }>(
    'SELECT chain, seq, at, investigator, os_user, action, subject, details, prev_hash, hash FROM hub_custody ORDER BY chain, seq',
  );
  const problems: ChainProblem[] = [];
  let chain = '';
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (const row of r.rows) {
    if (row.chain !== chain) {
      chain = row.chain;
      prev = { seq: 0, hash: GENESIS_HASH };
    }
    const seq = Number(row.seq);
    const base = { seq, at: row.at, investigator: row.investigator, osUser: row.os_user, action: row.action, subject: row.subject, details: row.details, prevHash: row.prev_hash };
    if (seq !== prev.seq + 1) problems.push({ chain, seq, problem: `entry ${prev.seq + 1} is missing (next is ${seq})` });
    else if (row.prev_hash !== prev.hash) problems.push({ chain, seq, problem: 'does not link to the entry before it' });
    if (custodyEntryHash(base) !== row.hash) problems.push({ chain, seq, problem: 'its content does not match its hash (altered)' });
    prev = { seq, hash: row.hash };
  }
  return { entries: r.rows.length, problems };
}
