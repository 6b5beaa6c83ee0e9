import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase, type HubPool } from '../../electron/core/hub/db.js';
import { addHubWatch, enqueueDue, openJobQueue, RECAPTURE_QUEUE } from '../../electron/core/hub/jobs.js';
import { addHubUser } from '../../electron/core/hub/users.js';
import { hubSearch } from '../../electron/core/store/pg/index.js';
import { addAuthority, removeAuthority } from '../../electron/core/workspace/timestamps.js';
import { startChangingShop, type ChangingShop } from '../helpers/changing-shop.js';
import { EXHIBIT_BIN, exhibit } from '../helpers/cli.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startS3, type TestS3 } from '../helpers/s3.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';
import { newWorkspace } from '../helpers/workspace.js';

const missing = postgresMissing();
if (missing) console.warn(`hub worker tests skipped: ${missing}`);
const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
/** Re-capture jobs drained by the three workers: enough that the killed one is mid-way, few enough to stay quick on 2 cores. */
const JOBS = Number(process.env.EXHIBIT_HUB_WORKER_JOBS ?? 9);
/** The drain's time limit: start-up and checks, and about a second and a half a job on 2 shared cores (300 jobs: 208 s at load 2–6). */
const DRAIN_MS = 120_000 + JOBS * 1_500;

let pg: TestPostgres;
let s3: TestS3;
let tsa: Tsa;
let shop: ChangingShop;
let pool: HubPool;
let dbUrl: string;
const hubArgs = () => ['--database', dbUrl, '--store', 's3://evidence', '--endpoint', s3.endpoint];
const s3Env = () => ({ AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: 'us-east-1' });

interface RunningWorker {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * A worker in its own process, on its own workspace (its own key, the test's
 * TSA, asking for `spacingMs` between requests) and its own hub user.
 */
async function startWorker(n: number, o: { concurrency?: number; spacingMs?: number } = {}): Promise<RunningWorker & { workspace: string }> {
  const ws = await newWorkspace({ investigator: `Worker ${n}`, organisation: 'Acme' }, 'suite');
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await removeAuthority(ws.db, url);
  const added = await addAuthority(ws.db, { url: tsa.url, name: 'Hub Test TSA', rootPem: tsa.rootPem });
  if (!added.ok) throw new Error('tsa add failed');
  // as Sectigo's qualified service asks (15 s), shorter: no command sets it for an authority one adds
  if (o.spacingMs) await ws.db.run('UPDATE time_authorities SET min_interval_ms = ? WHERE url = ?', [o.spacingMs, tsa.url]);
  await ws.close();
  const user = await addHubUser(pool, `worker-${n}`, 'investigator');
  if (!user.ok) throw new Error(user.error);
  const args = ['worker', '--hub', dbUrl, '--store', 's3://evidence', '--endpoint', s3.endpoint, '--token', user.token, '--workspace', ws.dir, '--browser', BROWSER, '--drain', '--concurrency', String(o.concurrency ?? 1)];
  const child = spawn(process.execPath, [EXHIBIT_BIN, ...args], { env: { ...process.env, ...s3Env(), EXHIBIT_WORKSPACE: '' } });
  const w = { workspace: ws.dir, child, stdout: '', stderr: '', exited: new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))) };
  child.stdout?.on('data', (d: Buffer) => (w.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (w.stderr += d.toString()));
  return w;
}

function storeObjectKeys(): string[] {
  const root = join(s3.directory, 'evidence', 'objects');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [n]));
  return walk(root)
    .filter((f) => f.endsWith('._S3rver_object'))
    .map((f) => f.slice(0, -'._S3rver_object'.length))
    .sort();
}

describe.skipIf(missing !== undefined)('hub re-capture workers on a pg-boss queue in the hub’s PostgreSQL', () => {
  beforeAll(async () => {
    [pg, s3, tsa, shop] = await Promise.all([startPostgres(), startS3(['evidence']), startTsa({ name: 'Hub Test TSA' }), startChangingShop()]);
    dbUrl = pg.createDatabase('hub_workers');
    // the hub trusts the test authority because its administrator said so, not because a worker sent its root
    const rootsFile = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-roots-')), 'roots.pem');
    writeFileSync(rootsFile, tsa.rootPem);
    const init = await exhibit(['hub', 'init', ...hubArgs(), '--tsa-roots', rootsFile, '--job-expiry', '20'], s3Env());
    expect(init.code, init.stderr).toBe(0);
    pool = openHubDatabase(dbUrl);
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    pg?.stop();
    await Promise.all([s3?.stop(), tsa?.close(), shop?.close()]);
  });

  it('queues each due listing once, whoever enqueues and however often', async () => {
    const cli = await exhibit(['hub', 'watch', 'add', shop.listingUrl('B0HUBJOB00'), '--every', '1h', ...hubArgs()], s3Env());
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('re-captured every 3600 s, the first time at once');
    for (let i = 1; i < JOBS; i++) expect(await addHubWatch(pool, shop.listingUrl(`B0HUBJOB${String(i).padStart(2, '0')}`), 3600)).toMatchObject({ ok: true, created: true });
    expect(await addHubWatch(pool, shop.listingUrl('B0HUBJOB00'), 3600)).toMatchObject({ ok: true, created: false });
    const boss = openJobQueue(dbUrl, { supervise: false });
    await boss.start();
    try {
      const [a, b] = await Promise.all([enqueueDue(pool, boss), enqueueDue(pool, boss)]);
      expect(a + b).toBe(JOBS);
      // due again at once, while every job is still queued: the queue's policy refuses a second job for the same listing
      await pool.query('UPDATE hub_schedules SET next_due_at = now()');
      expect(await enqueueDue(pool, boss)).toBe(0);
      expect(await boss.getQueueSize(RECAPTURE_QUEUE)).toBe(JOBS);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const custody = await pool.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM hub_custody WHERE chain = 'hub' AND action = 'watch.added'");
    expect(custody.rows[0]?.n).toBe(JOBS);
  }, 30_000);

  it('three workers drain the jobs, one killed midway: every listing captured exactly once, sealed, stamped, nothing half-stored', async () => {
    const workers = await Promise.all([1, 2, 3].map((n) => startWorker(n)));
    const doomed = workers[0]!;
    // killed between its first capture and handing it to the hub
    await new Promise<void>((resolve) => {
      const check = () => (/^captured /m.test(doomed.stdout) ? resolve() : setTimeout(check, 20));
      check();
    });
    doomed.child.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');
    const finished = await Promise.all(workers.slice(1).map((w) => w.exited));
    for (const [i, f] of finished.entries()) expect(f.code, workers[i + 1]!.stdout + workers[i + 1]!.stderr).toBe(0);
    // a job whose worker was presumed dead (killed, or slow past the job's time) may be captured twice, but is stored once
    const reported = workers.slice(1).map((w) => /^(\d+) capture\(s\) stored in the hub/m.exec(w.stdout)?.[1]);
    expect(reported.reduce((n, r) => n + Number(r), 0)).toBe(JOBS - Number(/^stored /m.test(doomed.stdout)));

    const perListing = await pool.query<{ url: string; captures: number; jobs: number }>(
      `SELECT l.url, COUNT(DISTINCT c.id)::int AS captures, COUNT(DISTINCT j.job_id)::int AS jobs
       FROM hub_listings l JOIN hub_schedules s ON s.listing_id = l.id LEFT JOIN hub_captures c ON c.listing_id = l.id LEFT JOIN hub_job_captures j ON j.listing_id = l.id
       GROUP BY l.url ORDER BY l.url`,
    );
    expect(perListing.rows).toHaveLength(JOBS);
    for (const row of perListing.rows) expect(row, row.url).toMatchObject({ captures: 1, jobs: 1 });
    expect((await pool.query('SELECT 1 FROM hub_captures')).rowCount).toBe(JOBS);
    // each capture sealed by the worker that made it, attributed to that worker, and time-stamped
    const byWorker = await pool.query<{ name: string; investigator: string; n: number; stamped: number }>(
      `SELECT u.name, w.investigator, COUNT(DISTINCT c.id)::int AS n, COUNT(DISTINCT s.capture_id)::int AS stamped
       FROM hub_captures c JOIN hub_users u ON u.id = c.pushed_by JOIN hub_workspaces w ON w.key_fingerprint = c.workspace LEFT JOIN hub_stamps s ON s.capture_id = c.id
       GROUP BY 1, 2 ORDER BY 1`,
    );
    for (const r of byWorker.rows) {
      expect(r.investigator).toBe(`Worker ${r.name.slice('worker-'.length)}`);
      expect(r.stamped).toBe(r.n);
    }
    expect(byWorker.rows.filter((r) => r.name !== 'worker-1').reduce((n, r) => n + r.n, 0)).toBeGreaterThan(0);
    // the jobs are all done in pg-boss, none left to run
    const boss = openJobQueue(dbUrl, { supervise: false });
    await boss.start();
    expect(await boss.getQueueSize(RECAPTURE_QUEUE, { before: 'completed' })).toBe(0);
    await boss.stop({ graceful: false, wait: true });
    // nothing half-stored: the store's evidence is exactly what the catalogue names, and the hub verifies
    const catalogued = (await pool.query<{ sha256: string }>('SELECT sha256 FROM hub_objects ORDER BY sha256')).rows.map((r) => r.sha256);
    expect(storeObjectKeys()).toEqual(catalogued);
    const verify = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toContain(`${JOBS} captures, `);
    expect(shop.hits.size).toBeGreaterThanOrEqual(JOBS);
  }, DRAIN_MS);
  it('one worker, two pages at once, hands each capture over while it captures the next: all stored in its chain, each stamped though its authority asks for spacing', async () => {
    const PAGES = 5;
    for (let i = 0; i < PAGES; i++) expect((await addHubWatch(pool, shop.listingUrl(`B0HUBPIPE${i}`), 3600)).ok).toBe(true);
    const w = await startWorker(4, { concurrency: 2, spacingMs: 3_000 });
    const exit = await w.exited;
    expect(exit.code, w.stdout + w.stderr).toBe(0);
    expect(w.stdout).toContain(`${PAGES} capture(s) stored in the hub.`);
    // not one handed over unstamped because the authority had been asked a moment before
    expect(w.stderr).not.toContain('not time-stamped');
    const stored = await pool.query<{ n: number; stamped: number }>(
      `SELECT COUNT(DISTINCT c.id)::int AS n, COUNT(DISTINCT s.capture_id)::int AS stamped
       FROM hub_captures c JOIN hub_users u ON u.id = c.pushed_by LEFT JOIN hub_stamps s ON s.capture_id = c.id WHERE u.name = 'worker-4'`,
    );
    expect(stored.rows[0]).toEqual({ n: PAGES, stamped: PAGES });
    // Each capture keeps the title its page gave (the watched listing has none in the catalogue): the search finds it by a word of it.
    const titles = await pool.query<{ title: string | null }>(`SELECT c.title FROM hub_captures c JOIN hub_users u ON u.id = c.pushed_by WHERE u.name = 'worker-4' ORDER BY c.title`);
    expect(titles.rows.map((r) => r.title)).toEqual(Array.from({ length: PAGES }, (_, i) => expect.stringMatching(new RegExp(`^B0HUBPIPE${i} Nordkap +Thermoskanne 1 L Edelstahl, +doppelwandig$`))));
    const hits = await hubSearch.matches(pool, ['thermoskanne', 'B0HUBPIPE3'], 10);
    expect(hits.map((h) => [h.url, h.title])).toEqual([[shop.listingUrl('B0HUBPIPE3'), null]]);
    // the worker's chain arrived whole and in order: the hub holds as many of its entries as its own log, and verifies
    const local = await exhibit(['log', '--json', '--workspace', w.workspace]);
    const hubChain = await pool.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM hub_custody h JOIN hub_workspaces ws ON ws.key_fingerprint = h.chain WHERE ws.investigator = 'Worker 4'`,
    );
    expect(local.code, local.stderr).toBe(0);
    expect(hubChain.rows[0]?.n).toBe((JSON.parse(local.stdout) as unknown[]).length);
    const verify = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
    expect(verify.code, verify.stdout).toBe(0);
    const local2 = await exhibit(['verify', '--workspace', w.workspace]);
    expect(local2.code, local2.stdout + local2.stderr).toBe(0);
  }, 240_000);
});
