import { z } from 'zod';
import { pgCol, rowsOf, type HubQueryable } from './db.js';

const userRow = z.object({ id: pgCol.bigint, name: pgCol.text, role: pgCol.text });
export type HubUserRow = z.output<typeof userRow>;

/** Inserts a person; undefined when the name is taken. */
export async function insertUser(q: HubQueryable, name: string, role: string, tokenHash: string): Promise<number | undefined> {
  const rows = await rowsOf(q, z.object({ id: pgCol.bigint }), 'hub_users', 'INSERT INTO hub_users (name, role, token_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id', [name, role, tokenHash]);
  return rows[0]?.id;
}

export async function userByTokenHash(q: HubQueryable, tokenHash: string): Promise<HubUserRow | undefined> {
  return (await rowsOf(q, userRow, 'hub_users', 'SELECT id, name, role FROM hub_users WHERE token_hash = $1', [tokenHash]))[0];
}
