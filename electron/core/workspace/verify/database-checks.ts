import type { Db } from '../db.js';
import type { Problem } from './report.js';
import { integrity } from '../../store/index.js';

const GUARD_TRIGGERS = [
  'custody_log_no_update',
  'custody_log_no_delete',
  'captures_no_update',
  'captures_no_delete',
  'artifacts_no_update',
  'artifacts_no_delete',
  'capture_fields_no_update',
  'capture_fields_no_delete',
  'field_corrections_no_update',
  'field_corrections_no_delete',
  'seller_link_decisions_no_update',
  'seller_link_decisions_no_delete',
];

/** SQLite's own integrity and foreign-key checks, and the append-only guards still in place. */
export async function checkDatabase(db: Db): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const line of await integrity.integrityCheck(db)) {
    if (line !== 'ok') problems.push({ area: 'database', where: 'exhibit.sqlite', message: `SQLite integrity check: ${line}` });
  }
  const fks = await integrity.foreignKeyViolations(db);
  for (const fk of fks) {
    problems.push({ area: 'database', where: `table ${fk.table} row ${fk.rowid}`, message: `refers to a ${fk.parent} row that does not exist` });
  }
  const present = new Set(await integrity.triggerNames(db));
  for (const name of GUARD_TRIGGERS) {
    if (!present.has(name)) problems.push({ area: 'database', where: `trigger ${name}`, message: 'the guard that keeps evidence rows unchangeable has been removed' });
  }
  return problems;
}
