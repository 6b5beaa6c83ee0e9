import type { KeyObject } from 'node:crypto';
import type { Db } from '../db.js';
import { parseManifest, type Manifest } from '../manifest.js';
import type { ObjectStore } from '../object-store.js';
import { verifySignature } from '../signing-key.js';
import { sha256Hex } from '../../util/hash.js';
import type { Problem } from './report.js';

interface CaptureRow {
  id: string;
  requested_url: string;
  final_url: string | null;
  http_status: number | null;
  started_at: string;
  finished_at: string;
  outcome: string;
  manifest_sha256: string;
  signature: string;
}

interface ArtifactRow {
  capture_id: string;
  name: string;
  kind: string;
  sha256: string;
  bytes: number;
  media_type: string;
}

export interface CaptureFindings {
  problems: Problem[];
  captures: number;
  artifacts: number;
  /** every object hash some row refers to */
  referenced: Set<string>;
}

const PAGE = 1000;
const PARALLEL_READS = 8;

/**
 * Each capture row against its signed manifest: the manifest is where it
 * should be and hashes to the recorded value, its signature verifies, and the
 * row, its artifact rows and its custody record all say what it says.
 */
export async function checkCaptures(
  db: Db,
  store: ObjectStore,
  publicKey: KeyObject,
  presentObjects: ReadonlySet<string>,
  storedCaptures: ReadonlyMap<string, string>,
): Promise<CaptureFindings> {
  const problems: Problem[] = [];
  const referenced = new Set<string>();
  const seen = new Set<string>();
  let captures = 0;
  let artifacts = 0;
  let after = '';
  for (;;) {
    const rows = await db.all<CaptureRow>('SELECT * FROM captures WHERE id > ? ORDER BY id LIMIT ?', [after, PAGE]);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const artifactRows = await db.all<ArtifactRow>('SELECT * FROM artifacts WHERE capture_id >= ? AND capture_id <= ? ORDER BY capture_id, name', [rows[0]!.id, after]);
    const byCapture = new Map<string, ArtifactRow[]>();
    for (const a of artifactRows) {
      const list = byCapture.get(a.capture_id) ?? [];
      list.push(a);
      byCapture.set(a.capture_id, list);
    }
    captures += rows.length;
    artifacts += artifactRows.length;
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        seen.add(row.id);
        problems.push(...(await checkCapture(row, byCapture.get(row.id) ?? [], store, publicKey, presentObjects, storedCaptures, referenced)));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
  }
  for (const a of await db.all<{ capture_id: string; name: string }>('SELECT capture_id, name FROM artifacts WHERE capture_id NOT IN (SELECT id FROM captures)')) {
    problems.push({ area: 'artifact', where: `capture ${a.capture_id} artifact ${a.name}`, message: 'its capture row is missing (deleted from the database)' });
  }
  for (const id of storedCaptures.keys()) {
    if (!seen.has(id)) problems.push({ area: 'capture', where: `capture ${id}`, message: 'the custody log records it as stored, but its row is missing (deleted from the database)' });
  }
  problems.sort((a, b) => (a.where < b.where ? -1 : a.where > b.where ? 1 : 0));
  return { problems, captures, artifacts, referenced };
}

async function checkCapture(
  row: CaptureRow,
  rows: ArtifactRow[],
  store: ObjectStore,
  publicKey: KeyObject,
  presentObjects: ReadonlySet<string>,
  storedCaptures: ReadonlyMap<string, string>,
  referenced: Set<string>,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const at = `capture ${row.id}`;
  const say = (message: string, where = at) => problems.push({ area: where === at ? 'capture' : 'artifact', where, message });

  referenced.add(row.manifest_sha256);
  for (const a of rows) {
    referenced.add(a.sha256);
    if (!presentObjects.has(a.sha256)) say(`its object ${a.sha256} is missing from the object store`, `${at} artifact ${a.name}`);
  }

  const logged = storedCaptures.get(row.id);
  if (logged === undefined) say('the custody log has no record of it being stored');
  else if (logged !== row.manifest_sha256) say(`the database names manifest ${row.manifest_sha256}, but the custody log recorded ${logged}`);

  if (!presentObjects.has(row.manifest_sha256)) {
    say(`its manifest ${row.manifest_sha256} is missing from the object store`);
    return problems;
  }
  const bytes = await store.read(row.manifest_sha256);
  if (sha256Hex(bytes) !== row.manifest_sha256) {
    say(`its manifest is altered: the object ${row.manifest_sha256} no longer hashes to its name`);
    return problems;
  }
  if (!verifySignature(bytes, row.signature, publicKey)) say("the manifest's signature does not verify with the workspace key");
  const parsed = parseManifest(bytes);
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
