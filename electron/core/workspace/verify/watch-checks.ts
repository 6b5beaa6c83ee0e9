import type { Db } from '../db.js';
import type { ChainFindings } from './custody-chain.js';
import type { Problem } from './report.js';
import { integrity } from '../../store/index.js';

/**
 * A re-capture's classification ("removed", "unchanged") and a takedown
 * report are what a timeline and a dossier assert; each must be the one the
 * custody log recorded when it was made. One inserted or edited with the
 * sqlite3 tool is found here.
 */
export async function compareWatchWithCustody(db: Db, chain: Pick<ChainFindings, 'classifications' | 'reports'>): Promise<Problem[]> {
  const problems: Problem[] = [];
  await integrity.eachRecapture(db, (row) => {
    const logged = chain.classifications.get(row.captureId);
    const where = `capture ${row.captureId} re-capture classification`;
    if (!logged) problems.push({ area: 'capture', where, message: `classified ${row.classification}, but the custody log records no classification of it` });
    else if (logged.classification !== row.classification) {
      problems.push({ area: 'capture', where, message: `classified ${row.classification}, but the custody log records ${logged.classification}` });
    } else if (row.kind === 'listing' ? logged.listingId !== row.listingId : logged.storefrontOf !== row.sellerId) {
      problems.push({ area: 'capture', where, message: 'linked to another listing or seller than the custody log records' });
    }
  });
  await integrity.eachTakedownReport(db, (row) => {
    const logged = chain.reports.get(row.id);
    const where = `takedown report ${row.id}`;
    if (!logged) problems.push({ area: 'database', where, message: `a report of listing ${row.listingId} to ${row.platform} that the custody log does not record` });
    else {
      const differs = (['listingId', 'platform', 'programme', 'reportRef', 'reportedOn'] as const).filter((k) => logged[k] !== row[k]);
      if (differs.length > 0) problems.push({ area: 'database', where, message: `${differs.join(', ')} differ from what the custody log records` });
    }
  });
  return problems;
}
