import { utcNow } from '../../util/time.js';
import type { Workspace } from '../workspace.js';
import { checkCaptures } from './capture-checks.js';
import { checkCustodyChain } from './custody-chain.js';
import { checkDatabase } from './database-checks.js';
import { inventoryObjects, rehashObjects } from './object-checks.js';
import type { Problem, VerifyReport } from './report.js';

export type VerifyProgress = { phase: 'database' | 'custody' | 'captures' | 'objects'; done: number; total: number };

/**
 * Everything that can be checked without trusting the database: SQLite's
 * integrity, the custody chain, every capture against its signed manifest,
 * and every object re-hashed. Reads only; the caller logs the run.
 */
export async function verifyWorkspace(ws: Workspace, onProgress?: (p: VerifyProgress) => void): Promise<VerifyReport> {
  const startedAt = utcNow();
  const t0 = performance.now();
  const problems: Problem[] = [];
  const notices: string[] = [];

  onProgress?.({ phase: 'database', done: 0, total: 1 });
  problems.push(...(await checkDatabase(ws.db)));

  onProgress?.({ phase: 'custody', done: 0, total: 1 });
  const chain = await checkCustodyChain(ws.db);
  problems.push(...chain.problems);
  if (chain.genesisFingerprint !== null && chain.genesisFingerprint !== ws.key.fingerprint) {
    problems.push({
      area: 'key',
      where: 'keys/signing-key.pem',
      message: `the signing key was replaced: the workspace was created with key ${chain.genesisFingerprint}, the key now present is ${ws.key.fingerprint}`,
    });
  }

  const inventory = await inventoryObjects(ws.store);
  onProgress?.({ phase: 'captures', done: 0, total: 1 });
  const captures = await checkCaptures(ws.db, ws.store, ws.key.publicKey, inventory.present, chain.storedCaptures);
  problems.push(...captures.problems);

  const objects = await rehashObjects(ws.db, ws.store, inventory, (done, total) => onProgress?.({ phase: 'objects', done, total }));
  problems.push(...objects.problems);
  notices.push(...objects.notices);
  const unreferenced = [...inventory.present].filter((h) => !captures.referenced.has(h)).length;
  if (unreferenced > 0) notices.push(`${unreferenced} object(s) are not referenced by any capture (left by interrupted work; harmless, kept)`);

  return {
    ok: problems.length === 0,
    workspace: ws.dir,
    publicKeyFingerprint: ws.key.fingerprint,
    counts: {
      objects: inventory.files.length,
      objectBytes: objects.bytes,
      captures: captures.captures,
      artifacts: captures.artifacts,
      custodyEntries: chain.entries,
    },
    chainHead: chain.head,
    problems,
    notices,
    startedAt,
    durationMs: Math.round(performance.now() - t0),
  };
}
