import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { fsyncDir, writeFileAtomic } from '../util/durable-fs.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { newId } from '../util/ids.js';
import { exhibitVersion } from '../version.js';
import { recordCapture, type CaptureInput, type CaptureRecord } from './capture-record.js';
import { appendCustody, signCustodyWith, type CustodyEvent, type CustodyEntry } from './custody.js';
import { Db } from './db.js';
import type { WorkspaceError } from './errors.js';
import { MARKER_FORMAT, workspaceLayout, type WorkspaceLayout } from './layout.js';
import { migrate, schemaVersion, SCHEMA_VERSION } from './migrations/index.js';
import { ObjectStore } from './object-store.js';
import { namesSchema, readSettings, writeSettings, type Settings } from './settings.js';
import { SigningKey } from './signing-key.js';
import { identityEvent, newWorkspaceIdentity, placeIdentity } from '../identity/identity.js';
import { enqueueStamp } from './timestamps.js';
import { integrity, settings as settingsStore } from '../store/index.js';

const markerSchema = z.object({ format: z.literal(MARKER_FORMAT), id: z.string(), createdAt: z.string() });

/**
 * One folder of evidence: the database, the object store and the signing key.
 * Open it with Workspace.open (or make one with Workspace.init); expected
 * failures come back as a WorkspaceError, never half-open.
 */
export class Workspace {
  private constructor(
    readonly layout: WorkspaceLayout,
    readonly id: string,
    readonly db: Db,
    readonly store: ObjectStore,
    readonly key: SigningKey,
    /** opened for reading only (see open): every write fails */
    readonly readOnly: boolean,
  ) {}

  get dir(): string {
    return this.layout.dir;
  }

  /**
   * `readOnly`: for a command that only reads, on a workspace it cannot
   * write (read-only media, a read-only copy): nothing is migrated, made or
   * tidied, and the database is opened for reading only. Anything that then
   * tries to write fails (SQLITE_READONLY) and changes nothing.
   */
  static async open(dir: string, options: { readOnly?: boolean } = {}): Promise<Result<Workspace, WorkspaceError>> {
    const layout = workspaceLayout(dir);
    const stat = await fs.stat(dir).catch(() => undefined);
    if (!stat) return err({ kind: 'not-found', dir });
    if (!stat.isDirectory()) return err({ kind: 'not-a-workspace', dir });

    const markerText = await fs.readFile(layout.marker, 'utf8').catch(() => undefined);
    if (markerText === undefined) return err({ kind: 'not-a-workspace', dir });
    let marker: z.infer<typeof markerSchema>;
    try {
      marker = markerSchema.parse(JSON.parse(markerText));
    } catch {
      return err({ kind: 'not-a-workspace', dir });
    }
    if (!(await exists(layout.database))) return err({ kind: 'corrupt-database', path: layout.database, detail: 'the database file is missing' });
    if (!(await exists(layout.privateKey))) return err({ kind: 'missing-key', path: layout.privateKey });
    if (!(await exists(layout.publicKey))) return err({ kind: 'missing-key', path: layout.publicKey });

    let key: SigningKey;
    try {
      key = await SigningKey.load(layout.privateKey, layout.publicKey);
    } catch (e) {
      return err({ kind: 'bad-key', path: layout.privateKey, detail: (e as Error).message });
    }

    if (options.readOnly) return Workspace.openReadOnly(layout, marker.id, key);
    let db: Db;
    try {
      db = await Db.open(layout.database, { create: false });
    } catch (e) {
      return err(databaseError(layout, e));
    }
    try {
      // Read the version before anything can write: a newer or foreign file is left exactly as it was.
      const version = await schemaVersion(db);
      if (version > SCHEMA_VERSION) {
        await db.close();
        return err({ kind: 'newer-schema', dir, found: version, supported: SCHEMA_VERSION });
      }
      await configure(db);
      await migrate(db);
      signCustodyWith(db, key, layout.custodyHead);
    } catch (e) {
      await db.close().catch(() => undefined);
      return err(databaseError(layout, e));
    }
    const store = new ObjectStore(layout.objects, layout.tmp);
    try {
      await fs.mkdir(layout.tmp, { recursive: true });
      await store.removeAbandonedTemps();
    } catch (e) {
      await db.close().catch(() => undefined);
      return err({ kind: 'unwritable', dir, detail: errorText(e) });
    }
    return ok(new Workspace(layout, marker.id, db, store, key, false));
  }

  /** The workspace as it is, for reading: its schema must be this Exhibit's, since it cannot be migrated. */
  /** Read-only but live (another process may be writing) where SQLite can; immutable where it cannot share the WAL index. */
  private static async openDatabaseReadOnly(path: string): Promise<Db> {
    const ro = await Db.open(path, { create: false, readOnly: 'ro' });
    try {
      await schemaVersion(ro);
      return ro;
    } catch (e) {
      await ro.close().catch(() => undefined);
      const code = (e as { code?: string }).code;
      if (code !== 'SQLITE_CANTOPEN' && code !== 'SQLITE_READONLY') throw e;
      return Db.open(path, { create: false, readOnly: 'immutable' });
    }
  }

  private static async openReadOnly(layout: WorkspaceLayout, id: string, key: SigningKey): Promise<Result<Workspace, WorkspaceError>> {
    let db: Db;
    try {
      db = await Workspace.openDatabaseReadOnly(layout.database);
    } catch (e) {
      return err(databaseError(layout, e));
    }
    try {
      const version = await schemaVersion(db);
      if (version !== SCHEMA_VERSION) {
        await db.close();
        if (version > SCHEMA_VERSION) return err({ kind: 'newer-schema', dir: layout.dir, found: version, supported: SCHEMA_VERSION });
        return err({ kind: 'unwritable', dir: layout.dir, detail: `it is read-only, and was made by an older Exhibit (database schema ${version}); open a writable copy once to bring it up to date` });
      }
    } catch (e) {
      await db.close().catch(() => undefined);
      return err(databaseError(layout, e));
    }
    return ok(new Workspace(layout, id, db, new ObjectStore(layout.objects, layout.tmp), key, true));
  }

  /**
   * Makes a workspace in a new or empty folder. Everything is built in a
   * hidden folder beside it and renamed into place, so a crash leaves either
   * no workspace or a whole one.
   */
  static async init(dir: string, settings: Partial<Pick<Settings, 'investigator' | 'organisation'>> = {}): Promise<Result<Workspace, WorkspaceError>> {
    const stat = await fs.stat(dir).catch(() => undefined);
    if (stat) {
      if (!stat.isDirectory()) return err({ kind: 'not-a-workspace', dir });
      if (await exists(workspaceLayout(dir).marker)) return err({ kind: 'already-exists', dir });
      if ((await fs.readdir(dir)).length > 0) return err({ kind: 'not-empty', dir });
    }
    const parent = dirname(dir);
    const staging = join(parent, `.${basename(dir)}.exhibit-init-${randomBytes(4).toString('hex')}`);
    try {
      await fs.mkdir(parent, { recursive: true });
      await fs.mkdir(staging);
    } catch (e) {
      return err({ kind: 'unwritable', dir: parent, detail: errorText(e) });
    }
    try {
      await build(staging, settings);
      if (stat) await fs.rmdir(dir);
      await fs.rename(staging, dir);
      await fsyncDir(parent);
    } catch (e) {
      await fs.rm(staging, { recursive: true, force: true });
      return err({ kind: 'unwritable', dir: parent, detail: errorText(e) });
    }
    return Workspace.open(dir);
  }

  settings(): Promise<Settings> {
    return readSettings(this.db);
  }

  updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return writeSettings(this.db, patch);
  }

  private readonly captureListeners = new Set<(record: CaptureRecord) => void>();

  /** Called after each capture is committed (the time-stamper listens); returns the way to stop listening. */
  onCaptureStored(listener: (record: CaptureRecord) => void): () => void {
    this.captureListeners.add(listener);
    return () => this.captureListeners.delete(listener);
  }

  async recordCapture(input: CaptureInput): Promise<CaptureRecord> {
    const record = await recordCapture(this, input);
    for (const listener of this.captureListeners) listener(record);
    return record;
  }

  /** Records an event that changes nothing else (an export, a verification). */
  logEvent(event: CustodyEvent): Promise<CustodyEntry> {
    return this.db.transaction((tx) => appendCustody(tx, event));
  }

  /** Another connection to the database, opened as this one was (for reading only on a read-only workspace). */
  connect(): Promise<Db> {
    return this.readOnly ? Workspace.openDatabaseReadOnly(this.layout.database) : Db.open(this.layout.database, { create: false });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

async function build(dir: string, settings: Partial<Pick<Settings, 'investigator' | 'organisation'>>): Promise<void> {
  const layout = workspaceLayout(dir);
  await fs.mkdir(layout.objects);
  await fs.mkdir(layout.tmp);
  await fs.mkdir(layout.keys, { mode: 0o700 });
  const key = await SigningKey.generate(layout.privateKey, layout.publicKey);
  const initial = namesSchema.parse({ investigator: settings.investigator ?? '', organisation: settings.organisation ?? '' });
  // The certificate a dossier's PDF signature shows: the investigator and organisation, tied to the workspace key.
  const identity = await newWorkspaceIdentity(initial, key.fingerprint);
  await placeIdentity(layout.keys, identity);
  const db = await Db.open(layout.database, { create: true });
  try {
    await configure(db);
    await migrate(db);
    signCustodyWith(db, key, layout.custodyHead);
    // The first entry of the chain names the key, so a swapped key is found later,
    // and is made by the investigator the workspace is set up for.
    await db.transaction(async (tx) => {
      for (const [k, v] of Object.entries(initial)) await settingsStore.insertSetting(tx, k, v);
      await appendCustody(tx, {
        action: 'workspace.created',
        subject: null,
        details: { publicKeyFingerprint: key.fingerprint, exhibitVersion: exhibitVersion(), schemaVersion: SCHEMA_VERSION, ...initial },
      });
      // The key's fingerprint is the SHA-256 of its public half: a stamp of it dates the key.
      const fingerprint = key.fingerprint.replace(/ /g, '');
      await enqueueStamp(tx, 'key', fingerprint, fingerprint);
      await appendCustody(tx, identityEvent(identity, 'made', null));
    });
  } finally {
    await db.close();
  }
  await writeFileAtomic(layout.marker, `${JSON.stringify({ format: MARKER_FORMAT, id: newId(), createdAt: utcNow() }, null, 2)}\n`);
  await fsyncDir(layout.keys);
  await fsyncDir(dir);
}

async function configure(db: Db): Promise<void> {
  // FULL: a committed capture survives power loss, not only a crashed process.
  await integrity.configureConnection(db);
}

function databaseError(layout: WorkspaceLayout, e: unknown): WorkspaceError {
  const code = (e as { code?: string }).code;
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return { kind: 'unwritable', dir: layout.dir, detail: errorText(e) };
  }
  return { kind: 'corrupt-database', path: layout.database, detail: errorText(e) };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message.replace(/^SQLITE_\w+: /, '') : String(e);
}

async function exists(path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false,
  );
}
