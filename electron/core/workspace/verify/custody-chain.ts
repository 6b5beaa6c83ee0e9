import { z } from 'zod';
import { custodyEntryHash, eachCustodyEntry, GENESIS_HASH, type CustodyEntry } from '../custody.js';
import type { Db } from '../db.js';
import type { Problem } from './report.js';

export interface ChainFindings {
  problems: Problem[];
  entries: number;
  head: { seq: number; hash: string } | null;
  /** capture id → manifest hash named by its capture.stored event */
  storedCaptures: Map<string, string>;
  /** the key fingerprint recorded when the workspace was created */
  genesisFingerprint: string | null;
  /** capture id → where the log last says it was filed (captures stored before filing was logged are absent) */
  filings: Map<string, { listingId: string | null; sellerId: string | null }>;
  /** every correction the log records: capture id, field and value (as canonical JSON) */
  corrections: { captureId: string; field: string; value: string }[];
}

const placement = z.object({ listingId: z.string().nullable(), sellerId: z.string().nullable() });
const storedDetails = z.object({ manifestSha256: z.string(), filing: placement.optional() });
const filedDetails = z.object({ to: placement });
const correctedDetails = z.object({ field: z.string(), to: z.union([z.string(), z.array(z.string())]) });
const genesisDetails = z.object({ publicKeyFingerprint: z.string() });

/**
 * Walks the log in order: each entry must hash to its stored hash, name the
 * hash of the entry before it, and follow it without a gap in numbering.
 */
export async function checkCustodyChain(db: Db): Promise<ChainFindings> {
  const problems: Problem[] = [];
  const storedCaptures = new Map<string, string>();
  const filings = new Map<string, { listingId: string | null; sellerId: string | null }>();
  const corrections: ChainFindings['corrections'] = [];
  let previous: CustodyEntry | null = null;
  let genesisFingerprint: string | null = null;
  let entries = 0;

  await eachCustodyEntry(db, (entry) => {
    entries++;
    const where = `custody entry #${entry.seq}`;
    const expectedSeq = previous ? previous.seq + 1 : 1;
    if (entry.seq > expectedSeq) {
      const range = entry.seq - 1 === expectedSeq ? `#${expectedSeq}` : `#${expectedSeq}–#${entry.seq - 1}`;
      problems.push({ area: 'custody', where: `custody entry ${range}`, message: `missing: deleted from the log (the entries around it are #${expectedSeq - 1} and #${entry.seq})` });
    }
    if (custodyEntryHash(entry) !== entry.hash) {
      problems.push({ area: 'custody', where, message: `altered: its contents (${entry.action} at ${entry.at}) no longer match its recorded hash` });
    }
    const expectedPrev = previous ? previous.hash : GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) {
      problems.push({
        area: 'custody',
        where,
        message: previous ? `chain broken: it does not name the hash of entry #${previous.seq} before it` : 'chain broken: the first entry does not start the chain',
      });
    }
    if (entry.action === 'workspace.created' && genesisFingerprint === null) {
      genesisFingerprint = parseDetails(genesisDetails, entry.details)?.publicKeyFingerprint ?? null;
    }
    if (entry.action === 'capture.stored' && entry.subject) {
      const details = parseDetails(storedDetails, entry.details);
      if (details) storedCaptures.set(entry.subject, details.manifestSha256);
      if (details?.filing) filings.set(entry.subject, { listingId: details.filing.listingId, sellerId: details.filing.sellerId });
    }
    if (entry.action === 'capture.filed' && entry.subject) {
      const details = parseDetails(filedDetails, entry.details);
      if (details) filings.set(entry.subject, details.to);
    }
    if (entry.action === 'field.corrected' && entry.subject) {
      const details = parseDetails(correctedDetails, entry.details);
      if (details) corrections.push({ captureId: entry.subject, field: details.field, value: JSON.stringify(details.to) });
    }
    previous = entry;
  });

  const last = previous as CustodyEntry | null;
  const counter = await db.get<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'custody_log'");
  const issued = counter?.seq ?? 0;
  const lastSeq = last?.seq ?? 0;
  if (issued > lastSeq) {
    const range = issued === lastSeq + 1 ? `#${issued}` : `#${lastSeq + 1}–#${issued}`;
    problems.push({ area: 'custody', where: `custody entry ${range}`, message: 'missing: deleted from the end of the log' });
  }
  if (entries === 0) problems.push({ area: 'custody', where: 'custody log', message: 'the log is empty: even the workspace-created entry is gone' });
  return { problems, entries, head: last ? { seq: last.seq, hash: last.hash } : null, storedCaptures, genesisFingerprint, filings, corrections };
}

function parseDetails<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
