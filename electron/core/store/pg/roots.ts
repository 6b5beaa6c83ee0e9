import { z } from 'zod';
import { pgCol, rowsOf, type HubClient, type HubQueryable } from './db.js';

/** Adds a time-stamping authority's root the hub trusts; false when it was there. */
export async function addRoot(client: HubClient, r: { sha256: string; pem: string; subject: string }): Promise<boolean> {
  const res = await client.query('INSERT INTO hub_tsa_roots (sha256, pem, subject) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [r.sha256, r.pem, r.subject]);
  return res.rowCount === 1;
}

/** The roots the hub's administrator configured, oldest first. */
export async function allRoots(q: HubQueryable): Promise<{ sha256: string; pem: string; subject: string }[]> {
  return rowsOf(q, z.object({ sha256: pgCol.text, pem: pgCol.text, subject: pgCol.text }), 'hub_tsa_roots', 'SELECT sha256, pem, subject FROM hub_tsa_roots ORDER BY added_at, sha256');
}
