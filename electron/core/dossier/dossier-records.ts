import { basename } from 'node:path';
import { err, ok, type Result } from '../util/result.js';
import { dossiers } from '../store/index.js';
import type { Db } from '../workspace/db.js';
import { authorityRootMap } from '../workspace/timestamps.js';
import type { Workspace } from '../workspace/workspace.js';
import { findDossierRecord } from './make-dossier.js';
import { describeDossierVerifyError, verifyDossier, type DossierVerifyReport } from './verify-dossier.js';

/** The last time a dossier was checked against its PDF, as the custody log remembers it. */
export interface DossierCheck {
  at: string;
  /** custody entry of the check */
  seq: number;
  ok: boolean;
  /** the file was no longer where it was written */
  missing: boolean;
  /** problems found (the file's and its exhibits') */
  problems: number;
}

/** A dossier this workspace made, as its custody entry records it, with its last check. */
export interface DossierRecordView {
  dossierId: string;
  /** custody entry that records it */
  seq: number;
  madeAt: string;
  madeBy: string;
  file: string;
  path: string;
  /** the SHA-256 recorded when it was made (or, once `exhibit stamp` added a time-stamp, the stamped file's) */
  sha256: string;
  pages: number | null;
  lang: string;
  exhibits: number;
  /** what it is of: the case or seller id it was made for, with their name where known */
  subject: { id: string; kind: 'case' | 'seller' | 'other'; label: string } | null;
  lastCheck: DossierCheck | null;
}

/**
 * Every dossier made in this workspace, newest first: read from the custody
 * log, where making one is recorded with its file and SHA-256 (a dossier the
 * log does not record is removed as it is made, see makeDossier), and each
 * check of it since, the last one shown.
 */
export async function listDossiers(db: Db): Promise<DossierRecordView[]> {
  const made = await dossiers.dossiersMade(db);
  const stamped = await dossiers.dossiersStamped(db);
  const checks = await dossiers.dossierChecks(db);
  const latestSha = new Map<string, string>();
  for (const d of stamped) latestSha.set(d.dossierId ?? '', d.sha256 ?? '');
  const lastCheck = new Map<string, DossierCheck>();
  for (const c of checks) {
    const d = c.details;
    lastCheck.set(d.dossierId ?? '', { at: c.at, seq: c.seq, ok: d.ok === true, missing: d.missing === true, problems: d.problems ?? 0 });
  }
  const labels = await subjectLabels(db, [...new Set(made.map((m) => m.subject).filter((s): s is string => s !== null))]);
  return made.map((m) => {
    const d = m.details;
    const id = d.dossierId ?? '';
    return {
      dossierId: id,
      seq: m.seq,
      madeAt: m.at,
      madeBy: m.investigator || m.osUser,
      file: d.file || basename(d.path ?? ''),
      path: d.path ?? '',
      sha256: latestSha.get(id) ?? d.sha256 ?? '',
      pages: d.pages ?? null,
      lang: d.lang ?? '',
      exhibits: d.captures?.length ?? 0,
      subject: m.subject ? { id: m.subject, ...(labels.get(m.subject) ?? { kind: 'other' as const, label: m.subject }) } : null,
      lastCheck: lastCheck.get(id) ?? null,
    };
  });
}

/** Names of cases and sellers, by id: "Luxe v. Fakes", "ebay:luxury_deals_88". */
async function subjectLabels(db: Db, ids: string[]): Promise<Map<string, { kind: 'case' | 'seller'; label: string }>> {
  const labels = new Map<string, { kind: 'case' | 'seller'; label: string }>();
  if (ids.length === 0) return labels;
  for (const c of await dossiers.caseNames(db, ids)) labels.set(c.id, { kind: 'case', label: c.name });
  for (const s of await dossiers.sellerNames(db, ids)) {
    labels.set(s.id, { kind: 'seller', label: s.displayName ? `${s.displayName} (${s.marketplace}:${s.sellerKey})` : `${s.marketplace}:${s.sellerKey}` });
  }
  return labels;
}

export type DossierCheckError = { kind: 'unknown'; dossierId: string };

export function describeDossierCheckError(e: DossierCheckError): string {
  return `No dossier ${e.dossierId} was made in this workspace.`;
}

/** A check's outcome: the report (null when the file could not be read as a dossier: gone, unreadable, not a PDF); with the custody entry that remembers it. */
export interface DossierCheckResult {
  report: DossierVerifyReport | null;
  check: DossierCheck;
}

/**
 * Checks a dossier this workspace made, PDF against its record (verifyDossier),
 * and remembers the outcome in the custody log (dossier.verified), so the
 * list of dossiers says when each was last found sound. A file no longer
 * where it was written (or unreadable) is said so, and remembered too.
 */
export async function checkDossier(ws: Workspace, dossierId: string): Promise<Result<DossierCheckResult, DossierCheckError>> {
  const made = await findDossierRecord(ws.db, dossierId);
  if (!made?.path) return err({ kind: 'unknown', dossierId });
  const r = await verifyDossier(made.path, { db: ws.db, authorityRoots: await authorityRootMap(ws.db) });
  // A file gone, unreadable or no longer a PDF is a finding too: recorded as not OK, with why.
  const missing = !r.ok && r.error.kind === 'unreadable' && r.error.detail === 'no such file';
  const report = r.ok ? r.value : null;
  const problems = report ? report.problems.length + report.exhibits.reduce((n, x) => n + x.problems.length, 0) : 1;
  const outcome = { ok: report?.ok ?? false, missing, problems };
  const entry = await ws.logEvent({
    action: 'dossier.verified',
    subject: null,
    details: { dossierId, file: basename(made.path), path: made.path, sha256: report?.sha256 ?? null, ...outcome, ...(r.ok ? {} : { detail: describeDossierVerifyError(r.error) }) },
  });
  return ok({ report, check: { at: entry.at, seq: entry.seq, ...outcome } });
}
