import { utcNow } from '../../util/time.js';
import type { Workspace } from '../workspace.js';
import { checkCaptures, compareWithCustody } from './capture-checks.js';
import { checkCustodyChain } from './custody-chain.js';
import { Db } from '../db.js';
import { checkDatabase } from './database-checks.js';
import { compareFilingWithCustody } from './filing-checks.js';
import { compareWatchWithCustody } from './watch-checks.js';
import { compareCatalogueWithCustody } from './catalogue-checks.js';
import { checkCustodyHead, checkStampedHeads } from './head-checks.js';
import { readCustodyAnchor, type AnchorRead } from '../custody-anchor.js';
import { compareListings } from './listing-checks.js';
import { compareOffersWithCustody } from './offer-checks.js';
import { compareSettings } from './settings-checks.js';
import { comparePushesWithCustody } from './push-checks.js';
import { checkTimestamps } from './timestamp-checks.js';
import { inventoryObjects, rehashObjects } from './object-checks.js';
import type { Problem, VerifyReport } from './report.js';
import { WorkerPool } from './worker-pool.js';
import { IDENTITY_FILE, identityIfAny, type SigningIdentity } from '../../identity/identity.js';
import { compareLinkDecisions } from './link-checks.js';
import { compareDetectionWithCustody } from './detection-checks.js';
import { custody, integrity as integrityStore, thumbnails, timestamps } from '../../store/index.js';

export type VerifyProgress = { phase: 'database' | 'custody' | 'captures' | 'objects'; done: number; total: number };

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await work();
  return [value, Math.round(performance.now() - t)];
}

/** SQLite's integrity check on a connection of its own, so that it runs beside the others rather than queued behind them: it is about the file, not the rows. */
async function withConnection<T>(ws: Workspace, check: (db: Db) => Promise<T>): Promise<T> {
  const db = await ws.connect();
  try {
    return await check(db);
  } finally {
    await db.close();
  }
}

/**
 * Everything that can be checked without trusting the database: SQLite's
 * integrity, the custody chain and its signed head, every capture against its
 * signed manifest and its extracted fields against its signed extracted.json,
 * every row the investigator's acts change against the custody entries that
 * record them, and every object re-hashed. The rows are read in one read
 * transaction, and the object store listed after it began: objects are
 * durable before the rows naming them commit, so a capture stored meanwhile
 * is never taken for tampering. Objects are re-hashed on worker threads while
 * the main thread checks the database, the chain and the captures. Reads
 * only; the caller logs the run.
 *
 * An aborted signal stops the capture checks between pages and the
 * re-hashing between batches; the report is then marked cancelled and never
 * OK. It keeps the problems found so far, but not the comparisons that need
 * every capture seen (a capture not reached would look deleted).
 */
export async function verifyWorkspace(ws: Workspace, onProgress?: (p: VerifyProgress) => void, signal?: AbortSignal): Promise<VerifyReport> {
  // Every row comes from one snapshot, read on a connection of its own: a
  // capture committed meanwhile is either wholly in it or wholly out of it.
  // The head copied outside the database is read before the snapshot starts:
  // it is written after its entry commits, so it then names no entry the
  // snapshot cannot see.
  const anchor = await readCustodyAnchor(ws.layout.custodyHead);
  const snapshot = await ws.connect();
  try {
    return await snapshot.readSnapshot((db) => verifySnapshot(ws, db, anchor, onProgress, signal));
  } finally {
    await snapshot.close();
  }
}

async function verifySnapshot(ws: Workspace, db: Db, anchor: AnchorRead, onProgress?: (p: VerifyProgress) => void, signal?: AbortSignal): Promise<VerifyReport> {
  const startedAt = utcNow();
  const t0 = performance.now();
  const problems: Problem[] = [];
  const notices: string[] = [];
  const pool = new WorkerPool();
  try {
    const inventory = await inventoryObjects(ws.store);
    // Manifests named by a capture row are read and hashed by the capture checks; everything else here.
    const manifests = new Set(await integrityStore.manifestHashes(db));
    // Time-stamp tokens and digest lists are read and hashed by the time-stamp checks.
    for (const h of await timestamps.tokenObjectHashes(db)) manifests.add(h);
    const rehashing = timed(() => rehashObjects(db, ws.store, pool, inventory, manifests, (done, total) => onProgress?.({ phase: 'objects', done, total }), signal));
    // Keep a failure here from going unobserved while the main-thread checks run.
    rehashing.catch(() => undefined);

    // SQLite's integrity check reads the whole file: on its own connection it
    // runs beside the checks below instead of before them.
    onProgress?.({ phase: 'database', done: 0, total: 1 });
    const integrity = timed(() => withConnection(ws, checkDatabase));
    integrity.catch(() => undefined);

    // The chain walk and the capture checks share the main thread; the capture
    // checks wait on the workers, so the walk fills their gaps.
    onProgress?.({ phase: 'custody', done: 0, total: 1 });
    const [[chain, custodyMs], [captures, capturesMs]] = await Promise.all([
      timed(() => checkCustodyChain(db)),
      timed(() => checkCaptures(db, ws.store, pool, ws.key.publicKeyPem, inventory, { onProgress: (done, total) => onProgress?.({ phase: 'captures', done, total }), ...(signal ? { signal } : {}) })),
    ]);
    problems.push(...chain.problems);
    const head = await checkCustodyHead(db, ws.key.publicKey, chain.head, chain.bornSigned, anchor);
    problems.push(...head.problems);
    notices.push(...head.notices);
    if (chain.genesisFingerprint !== null && chain.genesisFingerprint !== ws.key.fingerprint) {
      problems.push({
        area: 'key',
        where: 'keys/signing-key.pem',
        message: `the signing key was replaced: the workspace was created with key ${chain.genesisFingerprint}, the key now present is ${ws.key.fingerprint}`,
      });
    }
    problems.push(...(await identityProblems(ws, db)));
    // Whether every capture was seen decides what can be compared: read once, after the capture checks.
    const capturesCut = signal?.aborted === true;
    const captureProblems = capturesCut
      ? captures.problems
      : [
          ...captures.problems,
          ...compareWithCustody(captures.manifests, chain.storedCaptures),
          ...(await compareFilingWithCustody(db, chain)),
          ...(await compareWatchWithCustody(db, chain)),
          ...(await compareCatalogueWithCustody(db, chain.catalogue)),
          ...(await compareListings(db, chain.catalogue)),
          ...(await compareOffersWithCustody(db, chain.catalogue)),
          ...(await compareSettings(db, chain.catalogue)),
          ...(await compareLinkDecisions(db, chain.catalogue)),
          ...(await comparePushesWithCustody(db, chain.catalogue)),
          ...(await compareDetectionWithCustody(db)),
        ];
    const stamps = capturesCut ? null : await checkTimestamps(db, ws.store, ws.key.fingerprint, chain, inventory);
    if (stamps) captureProblems.push(...stamps.problems);
    const stampedHeads = stamps ? await checkStampedHeads(db, stamps.stampedHeads, chain.head) : null;
    if (stampedHeads) {
      problems.push(...stampedHeads.problems);
      notices.push(...stampedHeads.notices);
    }
    problems.push(...captureProblems.sort((a, b) => (a.where < b.where ? -1 : a.where > b.where ? 1 : 0)));
    const [databaseProblems, databaseMs] = await integrity;
    problems.unshift(...databaseProblems);
    const [objects, objectsMs] = await rehashing;
    problems.push(...objects.problems);
    notices.push(...objects.notices);
    const cancelled = signal?.aborted === true;
    if (cancelled) {
      notices.unshift(`cancelled: ${captures.captures} capture(s) and ${objects.checked} of ${objects.total} object(s) were checked before it stopped; the workspace is not verified`);
    } else {
      if (stamps && stamps.pending > 0) notices.push(`${stamps.pending} time-stamp(s) pending: captures made while no authority could be reached (exhibit stamp sends them); pending is not a failure`);
      // The brand catalogue's official images are kept in the store too (electron/core/fakes).
      for (const sha256 of await integrityStore.brandImageHashes(ws.db)) inventory.markReferenced(sha256);
      for (const sha256 of await thumbnails.thumbnailObjects(ws.db)) inventory.markReferenced(sha256);
      const unreferenced = inventory.unreferenced;
      if (unreferenced > 0) notices.push(`${unreferenced} object(s) are not referenced by any capture (left by interrupted work; harmless, kept)`);
    }

    return {
      ok: problems.length === 0 && !cancelled,
      cancelled,
      workspace: ws.dir,
      publicKeyFingerprint: ws.key.fingerprint,
      counts: {
        objects: inventory.files,
        objectBytes: objects.bytes + captures.manifestBytes,
        captures: captures.captures,
        artifacts: captures.artifacts,
        custodyEntries: chain.entries,
        timestamps: stamps?.tokens ?? 0,
        pendingTimestamps: stamps?.pending ?? 0,
      },
      chainHead: chain.head,
      custodyAnchor: anchor.kind === 'ok' ? { seq: anchor.anchor.seq, hash: anchor.anchor.hash } : null,
      stampedHead: stampedHeads?.latest ? { seq: stampedHeads.latest.seq, hash: stampedHeads.latest.hash, authorityUrl: stampedHeads.latest.authorityUrl, genTime: stampedHeads.latest.genTime } : null,
      problems,
      notices,
      startedAt,
      durationMs: Math.round(performance.now() - t0),
      phasesMs: { database: databaseMs, custody: custodyMs, captures: capturesMs, objects: objectsMs },
    };
  } finally {
    await pool.close();
  }
}

/**
 * The certificate dossiers are signed with must be one the custody log
 * recorded (made at init or first use, or imported): a certificate swapped
 * into keys/ would sign dossiers in this workspace's name unnoticed.
 */
async function identityProblems(ws: Workspace, db: Db): Promise<Problem[]> {
  const where = `keys/${IDENTITY_FILE}`;
  let identity: SigningIdentity | null;
  try {
    identity = await identityIfAny(ws);
  } catch (e) {
    return [{ area: 'key', where, message: `the certificate that signs dossiers cannot be read: ${(e as Error).message}` }];
  }
  if (!identity) return [];
  if ((await custody.recordedCertificates(db)).some((sha256) => sha256 === identity.fingerprint)) return [];
  return [{ area: 'key', where, message: `the certificate that signs dossiers (${identity.fingerprint}) is not one the custody log records: it was swapped in outside Exhibit` }];
}
