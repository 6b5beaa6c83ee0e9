import { z } from 'zod';
import type { Db } from '../db.js';
import type { CatalogueEvent } from './custody-chain.js';
import type { Problem } from './report.js';
import { settings } from '../../store/index.js';

const created = z.object({ investigator: z.string().optional(), organisation: z.string().optional() });
const changed = z.record(z.string(), z.object({ to: z.string() }));

/**
 * The settings are set when the workspace is made (its first entry) and
 * changed only with a settings.changed entry naming old and new values: the
 * investigator named on every entry and dossier, the browser a capture
 * runs. Replayed, the log gives each setting's value.
 */
export async function compareSettings(db: Db, events: readonly CatalogueEvent[]): Promise<Problem[]> {
  const expected = new Map<string, string>();
  for (const e of events) {
    if (e.action === 'workspace.created') {
      const d = created.safeParse(e.details);
      if (d.success) for (const [k, v] of Object.entries(d.data)) if (v !== undefined) expected.set(k, v);
    } else if (e.action === 'settings.changed') {
      const d = changed.safeParse(e.details);
      if (d.success) for (const [k, v] of Object.entries(d.data)) expected.set(k, v.to);
    }
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const row of await settings.settingsByKey(db)) {
    seen.add(row.key);
    const want = expected.get(row.key) ?? '';
    if (row.value !== want) {
      problems.push({ area: 'settings', where: `setting ${row.key}`, message: `it is ${JSON.stringify(row.value)}, but the custody log last records ${JSON.stringify(want)}: changed without a record` });
    }
  }
  for (const [key, value] of expected) {
    // A missing row reads as empty: only a value that was set is lost.
    if (!seen.has(key) && value !== '') problems.push({ area: 'settings', where: `setting ${key}`, message: `the custody log records ${JSON.stringify(value)}, but the setting is gone (deleted from the database)` });
  }
  return problems;
}
