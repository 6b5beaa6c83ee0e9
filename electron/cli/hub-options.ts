import { openHubDatabase, type HubPool } from '../core/hub/db.js';
import { HubObjectStore } from '../core/hub/object-store.js';
import { UsageError, type CommandContext, type ExitCode, type OptionSpec } from './command.js';

/** The options every command on the hub's machines takes to name the hub. */
export const HUB_OPTIONS = { database: { type: 'string' }, store: { type: 'string' }, endpoint: { type: 'string' } } as const satisfies OptionSpec;

export const HUB_OPTIONS_HELP = `  --database URL       postgres://USER:PASSWORD@HOST:PORT/DB (or EXHIBIT_HUB_DATABASE)
  --store s3://BUCKET  the object store (or EXHIBIT_HUB_STORE); credentials from
                       AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
  --endpoint URL       an S3-compatible server's URL (or EXHIBIT_HUB_ENDPOINT)`;

export interface HubParts {
  databaseUrl: string;
  pool: HubPool;
  store: HubObjectStore;
}

function hubParts(values: CommandContext['values']): HubParts {
  // `exhibit worker --hub postgres://…` reads better: the same option.
  const hubDb = typeof values.hub === 'string' && /^postgres(ql)?:\/\//.test(values.hub) ? values.hub : undefined;
  if (hubDb && typeof values.database === 'string' && values.database !== hubDb) throw new UsageError('--hub and --database name two databases: give one');
  const db = hubDb ?? (typeof values.database === 'string' ? values.database : process.env.EXHIBIT_HUB_DATABASE);
  const s3 = typeof values.store === 'string' ? values.store : process.env.EXHIBIT_HUB_STORE;
  const endpoint = typeof values.endpoint === 'string' ? values.endpoint : process.env.EXHIBIT_HUB_ENDPOINT;
  if (!db) throw new UsageError('the hub needs its database: --database postgres://USER:PASSWORD@HOST:PORT/DB (or EXHIBIT_HUB_DATABASE)');
  if (!/^postgres(ql)?:\/\//.test(db)) throw new UsageError('--database must be a postgres:// URL');
  if (!s3) throw new UsageError('the hub needs its object store: --store s3://BUCKET[/PREFIX] (or EXHIBIT_HUB_STORE)');
  let store: HubObjectStore;
  try {
    store = new HubObjectStore({ store: s3, ...(endpoint ? { endpoint } : {}) });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { databaseUrl: db, pool: openHubDatabase(db), store };
}

/** Opens the hub's database and store for the work, and closes both after it. */
export async function withHub(values: CommandContext['values'], work: (hub: HubParts) => Promise<ExitCode>): Promise<ExitCode> {
  const hub = hubParts(values);
  try {
    return await work(hub);
  } finally {
    hub.store.close();
    await hub.pool.end();
  }
}
