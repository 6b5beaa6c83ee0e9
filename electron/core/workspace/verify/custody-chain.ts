import { z } from 'zod';
import { custodyEntryHash, eachCustodyEntry, GENESIS_HASH, type CustodyEntry } from '../custody.js';
import type { Db } from '../db.js';
import type { Problem } from './report.js';
import { custody } from '../../store/index.js';

export interface ChainFindings {
  problems: Problem[];
  entries: number;
  head: { seq: number; hash: string } | null;
  /** capture id → manifest hash named by its capture.stored event */
  storedCaptures: Map<string, string>;
  /** the key fingerprint recorded when the workspace was created */
  genesisFingerprint: string | null;
  /** whether the workspace was created by an Exhibit that signs its log (schema 6 on) */
  bornSigned: boolean;
  /** capture id → where the log last says it was filed (captures stored before filing was logged are absent); caseId when the log names it */
  filings: Map<string, { listingId: string | null; sellerId: string | null; caseId?: string | null }>;
  /** the entries that make or change the catalogue and settings, in order, for the row checks to replay */
  catalogue: CatalogueEvent[];
  /** every correction the log records: capture id, field and value (as canonical JSON) */
  corrections: { captureId: string; field: string; value: string }[];
  /** capture id → the classification its recapture.classified event records */
  classifications: Map<string, { classification: string; listingId: string | null; storefrontOf: string | null }>;
  /** every note version the log records: capture id and text */
  notes: { captureId: string; text: string }[];
  /** "kind subject name" → the time-stamp token its capture.stamped / key.stamped event records */
  stamps: Map<string, { tokenSha256: string; genTime: string; serial: string; imprint: string }>;
  /** authority URL → the SHA-256 of every root the log records being trusted for it */
  authorityRoots: Map<string, Set<string>>;
  /** takedown report id → the report its listing.reported event records */
  reports: Map<string, { listingId: string; platform: string; programme: string; reportRef: string; reportedOn: string }>;
}

export interface CatalogueEvent {
  seq: number;
  action: string;
  subject: string | null;
  /** the entry's details, parsed JSON, to be checked by the replay that reads it */
  details: unknown;
}

/** Actions whose effect on the catalogue's rows (sellers, cases, listings, settings) verification replays. */
const CATALOGUE_ACTIONS: ReadonlySet<string> = new Set([
  'workspace.created',
  'settings.changed',
  'case.created',
  'case.member-added',
  'case.member-removed',
  'seller.created',
  'seller.renamed',
  'seller.status-changed',
  'seller.tagged',
  'seller.untagged',
  'seller.merged',
  'seller.unmerged',
  'listing.created',
  'note.edited',
  'listing.offer-filed',
  'seller.link-confirmed',
  'seller.link-rejected',
  'hub.pushed',
]);

const placement = z.object({ listingId: z.string().nullable(), sellerId: z.string().nullable(), caseId: z.string().nullable().optional() });
const storedDetails = z.object({ manifestSha256: z.string(), filing: placement.optional() });
const filedDetails = z.object({ to: placement });
const correctedDetails = z.object({ field: z.string(), to: z.union([z.string(), z.array(z.string())]) });
const genesisDetails = z.object({ publicKeyFingerprint: z.string(), schemaVersion: z.number().optional() });
const classifiedDetails = z.object({
  classification: z.string(),
  target: z.union([z.object({ listingId: z.string().nullable() }), z.object({ storefrontOf: z.string().nullable() })]),
});
const noteDetails = z.object({ to: z.string() });
const stampedDetails = z.object({ token: z.string(), tokenSha256: z.string(), genTime: z.string(), serial: z.string(), imprint: z.string() });
const tsaAddedDetails = z.object({ url: z.string(), roots: z.array(z.object({ sha256: z.string() })) });
const reportedDetails = z.object({ report: z.string(), platform: z.string(), programme: z.string(), reportRef: z.string(), reportedOn: z.string() });

/**
 * Walks the log in order: each entry must hash to its stored hash, name the
 * hash of the entry before it, and follow it without a gap in numbering.
 */
export async function checkCustodyChain(db: Db): Promise<ChainFindings> {
  const problems: Problem[] = [];
  const storedCaptures = new Map<string, string>();
  const filings = new Map<string, { listingId: string | null; sellerId: string | null }>();
  const corrections: ChainFindings['corrections'] = [];
  const classifications: ChainFindings['classifications'] = new Map();
  const reports: ChainFindings['reports'] = new Map();
  const notes: ChainFindings['notes'] = [];
  const stamps: ChainFindings['stamps'] = new Map();
  const authorityRoots: ChainFindings['authorityRoots'] = new Map();
  let previous: CustodyEntry | null = null;
  let genesisFingerprint: string | null = null;
  let bornSigned = false;
  const catalogue: CatalogueEvent[] = [];
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
      const genesis = parseDetails(genesisDetails, entry.details);
      genesisFingerprint = genesis?.publicKeyFingerprint ?? null;
      bornSigned = (genesis?.schemaVersion ?? 0) >= 6;
    }
    if (CATALOGUE_ACTIONS.has(entry.action)) catalogue.push({ seq: entry.seq, action: entry.action, subject: entry.subject, details: parseJson(entry.details) });
    if (entry.action === 'capture.stored' && entry.subject) {
      const details = parseDetails(storedDetails, entry.details);
      if (details) storedCaptures.set(entry.subject, details.manifestSha256);
      if (details?.filing) filings.set(entry.subject, details.filing);
    }
    if (entry.action === 'capture.filed' && entry.subject) {
      const details = parseDetails(filedDetails, entry.details);
      // A refiling moves the listing and seller; the case stays where the capture was stored.
      if (details) filings.set(entry.subject, { ...filings.get(entry.subject), listingId: details.to.listingId, sellerId: details.to.sellerId });
    }
    if (entry.action === 'field.corrected' && entry.subject) {
      const details = parseDetails(correctedDetails, entry.details);
      if (details) corrections.push({ captureId: entry.subject, field: details.field, value: JSON.stringify(details.to) });
    }
    if (entry.action === 'recapture.classified' && entry.subject) {
      const details = parseDetails(classifiedDetails, entry.details);
      if (details) {
        const t = details.target;
        classifications.set(entry.subject, { classification: details.classification, listingId: 'listingId' in t ? t.listingId : null, storefrontOf: 'storefrontOf' in t ? t.storefrontOf : null });
      }
    }
    if (entry.action === 'note.edited' && entry.subject) {
      const d = parseDetails(noteDetails, entry.details);
      if (d) notes.push({ captureId: entry.subject, text: d.to });
    }
    if ((entry.action === 'capture.stamped' || entry.action === 'key.stamped') && entry.subject) {
      const d = parseDetails(stampedDetails, entry.details);
      if (d) stamps.set(stampKey(entry.action === 'capture.stamped' ? 'capture' : 'key', entry.subject, d.token), d);
    }
    if (entry.action === 'tsa.added') {
      const d = parseDetails(tsaAddedDetails, entry.details);
      if (d) {
        const set = authorityRoots.get(d.url) ?? new Set<string>();
        for (const r of d.roots) set.add(r.sha256);
        authorityRoots.set(d.url, set);
      }
    }
    if (entry.action === 'listing.reported' && entry.subject) {
      const d = parseDetails(reportedDetails, entry.details);
      if (d) reports.set(d.report, { listingId: entry.subject, platform: d.platform, programme: d.programme, reportRef: d.reportRef, reportedOn: d.reportedOn });
    }
    previous = entry;
  });

  const last = previous as CustodyEntry | null;
  const issued = (await custody.highestIssuedSeq(db)) ?? 0;
  const lastSeq = last?.seq ?? 0;
  if (issued > lastSeq) {
    const range = issued === lastSeq + 1 ? `#${issued}` : `#${lastSeq + 1}–#${issued}`;
    problems.push({ area: 'custody', where: `custody entry ${range}`, message: 'missing: deleted from the end of the log' });
  }
  if (entries === 0) problems.push({ area: 'custody', where: 'custody log', message: 'the log is empty: even the workspace-created entry is gone' });
  return { problems, entries, head: last ? { seq: last.seq, hash: last.hash } : null, storedCaptures, genesisFingerprint, bornSigned, filings, catalogue, corrections, classifications, reports, notes, stamps, authorityRoots };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function parseDetails<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** How a token is named across the table and the log. */
export function stampKey(kind: string, subject: string, name: string): string {
  return `${kind} ${subject} ${name}`;
}
