import type { PoolClient } from 'pg';
import { hubSchema001 } from './001-hub.js';
import { hubSchema002 } from './002-jobs.js';
import { hubSchema003 } from './003-uploads-roots.js';
import { hubSchema004 } from './004-cases.js';
import { hubSchema005 } from './005-read-indexes.js';
import { hubSchema006 } from './006-search-trigrams.js';
import { hubSchema007 } from './007-dossier-identity.js';

/** The hub's migrations, in order. Never edit one that has shipped: add the next. */
export const HUB_MIGRATIONS: readonly (readonly [version: number, sql: string])[] = [
  [1, hubSchema001],
  [2, hubSchema002],
  [3, hubSchema003],
  [4, hubSchema004],
  [5, hubSchema005],
  [6, hubSchema006],
  [7, hubSchema007],
];

/**
 * Brings the hub's schema up to date in one transaction, under an advisory
 * lock so two `hub init` runs at once do not both migrate. `through`: stop
 * after that version (a test makes a hub as an older Exhibit left it).
 */
export async function migrateHub(client: PoolClient, opts: { through?: number } = {}): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('exhibit.hub.migrate'))");
    await client.query('CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM hub_schema')).rows.map((r) => r.version));
    for (const [version, sql] of HUB_MIGRATIONS) {
      if (done.has(version) || version > (opts.through ?? Infinity)) continue;
      await client.query(sql);
      await client.query('INSERT INTO hub_schema (version) VALUES ($1)', [version]);
      applied.push(version);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
  return applied;
}
