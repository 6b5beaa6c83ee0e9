import { custodyEntryHash, GENESIS_HASH, type CustodyEntry } from '../workspace/custody.js';
import { hubCustody } from '../store/pg/index.js';
import type { HubClient, HubPool, HubQueryable } from './db.js';

/** The hub's own chain; a workspace's chain is named by its key's fingerprint. */
export const HUB_CHAIN = 'hub';

export interface HubCustodyRow extends CustodyEntry {
  chain: string;
  signature: string | null;
}

/** Where the chain ends: its last entry, or the genesis hash for a chain not begun. */
export async function chainHead(q: HubQueryable, chain: string): Promise<{ seq: number; hash: string }> {
  return (await hubCustody.lastEntry(q, chain)) ?? { seq: 0, hash: GENESIS_HASH };
}

/** Appends one of the hub's own events (a user added, a push received) to the hub's chain. */
export async function appendHubCustody(client: HubClient, event: { actor: string; action: string; subject: string | null; details: string }, receivedBy: number | null): Promise<CustodyEntry> {
  await hubCustody.lockChain(client, HUB_CHAIN);
  const head = await chainHead(client, HUB_CHAIN);
  const base = { seq: head.seq + 1, at: new Date().toISOString(), investigator: event.actor, osUser: 'exhibit-hub', action: event.action, subject: event.subject, details: event.details, prevHash: head.hash };
  const entry = { ...base, hash: custodyEntryHash(base) };
  await hubCustody.insertEntries(client, HUB_CHAIN, [{ ...entry, signature: null }], receivedBy);
  return entry;
}

export type ChainProblem = { chain: string; seq: number; problem: string };

/** Walks every chain in the hub: each entry's hash recomputed, each link to the one before, no gap. */
export async function verifyHubCustody(pool: HubPool): Promise<{ entries: number; problems: ChainProblem[] }> {
  const rows = await hubCustody.allEntries(pool);
  const problems: ChainProblem[] = [];
  let chain = '';
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (const row of rows) {
    if (row.chain !== chain) {
      chain = row.chain;
      prev = { seq: 0, hash: GENESIS_HASH };
    }
    const seq = row.seq;
    const base = { seq, at: row.at, investigator: row.investigator, osUser: row.os_user, action: row.action, subject: row.subject, details: row.details, prevHash: row.prev_hash };
    if (seq !== prev.seq + 1) problems.push({ chain, seq, problem: `entry ${prev.seq + 1} is missing (next is ${seq})` });
    else if (row.prev_hash !== prev.hash) problems.push({ chain, seq, problem: 'does not link to the entry before it' });
    if (custodyEntryHash(base) !== row.hash) problems.push({ chain, seq, problem: 'its content does not match its hash (altered)' });
    prev = { seq, hash: row.hash };
  }
  return { entries: rows.length, problems };
}
