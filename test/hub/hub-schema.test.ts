import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendHubCustody, HUB_CHAIN, verifyHubCustody } from '../../electron/core/hub/custody.js';
import { inHubTransaction, openHubDatabase, type HubPool } from '../../electron/core/hub/db.js';
import { migrateHub } from '../../electron/core/hub/schema/index.js';
import { addHubUser, userByToken } from '../../electron/core/hub/users.js';
import { hubSearch } from '../../electron/core/store/pg/index.js';
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
      expect(await migrateHub(client)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(await migrateHub(client)).toEqual([]);
    } finally {
      client.release();
    }
  }, 30_000);
  afterAll(async () => {
    await pool?.end();
    pg?.stop();
  });

  it('007: the hub holds one dossier signing identity: a second is refused by the table itself', async () => {
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

  it("006 on a hub an older Exhibit made (005), owned by a user who is no superuser: pg_trgm is created, the captures already there are found by their listing's title and wait for theirs, and the search reads the trigram indexes, not every row", async () => {
    // The hub's database as its administrator would make it: owned by a plain user, who runs exhibit hub init.
    await pool.query("CREATE ROLE hub_owner LOGIN PASSWORD 'owner-pw' NOSUPERUSER NOCREATEDB NOCREATEROLE");
    await pool.query('CREATE DATABASE hub_at_005 OWNER hub_owner');
    const owned = openHubDatabase(pg.url.replace(/\/\/postgres:[^@]+@/, '//hub_owner:owner-pw@').replace(/\/postgres$/, '/hub_at_005'));
    const client = await owned.connect();
    try {
      expect(await migrateHub(client, { through: 5 })).toEqual([1, 2, 3, 4, 5]);
      // A catalogue big enough that reading every row costs more than the indexes: 20,000 sellers, listings, and two captures of each listing.
      await client.query(`INSERT INTO hub_users (name, role, token_hash) VALUES ('Old Pusher', 'investigator', repeat('a', 64))`);
      await client.query(`INSERT INTO hub_workspaces (key_fingerprint, public_key_pem, investigator, first_pushed_by) SELECT 'ws', 'pem', 'Investigator', id FROM hub_users`);
      await client.query(`INSERT INTO hub_objects (sha256, size) VALUES (repeat('b', 64), 1)`);
      await client.query(`INSERT INTO hub_sellers (marketplace, seller_key, name) SELECT 'ebay', 'seller_' || md5('s' || i), 'Seller ' || md5('n' || i) FROM generate_series(1, 20000) i`);
      await client.query(`INSERT INTO hub_listings (marketplace, listing_key, url, seller_id, title)
        SELECT 'ebay', i::text, 'https://www.ebay.com/itm/' || i, i, 'Bag ' || md5('t' || i) FROM generate_series(1, 20000) i`);
      await client.query(`INSERT INTO hub_listings (marketplace, listing_key, url, seller_id, title) VALUES ('ebay', '99999777', 'https://www.ebay.com/itm/99999777', 1, 'Quilted zanzibar shoulder bag')`);
      await client.query(`INSERT INTO hub_captures (id, workspace, listing_id, url, captured_at, outcome, manifest_sha256, signature, pushed_by)
        SELECT 'cap-' || l.id || '-' || n, 'ws', l.id, l.url, '2026-11-0' || n || 'T09:00:00.000Z', 'ok', repeat('b', 64), 'sig', (SELECT id FROM hub_users)
        FROM hub_listings l, generate_series(1, 2) n`);

      expect(await migrateHub(client)).toEqual([6, 7]);
      // What the page said is in the store, which SQL cannot read: the captures wait for exhibit hub init to read their titles.
      const pending = await client.query<{ n: string; titled: string }>('SELECT (SELECT COUNT(*) FROM hub_capture_titles_pending) AS n, (SELECT COUNT(title) FROM hub_captures) AS titled');
      expect(pending.rows[0]).toEqual({ n: '40002', titled: '0' });
      // Meanwhile they are found by their listing's title, as before 006; each capture once.
      const hits = await hubSearch.matches(client, ['ZANZIBAR', 'quilted'], 10);
      expect(hits.map((h) => [h.id, h.title])).toEqual([
        ['cap-20001-2', 'Quilted zanzibar shoulder bag'],
        ['cap-20001-1', 'Quilted zanzibar shoulder bag'],
      ]);
      // A later title of one capture: that capture is found by it, the other one is not.
      await client.query("UPDATE hub_captures SET title = 'Zanzibar tote, renamed' WHERE id = 'cap-20001-2'");
      expect((await hubSearch.matches(client, ['tote'], 10)).map((h) => [h.id, h.capture_title])).toEqual([['cap-20001-2', 'Zanzibar tote, renamed']]);

      // The planner's own choice on this many rows (no setting forces it): every column searched is read through its trigram index.
      await client.query('ANALYZE');
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${hubSearch.matchesSql(1)}`, [50, '%zanzibar%'])).rows.map((r) => r['QUERY PLAN']).join('\n');
      for (const index of ['hub_captures_title_trgm', 'hub_captures_url_trgm', 'hub_listings_title_trgm', 'hub_listings_key_trgm', 'hub_sellers_name_trgm', 'hub_sellers_key_trgm']) expect(plan).toContain(index);
      expect(plan).not.toMatch(/Seq Scan on hub_(captures|listings|sellers)/);
      // The query the app runs answers the same through them.
      expect((await hubSearch.matches(client, ['zanzibar'], 10)).map((h) => h.id)).toEqual(['cap-20001-2', 'cap-20001-1']);
    } finally {
      client.release();
      await owned.end();
    }
  }, 120_000);

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
