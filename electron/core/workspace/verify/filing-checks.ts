import type { Db } from '../db.js';
import type { ChainFindings } from './custody-chain.js';
import type { Problem } from './report.js';
import { integrity } from '../../store/index.js';

/**
 * Where a capture is filed, and every correction of what was extracted from
 * it, may change, but only with a custody record: a capture moved to another
 * seller, or a price "corrected", by editing the database is found here.
 */
export async function compareFilingWithCustody(db: Db, chain: Pick<ChainFindings, 'filings' | 'corrections' | 'notes'>): Promise<Problem[]> {
  const problems: Problem[] = [];
  await integrity.eachCaptureFiling(db, (row) => {
    const logged = chain.filings.get(row.id);
    if (!logged) return;
    if (logged.caseId !== undefined && logged.caseId !== row.caseId) {
      problems.push({
        area: 'capture',
        where: `capture ${row.id} case`,
        message: `in case ${row.caseId ?? 'none'}, but the custody log records it stored in case ${logged.caseId ?? 'none'}: moved without a record`,
      });
    }
    if (logged.listingId !== row.listingId || logged.sellerId !== row.sellerId) {
      problems.push({
        area: 'capture',
        where: `capture ${row.id} filing`,
        message: `filed under listing ${row.listingId ?? 'none'} and seller ${row.sellerId ?? 'none'}, but the custody log last records listing ${logged.listingId ?? 'none'} and seller ${logged.sellerId ?? 'none'}: moved without a record`,
      });
    }
  });
  const logged = new Map<string, number>();
  for (const c of chain.corrections) {
    const key = `${c.captureId}\u0000${c.field}\u0000${c.value}`;
    logged.set(key, (logged.get(key) ?? 0) + 1);
  }
  await integrity.eachCorrection(db, (row) => {
    const key = `${row.captureId}\u0000${row.field}\u0000${row.value}`;
    const n = logged.get(key) ?? 0;
    if (n > 0) logged.set(key, n - 1);
    else problems.push({ area: 'capture', where: `capture ${row.captureId} correction #${row.seq}`, message: `a correction of ${row.field} to ${row.value} that the custody log does not record` });
  });
  // What is left was logged but has no row: a correction deleted, or its value changed.
  for (const c of chain.corrections) {
    const key = `${c.captureId}\u0000${c.field}\u0000${c.value}`;
    const n = logged.get(key) ?? 0;
    if (n === 0) continue;
    logged.set(key, n - 1);
    problems.push({ area: 'capture', where: `capture ${c.captureId} correction of ${c.field}`, message: `the custody log records a correction of ${c.field} to ${c.value}, but its row is gone (deleted or changed)` });
  }
  // A note is not evidence, but what it says about a capture must be what the investigator wrote.
  const written = new Map<string, number>();
  for (const n of chain.notes) {
    const key = `${n.captureId}\u0000${n.text}`;
    written.set(key, (written.get(key) ?? 0) + 1);
  }
  await integrity.eachNote(db, (row) => {
    const key = `${row.captureId}\u0000${row.text}`;
    const n = written.get(key) ?? 0;
    if (n > 0) written.set(key, n - 1);
    else problems.push({ area: 'capture', where: `capture ${row.captureId} note #${row.seq}`, message: 'a note that the custody log does not record' });
  });
  return problems;
}
