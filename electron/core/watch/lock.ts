import { hostname } from 'node:os';
import { recaptures } from '../store/index.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import type { Db } from '../workspace/db.js';

export interface LockHolder {
  runId: string;
  pid: number;
  host: string;
  startedAt: string;
  heartbeat: string;
}

/** A holder that stopped beating this long ago is taken for dead, even on another machine sharing the folder. */
const STALE_MS = 10 * 60_000;

/**
 * Takes the re-capture lock for a run. The lock is a row, taken in a write
 * transaction, so of two processes starting at once exactly one gets it. A
 * holder that was killed leaves its row behind: it is taken over when its
 * process is gone (same machine) or it has not beaten for STALE_MS.
 */
export async function takeLock(db: Db, runId: string, now: () => number = Date.now): Promise<Result<void, LockHolder>> {
  return db.transaction(async (tx) => {
    const held = await recaptures.lockHolder(tx);
    if (held && isAlive(held, now())) return err(held);
    const at = utcNow();
    await recaptures.putLock(tx, { runId, pid: process.pid, host: hostname(), startedAt: at, heartbeat: at });
    return ok(undefined);
  });
}

export async function beat(db: Db, runId: string): Promise<void> {
  await db.transaction((tx) => recaptures.beatLock(tx, runId, utcNow()));
}

export async function releaseLock(db: Db, runId: string): Promise<void> {
  await db.transaction((tx) => recaptures.deleteLock(tx, runId));
}

export async function lockHolder(db: Db): Promise<LockHolder | undefined> {
  const held = await recaptures.lockHolder(db);
  return held && isAlive(held, Date.now()) ? held : undefined;
}

function isAlive(h: LockHolder, now: number): boolean {
  if (now - Date.parse(h.heartbeat) > STALE_MS) return false;
  if (h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
