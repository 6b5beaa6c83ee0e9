import { pathToFileURL } from 'node:url';
import sqlite3 from 'sqlite3';
import { Mutex } from '../util/mutex.js';

export type SqlParam = string | number | bigint | null | Uint8Array;

/** How long a writer waits for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 30_000;

/**
 * A promise face on one sqlite3 connection. Writes go through transaction(),
 * which serialises them within the process (one connection cannot hold two
 * transactions) and takes SQLite's write lock up front (BEGIN IMMEDIATE) so
 * that two processes queue on the busy timeout instead of deadlocking.
 */
export class Db {
  private readonly writes = new Mutex();

  private readonly commitHooks: (() => Promise<void>)[] = [];

  private constructor(private readonly handle: sqlite3.Database) {}

  /** Runs after each transaction() commits, still holding this connection's write turn, so hooks run in commit order. */
  onCommit(hook: () => Promise<void>): void {
    this.commitHooks.push(hook);
  }

  /**
   * `readOnly: 'ro'` opens the file for reading only; `'immutable'` also tells
   * SQLite that nothing can change it, which is what lets it read a WAL
   * database in a folder it cannot write (no -shm file can be made there):
   * for a workspace on read-only media or made read-only, where that is so.
   */
  static open(path: string, options: { create: boolean; readOnly?: 'ro' | 'immutable' }): Promise<Db> {
    const readOnly = options.readOnly;
    const mode = readOnly ? sqlite3.OPEN_READONLY | sqlite3.OPEN_URI | sqlite3.OPEN_FULLMUTEX : sqlite3.OPEN_READWRITE | sqlite3.OPEN_FULLMUTEX | (options.create ? sqlite3.OPEN_CREATE : 0);
    const name = readOnly ? `${pathToFileURL(path).href}?${readOnly === 'immutable' ? 'immutable=1' : 'mode=ro'}` : path;
    return new Promise((resolve, reject) => {
      const handle = new sqlite3.Database(name, mode, (e) => {
        if (e) reject(e);
        else {
          handle.configure('busyTimeout', BUSY_TIMEOUT_MS);
          resolve(new Db(handle));
        }
      });
    });
  }

  run(sql: string, params: readonly SqlParam[] = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) => {
      this.handle.run(sql, params, function (this: sqlite3.RunResult, e: Error | null) {
        if (e) reject(e);
        else resolve({ changes: this.changes, lastID: this.lastID });
      });
    });
  }

  get<T>(sql: string, params: readonly SqlParam[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.handle.get(sql, params, (e: Error | null, row: T | undefined) => (e ? reject(e) : resolve(row)));
    });
  }

  all<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.handle.all(sql, params, (e: Error | null, rows: T[]) => (e ? reject(e) : resolve(rows)));
    });
  }

  /** Streams rows to onRow without holding the whole result in memory. */
  each<T>(sql: string, params: readonly SqlParam[], onRow: (row: T) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      let failure: unknown;
      this.handle.each(
        sql,
        params,
        (e: Error | null, row: T) => {
          if (e) failure = e;
          else if (failure === undefined) {
            try {
              onRow(row);
            } catch (thrown) {
              failure = thrown;
            }
          }
        },
        (e: Error | null, count: number) => (e || failure ? reject(e ?? failure) : resolve(count)),
      );
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.handle.exec(sql, (e) => (e ? reject(e) : resolve())));
  }

  transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      await this.exec('BEGIN IMMEDIATE');
      let value: T;
      try {
        value = await work(this);
        await this.exec('COMMIT');
      } catch (e) {
        await this.exec('ROLLBACK').catch(() => undefined);
        throw e;
      }
      // After the commit, whatever a hook does: the work is done and stays done.
      for (const hook of this.commitHooks) await hook().catch(() => undefined);
      return value;
    });
  }

  /**
   * Runs reads against one snapshot of the database: a deferred transaction
   * whose first read fixes what every later read sees, while writers on other
   * connections go on (WAL). For a connection of its own: nothing else may
   * use this connection meanwhile.
   */
  readSnapshot<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      await this.exec('BEGIN DEFERRED');
      try {
        // The snapshot starts at the first read, not at BEGIN.
        await this.get('SELECT COUNT(*) FROM sqlite_master');
        return await work(this);
      } finally {
        await this.exec('COMMIT').catch(() => undefined);
      }
    });
  }

  private closed = false;

  /** Closing twice is harmless: the second call does nothing. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve, reject) => this.handle.close((e) => (e ? reject(e) : resolve())));
  }
}
