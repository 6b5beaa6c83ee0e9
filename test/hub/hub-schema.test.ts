import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendHubCustody, HUB_CHAIN, verifyHubCustody } from '../../electron/core/hub/custody.js';
import { inHubTransaction, openHubDatabase, type HubPool } from '../../electron/core/hub/db.js';
import { migrateHub } from '../../electron/core/hub/schema/index.js';
import { addHubUser, userByToken } from '../../electron/core/hub/users.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';

const missing = postgresMissing();
if (missing) console.warn(`hub schema tests skipped: ${missing}`);

describe.skipIf(missing !== undefined)('the hub schema on a real PostgreSQL', () => {
  let pg: TestPostgres;
  let pool: HubPool;
  beforeAll(async () => {
    pg = await startPostgres();
    pool = openHubDatabase(pg.createDatabase('hub_schema'));
    const client = await pool.connect();
    try {
      expect(await migrateHub(client)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await migrateHub(client)).toEqual([]);
    } finally {
      client.release();
    }
  }, 30_000);
  afterAll(async () => {
    await pool?.end();
    pg?.stop();
  });

  it('006: the hub holds one dossier signing identity: a second is refused by the table itself', async () => {
    const row = ['aaaa', 'private', 'public', 'identity', 'cert'];
    await pool.query('INSERT INTO hub_dossier_identity (key_fingerprint, private_key_pem, public_key_pem, identity_pem, certificate_sha256) VALUES ($1, $2, $3, $4, $5)', row);
    await expect(pool.query('INSERT INTO hub_dossier_identity (key_fingerprint, private_key_pem, public_key_pem, identity_pem, certificate_sha256) VALUES ($1, $2, $3, $4, $5)', ['bbbb', ...row.slice(1)])).rejects.toThrow(/duplicate key/);
    await expect(pool.query('INSERT INTO hub_dossier_identity (only_one, key_fingerprint, private_key_pem, public_key_pem, identity_pem, certificate_sha256) VALUES (false, $1, $2, $3, $4, $5)', ['bbbb', ...row.slice(1)])).rejects.toThrow(/check constraint/);
    expect((await pool.query<{ key_fingerprint: string }>('SELECT key_fingerprint FROM hub_dossier_identity')).rows).toEqual([{ key_fingerprint: 'aaaa' }]);
    await pool.query('DELETE FROM hub_dossier_identity');
  });

  it("005: a listing's captures, a seller's listings and a capture's custody entries are read through indexes, not by reading every row", async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The tables are empty here: forbid the sequential scan a small table would get, so the plan shows whether an index exists.
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = async (sql: string) => (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(await plan('SELECT id FROM hub_captures WHERE listing_id = 1 ORDER BY captured_at')).toContain('hub_captures_listing');
      expect(await plan('SELECT id FROM hub_listings WHERE seller_id = 1')).toContain('hub_listings_seller');
      expect(await plan("SELECT seq FROM hub_custody WHERE subject = ANY('{a,b}') AND action = 'field.corrected'")).toContain('hub_custody_subject_action');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('keeps only a hash of each token, and finds the user by the token', async () => {
    const added = await addHubUser(pool, 'Jane Roe', 'investigator');
    if (!added.ok) throw new Error(added.error);
    const stored = await pool.query<{ token_hash: string }>('SELECT token_hash FROM hub_users');
    expect(JSON.stringify(stored.rows)).not.toContain(added.token);
    expect(await userByToken(pool, added.token)).toMatchObject({ name: 'Jane Roe', role: 'investigator' });
    expect(await userByToken(pool, `${added.token}x`)).toBeUndefined();
    expect(await addHubUser(pool, 'Jane Roe', 'lawyer')).toEqual({ ok: false, error: 'a user named "Jane Roe" already exists' });
    expect(await addHubUser(pool, 'Max', 'admin')).toMatchObject({ ok: false, error: expect.stringContaining('unknown role "admin"') });
  });

  it('never forks the chain under concurrent writers, and refuses UPDATE, DELETE and TRUNCATE', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => inHubTransaction(pool, (c) => appendHubCustody(c, { actor: 'hub', action: 'test.event', subject: String(i), details: '{}' }, null))),
    );
    const v = await verifyHubCustody(pool);
    expect(v).toEqual({ entries: 20, problems: [] });
    await expect(pool.query("UPDATE hub_custody SET details = '{\"x\":1}' WHERE seq = 3")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(pool.query('DELETE FROM hub_custody WHERE seq = 20')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(pool.query('TRUNCATE hub_custody')).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('finds an entry altered by someone who dropped the trigger, and says which', async () => {
    await pool.query('ALTER TABLE hub_custody DISABLE TRIGGER hub_custody_no_update');
    await pool.query(`UPDATE hub_custody SET subject = 'forged' WHERE chain = $1 AND seq = 7`, [HUB_CHAIN]);
    await pool.query('ALTER TABLE hub_custody ENABLE TRIGGER hub_custody_no_update');
    const v = await verifyHubCustody(pool);
    expect(v.problems).toEqual([{ chain: HUB_CHAIN, seq: 7, problem: 'its content does not match its hash (altered)' }]);
  });
});
