import type { Db } from '../db.js';
import { parseManifest, type Manifest } from '../manifest.js';
import type { ObjectStore } from '../object-store.js';
import type { ObjectInventory } from './object-checks.js';
import type { Problem } from './report.js';
import type { ManifestResult, TextResult, WorkerPool } from './worker-pool.js';
import { compareExtraction, EXTRACTED_ARTIFACT } from './extraction-checks.js';
import { integrity } from '../../store/index.js';

type CaptureRow = integrity.VerifiedCaptureRow;
type ArtifactRow = integrity.VerifiedArtifactRow;

export interface CaptureFindings {
  problems: Problem[];
  captures: number;
  artifacts: number;
  /** bytes of the manifests read and hashed here */
  manifestBytes: number;
  /** capture id → the manifest its row names */
  manifests: Map<string, string>;
}

const PAGE = 1000;
const MANIFESTS_PER_JOB = 125;

/**
 * Each capture row against its signed manifest: the manifest is where it
 * should be and hashes to the recorded value, its signature verifies, and the
 * row, its artifact rows and its custody record all say what it says.
 */
export async function checkCaptures(
  db: Db,
  store: ObjectStore,
  pool: WorkerPool,
  publicKeyPem: string,
  objects: ObjectInventory,
  o: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<CaptureFindings> {
  const total = o.onProgress ? await integrity.countCaptures(db) : 0;
  const findings: CaptureFindings = { problems: [], captures: 0, artifacts: 0, manifestBytes: 0, manifests: new Map() };
  // Reads a page of rows and hands its manifests to the workers at once; the
  // next page is read and handed over while this one's results are checked,
  // so the workers never wait on the main thread's comparisons.
  const fetchPage = async (after: string) => {
    const rows = await integrity.capturesAfter(db, after, PAGE);
    if (rows.length === 0) return null;
    const first = rows[0]!.id;
    const last = rows[rows.length - 1]!.id;
    const artifactRows = await integrity.artifactsOfCaptures(db, first, last);
    const fieldRows = await integrity.fieldsOfCaptures(db, first, last);
    const extractionRows = await integrity.extractionsOfCaptures(db, first, last);
    // Each capture's signed extracted.json, read on the workers beside its manifest.
    const extracted = artifactRows.filter((a) => a.name === EXTRACTED_ARTIFACT && objects.has(a.sha256));
    const texts = extracted.length > 0 ? pool.readTexts(extracted.map((a) => store.pathOf(a.sha256))) : Promise.resolve([]);
    const extractedFiles = texts.then((done) => {
      const files = new Map<string, TextResult>();
      done.forEach((t, i) => files.set(extracted[i]!.capture_id, t));
      return files;
    });
    extractedFiles.catch(() => undefined);
    const readable = rows.filter((r) => objects.has(r.manifest_sha256));
    const jobs: Promise<ManifestResult[]>[] = [];
    for (let i = 0; i < readable.length; i += MANIFESTS_PER_JOB) {
      jobs.push(pool.readManifests(publicKeyPem, readable.slice(i, i + MANIFESTS_PER_JOB).map((r) => ({ path: store.pathOf(r.manifest_sha256), signature: r.signature }))));
    }
    const results = Promise.all(jobs).then((done) => {
      const manifests = new Map<string, ManifestResult>();
      done.flat().forEach((m, i) => manifests.set(readable[i]!.id, m));
      return manifests;
    });
    // Observed here so a failure waiting behind the page being checked is not reported as unhandled.
    results.catch(() => undefined);
    return { rows, last, artifactRows, fieldRows, extractionRows, extractedFiles, results };
  };

  o.onProgress?.(0, total);
  let page = await fetchPage('');
  // A cancelled run stops between pages; the page under way is checked to its end.
  while (page && !o.signal?.aborted) {
    const next = fetchPage(page.last);
    next.catch(() => undefined);
    const { rows, artifactRows } = page;
    const byCapture = new Map<string, ArtifactRow[]>();
    for (const a of artifactRows) {
      const list = byCapture.get(a.capture_id) ?? [];
      list.push(a);
      byCapture.set(a.capture_id, list);
    }
    findings.captures += rows.length;
    findings.artifacts += artifactRows.length;
    const manifests = await page.results;
    const files = await page.extractedFiles;
    const fieldsOf = groupBy(page.fieldRows, (f) => f.captureId);
    const extractionOf = new Map(page.extractionRows.map((x) => [x.captureId, x]));
    for (const row of rows) {
      const hasExtracted = (byCapture.get(row.id) ?? []).some((a) => a.name === EXTRACTED_ARTIFACT);
      const file = files.get(row.id) ?? (hasExtracted ? { error: 'missing' } : undefined);
      findings.problems.push(...compareExtraction(row.id, file, fieldsOf.get(row.id) ?? [], extractionOf.get(row.id)));
      findings.manifests.set(row.id, row.manifest_sha256);
      const manifest = manifests.get(row.id);
      if (manifest && !('error' in manifest)) findings.manifestBytes += manifest.bytes;
      findings.problems.push(...checkCapture(row, byCapture.get(row.id) ?? [], manifest, objects));
    }
    o.onProgress?.(findings.captures, Math.max(total, findings.captures));
    page = await next;
  }
  if (o.signal?.aborted) return findings;
  for (const f of await integrity.fieldsWithoutCapture(db)) {
    findings.problems.push({ area: 'capture', where: `capture ${f.captureId} extracted field ${f.field}`, message: 'its capture row is missing (inserted, or the capture deleted)' });
  }
  for (const a of await integrity.artifactsWithoutCapture(db)) {
    findings.problems.push({ area: 'artifact', where: `capture ${a.capture_id} artifact ${a.name}`, message: 'its capture row is missing (deleted from the database)' });
  }
  return findings;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Each capture row has its custody record naming the same manifest, and each record its row. */
export function compareWithCustody(manifests: ReadonlyMap<string, string>, storedCaptures: ReadonlyMap<string, string>): Problem[] {
  const problems: Problem[] = [];
  for (const [id, manifest] of manifests) {
    const logged = storedCaptures.get(id);
    if (logged === undefined) problems.push({ area: 'capture', where: `capture ${id}`, message: 'the custody log has no record of it being stored' });
    else if (logged !== manifest) problems.push({ area: 'capture', where: `capture ${id}`, message: `the database names manifest ${manifest}, but the custody log recorded ${logged}` });
  }
  for (const id of storedCaptures.keys()) {
    if (!manifests.has(id)) problems.push({ area: 'capture', where: `capture ${id}`, message: 'the custody log records it as stored, but its row is missing (deleted from the database)' });
  }
  return problems;
}

function checkCapture(
  row: CaptureRow,
  rows: ArtifactRow[],
  manifest: ManifestResult | undefined,
  objects: ObjectInventory,
): Problem[] {
  const problems: Problem[] = [];
  const at = `capture ${row.id}`;
  const say = (message: string, where = at) => problems.push({ area: where === at ? 'capture' : 'artifact', where, message });

  objects.markReferenced(row.manifest_sha256);
  for (const a of rows) {
    if (!objects.markReferenced(a.sha256)) say(`its object ${a.sha256} is missing from the object store`, `${at} artifact ${a.name}`);
  }

  if (manifest === undefined || ('error' in manifest && manifest.error === 'missing')) {
    say(`its manifest ${row.manifest_sha256} is missing from the object store`);
    return problems;
  }
  if ('error' in manifest) {
    say(`its manifest ${row.manifest_sha256} cannot be read: ${manifest.error}`);
    return problems;
  }
  if (manifest.sha256 !== row.manifest_sha256) {
    say(`its manifest is altered: the object ${row.manifest_sha256} now hashes to ${manifest.sha256}`);
    return problems;
  }
  if (!manifest.signatureValid) say("the manifest's signature does not verify with the workspace key");
  const parsed = parseManifest(manifest.text);
  if (!parsed.ok) {
    say(`its manifest cannot be read: ${parsed.error}`);
    return problems;
  }
  compareRow(row, parsed.value, say);
  compareArtifacts(rows, parsed.value, (name, message) => say(message, `${at} artifact ${name}`));
  return problems;
}

function compareRow(row: CaptureRow, m: Manifest, say: (message: string) => void): void {
  const pairs: [string, unknown, unknown][] = [
    ['id', row.id, m.captureId],
    ['requested_url', row.requested_url, m.requestedUrl],
    ['final_url', row.final_url, m.finalUrl],
    ['http_status', row.http_status, m.httpStatus],
    ['started_at', row.started_at, m.startedAt],
    ['finished_at', row.finished_at, m.finishedAt],
    ['outcome', row.outcome, m.outcome],
  ];
  for (const [column, stored, signed] of pairs) {
    if (stored !== signed) say(`altered: the database says ${column} = ${JSON.stringify(stored)}, the signed manifest says ${JSON.stringify(signed)}`);
  }
}

function compareArtifacts(rows: ArtifactRow[], m: Manifest, say: (name: string, message: string) => void): void {
  const signed = new Map(m.artifacts.map((a) => [a.name, a]));
  for (const row of rows) {
    const s = signed.get(row.name);
    if (!s) {
      say(row.name, 'the database lists it, but the signed manifest does not');
      continue;
    }
    signed.delete(row.name);
    const pairs: [string, unknown, unknown][] = [
      ['kind', row.kind, s.kind],
      ['sha256', row.sha256, s.sha256],
      ['bytes', row.bytes, s.bytes],
      ['media_type', row.media_type, s.mediaType],
    ];
    for (const [column, stored, want] of pairs) {
      if (stored !== want) say(row.name, `altered: the database says ${column} = ${JSON.stringify(stored)}, the signed manifest says ${JSON.stringify(want)}`);
    }
  }
  for (const name of signed.keys()) say(name, 'the signed manifest lists it, but its database row is missing');
}
