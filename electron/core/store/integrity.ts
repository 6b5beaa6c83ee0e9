import type { Db } from '../workspace/db.js';

/**
 * What keeps the database whole, and the reads `exhibit verify` makes across
 * tables to compare rows with the custody log. Verification's streams parse
 * each row with a small schema: a row of the wrong shape is reported with
 * its table, never compared as if it were sound.
 */

/** Every connection the workspace opens for writing: WAL, and FULL so a committed capture survives power loss, not only a crashed process. */
export async function configureConnection(db: Db): Promise<void> {
  await db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
}
