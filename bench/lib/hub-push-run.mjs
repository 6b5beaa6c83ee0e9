// Run by bench/hub-push.bench.mjs under vite-node (it imports the tests' own
// PostgreSQL and S3 servers): a workspace of CAPTURES captures of MB random
// megabytes each, pushed to a hub with `exhibit push`, against putting the same
// bytes into the same S3 server with the AWS SDK, one object after another.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { openHubDatabase } from '../../dist/electron/core/hub/db.js';
import { HubObjectStore } from '../../dist/electron/core/hub/object-store.js';
import { migrateHub } from '../../dist/electron/core/hub/schema/index.js';
import { startHubServer } from '../../dist/electron/core/hub/server.js';
import { addHubUser } from '../../dist/electron/core/hub/users.js';
import { Workspace } from '../../dist/electron/core/workspace/workspace.js';
import { startPostgres } from '../../test/helpers/postgres.ts';
import { startS3 } from '../../test/helpers/s3.ts';

const CAPTURES = Number(process.env.HUB_BENCH_CAPTURES ?? 50);
const MB = Number(process.env.HUB_BENCH_MB ?? 3);
const bin = fileURLToPath(new URL('../../bin/exhibit.js', import.meta.url));

/** `exhibit push` in its own process; asynchronously, since the hub and the S3 server answer from this one. */
function push(url, token, dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'push', '--hub', url, '--token', token, '--workspace', dir, '--json'], { env: { ...process.env, EXHIBIT_WORKSPACE: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exhibit push exited ${code}: ${err}`))));
  });
}
const work = mkdtempSync(join(tmpdir(), 'exhibit-bench-hub-'));
const [pg, s3] = await Promise.all([startPostgres(), startS3(['evidence', 'baseline'])]);
const credentials = { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
let pool;
let server;
let store;
try {
  const made = await Workspace.init(join(work, 'ws'), { investigator: 'Bench', organisation: 'Acme' });
  if (!made.ok) throw new Error(made.error.kind);
  const ws = made.value;
  const blobs = [];
  for (let i = 0; i < CAPTURES; i++) {
    const bytes = randomBytes(MB * 1024 * 1024);
    blobs.push(bytes);
    const at = new Date(Date.UTC(2026, 10, 1, 10, 0, i)).toISOString();
    await ws.recordCapture({ requestedUrl: `https://shop.example/item/${i}`, finalUrl: null, httpStatus: 200, outcome: 'complete', startedAt: at, finishedAt: at, artifacts: [{ name: 'screenshot.bin', kind: 'screenshot', mediaType: 'application/octet-stream', source: bytes }], provenance: { bench: true } });
  }
  await ws.close();
  const totalBytes = blobs.reduce((n, b) => n + b.length, 0);

  const s3c = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials });
  const t0 = performance.now();
  for (const [i, b] of blobs.entries()) await s3c.send(new PutObjectCommand({ Bucket: 'baseline', Key: `copy/${i}`, Body: b }));
  const copyMs = performance.now() - t0;
  s3c.destroy();

  pool = openHubDatabase(pg.createDatabase('bench'));
  const c = await pool.connect();
  await migrateHub(c);
  c.release();
  const user = await addHubUser(pool, 'Bench', 'investigator');
  store = new HubObjectStore({ store: 's3://evidence', endpoint: s3.endpoint, credentials });
  server = await startHubServer(pool, store);
  const t1 = performance.now();
  const pushed = await push(server.url, user.token, join(work, 'ws'));
  const pushMs = performance.now() - t1;
  const t2 = performance.now();
  const again = await push(server.url, user.token, join(work, 'ws'));
  const againMs = performance.now() - t2;
  process.stdout.write(JSON.stringify({ captures: CAPTURES, totalBytes, copyMs, pushMs, againMs, objectsSent: pushed.objectsSent, bytesSent: pushed.bytesSent, secondPush: again }));
} finally {
  await server?.close();
  store?.close();
  await pool?.end();
  pg.stop();
  await s3.stop();
  rmSync(work, { recursive: true, force: true });
}
