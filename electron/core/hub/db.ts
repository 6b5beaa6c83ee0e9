import pg from 'pg';

export type HubPool = pg.Pool;
export type HubClient = pg.PoolClient;

/** A pool on the hub's database. The URL's password never reaches a log or an error. */
export function openHubDatabase(url: string): HubPool {
  return new pg.Pool({ connectionString: url, max: 4 });
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
