import { createHash, randomBytes } from 'node:crypto';
import { hubUsers } from '../store/pg/index.js';
import type { HubPool } from './db.js';

export const HUB_ROLES = ['investigator', 'lawyer'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

export interface HubUser {
  id: number;
  name: string;
  role: HubRole;
}

export function isHubRole(s: string): s is HubRole {
  return (HUB_ROLES as readonly string[]).includes(s);
}

/** Only the token's SHA-256 is kept: a copy of the database lets no one in. */
export function hubTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type AddUserResult = { ok: true; user: HubUser; token: string } | { ok: false; error: string };

/** Adds a person; their token is returned this once and never stored. */
export async function addHubUser(pool: HubPool, name: string, role: string): Promise<AddUserResult> {
  if (!isHubRole(role)) return { ok: false, error: `unknown role "${role}": one of ${HUB_ROLES.join(', ')}` };
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) return { ok: false, error: 'a user needs a name of 1 to 200 characters' };
  const token = `exh_${randomBytes(32).toString('base64url')}`;
  const id = await hubUsers.insertUser(pool, trimmed, role, hubTokenHash(token));
  if (id === undefined) return { ok: false, error: `a user named "${trimmed}" already exists` };
  return { ok: true, user: { id, name: trimmed, role }, token };
}

export async function userByToken(pool: HubPool, token: string): Promise<HubUser | undefined> {
  const row = await hubUsers.userByTokenHash(pool, hubTokenHash(token));
  if (!row || !isHubRole(row.role)) return undefined;
  return { id: row.id, name: row.name, role: row.role };
}
