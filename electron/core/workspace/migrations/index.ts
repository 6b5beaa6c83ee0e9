import type { Db } from '../db.js';
import { migration001 } from './001-initial.js';
import { migration002 } from './002-sellers-and-search.js';
import { migration003 } from './003-watch.js';
import { migration004 } from './004-capture-notes.js';
import { migration005 } from './005-trusted-time.js';
import { migration006 } from './006-custody-head.js';
import { migration007 } from './007-brand-protection.js';
import { migration008 } from './008-seller-links.js';
import { migration009 } from './009-listing-offers.js';
import { migration010 } from './010-dashboard-indexes.js';
import { migration011 } from './011-thumbnails.js';
import { migration012 } from './012-hub-pushes.js';
import { migration013 } from './013-seller-page-jobs.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** In order; a migration, once released, is never edited: add the next one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export async function schemaVersion(db: Db): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  return row?.user_version ?? 0;
}

/**
 * Applies what is missing, each migration in its own transaction with the
 * version bump, re-reading the version under the write lock because another
 * process may have migrated the same file a moment ago.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  const current = await schemaVersion(db);
  for (const m of migrations.filter((m) => m.version > current)) {
    await db.transaction(async (tx) => {
      if ((await schemaVersion(tx)) >= m.version) return;
      await tx.exec(m.sql);
      await tx.exec(`PRAGMA user_version = ${m.version}`);
      applied.push(m.version);
    });
  }
  return applied;
}
