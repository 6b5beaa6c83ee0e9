import pg from 'pg';
import { z } from 'zod';
import { parseRows } from '../rows.js';

export type HubPool = pg.Pool;
export type HubClient = pg.PoolClient;
/** A pool or one of its connections (a transaction's): every function here takes one first. */
export type HubQueryable = pg.Pool | pg.PoolClient;

/** A pool on the hub's database. The URL's password never reaches a log or an error. */
export function openHubDatabase(url: string, max = 6): HubPool {
  return new pg.Pool({ connectionString: url, max });
}

/** Runs `work` in one transaction on one connection: commits when it returns, rolls back when it throws. */
export async function inHubTransaction<T>(pool: HubPool, work: (client: HubClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
  } finally {
    client.release();
  }
}

/** PostgreSQL hands BIGINT and COUNT back as text: numbers here, checked. */
export const pgCol = {
  bigint: z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform((v) => Number(v)),
  bigintOrNull: z.union([z.string().regex(/^-?\d+$/), z.number().int()]).nullable().transform((v) => (v === null ? null : Number(v))),
  text: z.string(),
  textOrNull: z.string().nullable(),
};

/** Runs a query and parses its rows. */
export async function rowsOf<S extends z.ZodTypeAny>(q: HubQueryable, schema: S, what: string, text: string, values: unknown[] = []): Promise<z.output<S>[]> {
  const r = await q.query(text, values);
  return parseRows(schema, r.rows, what);
}
