import { z } from 'zod';
import { appendCustody } from './custody.js';
import type { Db } from './db.js';
import { settings } from '../store/index.js';

/** Who prepares the evidence: set when the workspace is made, and recorded in its first custody entry. */
export const namesSchema = z.object({
  investigator: z.string().trim().max(200),
  organisation: z.string().trim().max(200),
});

export const settingsSchema = namesSchema.extend({
  /** the Chromium, Chrome or Edge captures use; empty: found on this machine (see findBrowser) */
  browserPath: z.string().trim().max(4096),
  /** NTP servers the clock is checked against at each capture session; empty: the defaults; "none": not checked */
  ntpServers: z.string().trim().max(1000),
});

export type Settings = z.infer<typeof settingsSchema>;

const KEYS = ['investigator', 'organisation', 'browserPath', 'ntpServers'] as const;

export async function readSettings(db: Db): Promise<Settings> {
  const rows = await settings.allSettings(db);
  const raw: Record<string, string> = { investigator: '', organisation: '', browserPath: '', ntpServers: '' };
  for (const r of rows) if ((KEYS as readonly string[]).includes(r.key)) raw[r.key] = r.value;
  return settingsSchema.parse(raw);
}

/** Writes the changed settings with a custody event naming old and new values. */
export async function writeSettings(db: Db, patch: Partial<Settings>): Promise<Settings> {
  const clean = settingsSchema.partial().parse(patch);
  return db.transaction(async (tx) => {
    const before = await readSettings(tx);
    const changes: Record<string, { from: string; to: string }> = {};
    for (const key of KEYS) {
      const value = clean[key];
      if (value === undefined || value === before[key]) continue;
      await settings.putSetting(tx, key, value);
      changes[key] = { from: before[key], to: value };
    }
    if (Object.keys(changes).length > 0) await appendCustody(tx, { action: 'settings.changed', subject: null, details: changes });
    return readSettings(tx);
  });
}

/** The workspace's setting for when its dashboard was last marked seen: what "since the last visit" counts from. */
export const LAST_VISIT_KEY = 'lastVisitAt';

/** When the investigator last marked the dashboard seen (UTC ISO); null when never. */
export async function readLastVisit(db: Db): Promise<string | null> {
  return (await settings.settingValue(db, LAST_VISIT_KEY)) || null;
}

/**
 * Marks everything up to `at` seen. A setting like the others, so it is
 * changed with a settings.changed entry naming old and new values, and
 * verification replays it.
 */
export async function markVisited(db: Db, at: string): Promise<string> {
  return db.transaction(async (tx) => {
    const before = (await readLastVisit(tx)) ?? '';
    if (before === at) return at;
    await settings.putSetting(tx, LAST_VISIT_KEY, at);
    await appendCustody(tx, { action: 'settings.changed', subject: null, details: { [LAST_VISIT_KEY]: { from: before, to: at } } });
    return at;
  });
}
