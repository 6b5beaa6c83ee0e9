// Run by bench/worker-throughput.bench.mjs under vite-node (it uses the tests'
// own PostgreSQL, S3 server, time-stamping authority and shop): hub re-capture
// workers (`exhibit worker`, each its own process, headless Chromium) draining
// watched listings of the test shop. Measured: captures per minute with 1 and
// with 2 workers, from each run's first capture to its last capture stored
// (and with each worker's start-up, from launch to the queue drained); then a
// drain of DRAIN jobs by 3 workers, one killed with SIGKILL midway, checked
// from the hub's catalogue: every listing captured exactly once.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHubDatabase } from '../../dist/electron/core/hub/db.js';
import { addHubWatch } from '../../dist/electron/core/hub/jobs.js';
import { addHubUser } from '../../dist/electron/core/hub/users.js';
import { addAuthority, removeAuthority } from '../../dist/electron/core/workspace/timestamps.js';
import { Workspace } from '../../dist/electron/core/workspace/workspace.js';
import { startChangingShop } from '../../test/helpers/changing-shop.ts';
import { startPostgres } from '../../test/helpers/postgres.ts';
import { startS3 } from '../../test/helpers/s3.ts';
import { startTsa } from '../../test/helpers/tsa.mjs';
import { sampleTree } from './process-tree.mjs';

const ONE = Number(process.env.WORKER_BENCH_ONE ?? 6);
const TWO = Number(process.env.WORKER_BENCH_TWO ?? 8);
const DRAIN = Number(process.env.WORKER_BENCH_DRAIN ?? 12);
// pages each worker captures at once (exhibit worker --concurrency)
const CONCURRENCY = Number(process.env.WORKER_BENCH_CONCURRENCY ?? 1);
const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const bin = fileURLToPath(new URL('../../bin/exhibit.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'exhibit-bench-workers-'));
const [pg, s3, tsa, shop] = await Promise.all([startPostgres(), startS3(['evidence']), startTsa({ name: 'Bench TSA' }), startChangingShop()]);
const env = { ...process.env, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: 'us-east-1', EXHIBIT_WORKSPACE: '' };
const dbUrl = pg.createDatabase('bench_workers');
const hubArgs = ['--database', dbUrl, '--store', 's3://evidence', '--endpoint', s3.endpoint];
// a worker names the hub's database with --hub, the spelling its help documents
const workerArgs = ['--hub', dbUrl, '--store', 's3://evidence', '--endpoint', s3.endpoint];
let pool;
let workers = 0;

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exhibit ${args[0]} exited ${code}: ${err}`))));
  });
}

async function startWorker() {
  const n = ++workers;
  const made = await Workspace.init(join(work, `worker-${n}`), { investigator: `Worker ${n}`, organisation: 'Bench' });
  if (!made.ok) throw new Error(made.error.kind);
  const ws = made.value;
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await removeAuthority(ws.db, url);
  if (!(await addAuthority(ws.db, { url: tsa.url, name: 'Bench TSA', rootPem: tsa.rootPem })).ok) throw new Error('tsa add failed');
  await ws.close();
  const user = await addHubUser(pool, `worker-${n}`, 'investigator');
  if (!user.ok) throw new Error(user.error);
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'worker', ...workerArgs, '--token', user.token, '--workspace', join(work, `worker-${n}`), '--browser', BROWSER, '--concurrency', String(CONCURRENCY), '--drain'], { env });
  const w = { child, started, captured: [], stored: [], out: '', err: '', cpu: sampleTree(child.pid) };
  child.stdout.on('data', (d) => {
    w.out += d;
    const now = performance.now();
    for (const line of String(d).split('\n')) {
      if (line.startsWith('captured ')) w.captured.push(now);
      if (line.startsWith('stored ')) w.stored.push(now);
    }
  });
  child.stderr.on('data', (d) => {
    w.err += d;
    if (process.env.WORKER_BENCH_STDERR) appendFileSync(process.env.WORKER_BENCH_STDERR, d);
  });
  w.exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      w.cpu();
      resolve({ code, signal, at: performance.now() });
    }),
  );
  return w;
}

async function watch(prefix, n) {
  for (let i = 0; i < n; i++) {
    const r = await addHubWatch(pool, shop.listingUrl(`${prefix}${String(i).padStart(4, '0')}`), 86_400);
    if (!r.ok) throw new Error(r.error);
  }
}

/** n listings drained by k workers: captures per minute from the first capture to the last stored, and from launch to drained. */
async function phase(prefix, n, k) {
  await watch(prefix, n);
  const before = await footprint();
  // PostgreSQL's CPU for the phase: its server processes, the backends serving the workers included
  const postgres = sampleTree(await postmasterPid());
  const ws = await Promise.all(Array.from({ length: k }, startWorker));
  const ends = await Promise.all(ws.map((w) => w.exited));
  for (const [i, e] of ends.entries()) if (e.code !== 0) throw new Error(`worker exited ${e.code}: ${ws[i].err}`);
  const first = Math.min(...ws.flatMap((w) => w.captured));
  const last = Math.max(...ws.flatMap((w) => w.stored));
  const stored = ws.reduce((s, w) => s + w.stored.length, 0);
  const launched = Math.min(...ws.map((w) => w.started));
  const drained = Math.max(...ends.map((e) => e.at));
  postgres();
  const after = await footprint();
  const per = (key) => (after[key] - before[key]) / stored;
  const cpuSeconds = ws.reduce((s, w) => s + w.cpu.cpuSeconds(), 0);
  const workerCpuSeconds = ws.reduce((s, w) => s + w.cpu.rootCpuSeconds(), 0);
  return {
    listings: n,
    workers: k,
    concurrency: CONCURRENCY,
    stored,
    rowsWrittenByTable: Object.fromEntries(
      Object.entries(after.byTable)
        .map(([t, n]) => [t, (n - (before.byTable[t] ?? 0)) / stored])
        .filter(([, n]) => n > 0),
    ),
    perCapture: { cpuSeconds: cpuSeconds / stored, workerProcessCpuSeconds: workerCpuSeconds / stored, postgresCpuSeconds: postgres.cpuSeconds() / stored, objectBytes: per('objectBytes'), objects: per('objects'), rowsInserted: per('inserted'), rowsUpdated: per('updated'), rowsDeleted: per('deleted'), databaseBytes: per('databaseBytes') },
    steadyPerMinute: ((stored - 1) / ((last - first) / 60_000)), withStartPerMinute: stored / ((drained - launched) / 60_000) };
}

/** The PostgreSQL server's main process: the parent of the backend serving this pool. */
async function postmasterPid() {
  const backend = (await pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const stat = readFileSync(`/proc/${backend}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * What the hub holds: the store's objects and their bytes (as catalogued),
 * and PostgreSQL's rows written (the hub's tables and pg-boss's, from the
 * statistics each server process reports as it ends: read once the phase's
 * workers have exited) and its size on disk.
 */
async function footprint() {
  await new Promise((r) => setTimeout(r, 1500));
  const objects = await pool.query('SELECT COUNT(*)::float8 AS n, COALESCE(SUM(size), 0)::float8 AS bytes FROM hub_objects');
  const rows = await pool.query(
    "SELECT COALESCE(SUM(n_tup_ins), 0)::float8 AS ins, COALESCE(SUM(n_tup_upd), 0)::float8 AS upd, COALESCE(SUM(n_tup_del), 0)::float8 AS del FROM pg_stat_user_tables WHERE schemaname IN ('public', 'pgboss')",
  );
  const size = await pool.query('SELECT pg_database_size(current_database())::float8 AS bytes');
  const tables = await pool.query(
    "SELECT schemaname || '.' || relname AS name, (n_tup_ins + n_tup_upd + n_tup_del)::float8 AS written FROM pg_stat_user_tables WHERE schemaname IN ('public', 'pgboss')",
  );
  return {
    objects: objects.rows[0].n,
    objectBytes: objects.rows[0].bytes,
    inserted: rows.rows[0].ins,
    updated: rows.rows[0].upd,
    deleted: rows.rows[0].del,
    databaseBytes: size.rows[0].bytes,
    byTable: Object.fromEntries(tables.rows.map((t) => [t.name, t.written])),
  };
}

try {
  pool = openHubDatabase(dbUrl);
  const rootsFile = join(work, 'roots.pem');
  writeFileSync(rootsFile, tsa.rootPem);
  await run(['hub', 'init', ...hubArgs, '--tsa-roots', rootsFile, '--job-expiry', '120']);
  const one = await phase('B0ONE', ONE, 1);
  const two = await phase('B0TWO', TWO, 2);

  // The drain: 3 workers, the first killed once half the listings are stored.
  await watch('B0DRN', DRAIN);
  const t0 = performance.now();
  const trio = await Promise.all([1, 2, 3].map(() => startWorker()));
  // The first is killed once it has captured and half the jobs are stored; should the others drain the queue
  // before it captures anything (a few jobs, a slow start), it ends by itself and no one is killed.
  let firstEnded = false;
  void trio[0].exited.then(() => (firstEnded = true));
  await new Promise((resolve) => {
    const check = () => ((trio.reduce((s, w) => s + w.stored.length, 0) >= DRAIN / 2 && trio[0].captured.length > 0) || firstEnded ? resolve() : setTimeout(check, 50));
    check();
  });
  const killed = firstEnded ? 0 : 1;
  trio[0].child.kill('SIGKILL');
  const ends = await Promise.all(trio.map((w) => w.exited));
  for (const [i, e] of ends.slice(1).entries()) if (e.code !== 0) throw new Error(`worker exited ${e.code}: ${trio[i + 1].err}`);
  const drainMs = performance.now() - t0;
  const perListing = await pool.query(
    `SELECT l.url, COUNT(DISTINCT c.id)::int AS captures, COUNT(DISTINCT j.job_id)::int AS jobs
     FROM hub_listings l LEFT JOIN hub_captures c ON c.listing_id = l.id LEFT JOIN hub_job_captures j ON j.listing_id = l.id
     WHERE l.url LIKE '%B0DRN%' GROUP BY l.url`,
  );
  const exactlyOnce = perListing.rows.length === DRAIN && perListing.rows.every((r) => r.captures === 1 && r.jobs === 1);
  const verify = await run(['hub', 'verify', ...hubArgs]).then((o) => /The hub verifies\./.test(o), () => false);
  process.stdout.write(
    JSON.stringify({
      one,
      two,
      drain: { jobs: DRAIN, workers: 3, killed, seconds: drainMs / 1000, capturedExactlyOnce: exactlyOnce, listingsWithOneCapture: perListing.rows.filter((r) => r.captures === 1).length, hubVerifies: verify },
    }),
  );
} finally {
  await pool?.end();
  pg.stop();
  await Promise.all([s3.stop(), tsa.close(), shop.close()]);
  rmSync(work, { recursive: true, force: true });
}
