import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseOptionalRow, parseRows } from './rows.js';

/** The workspace's settings table: one text value per key. */

const settingRow = z.object({ key: col.text, value: col.text });
export type SettingRow = z.infer<typeof settingRow>;

/** Every setting, in no particular order. */
export async function allSettings(db: Db): Promise<SettingRow[]> {
  return parseRows(settingRow, await db.all('SELECT key, value FROM settings'), 'settings');
}

/** Every setting, by key: what verification compares with the replayed log. */
export async function settingsByKey(db: Db): Promise<SettingRow[]> {
  return parseRows(settingRow, await db.all('SELECT key, value FROM settings ORDER BY key'), 'settings');
}

const valueRow = z.object({ value: col.text });

/** One setting's value; undefined when it was never set. */
export async function settingValue(db: Db, key: string): Promise<string | undefined> {
  return parseOptionalRow(valueRow, await db.get('SELECT value FROM settings WHERE key = ?', [key]), 'settings')?.value;
}

/** The investigator named in each custody entry ('' before any is set). */
export async function investigatorName(db: Db): Promise<string> {
  return parseOptionalRow(valueRow, await db.get("SELECT value FROM settings WHERE key = 'investigator'"), 'settings')?.value ?? '';
}

/** Sets a setting, replacing its value. The caller writes the custody entry in the same transaction. */
export async function putSetting(tx: Db, key: string, value: string): Promise<void> {
  await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

/** A setting of a new workspace (fails if the key is already set). */
export async function insertSetting(tx: Db, key: string, value: string): Promise<void> {
  await tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', [key, value]);
}
