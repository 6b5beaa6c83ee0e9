import type { JsonValue } from '../util/canonical-json.js';
import { newId } from '../util/ids.js';
import { appendCustody, type CustodyEntry } from './custody.js';
import type { Db } from './db.js';
import { ARTIFACT_NAME_PATTERN, MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, manifestBytes, type Manifest, type ManifestArtifact } from './manifest.js';
import type { ObjectSource, ObjectStore } from './object-store.js';
import type { SigningKey } from './signing-key.js';
import { enqueueStamp } from './timestamps.js';
import { artifacts, captures } from '../store/index.js';

export interface ArtifactInput {
  /** file name within the capture, e.g. screenshot-full.png */
  name: string;
  kind: string;
  mediaType: string;
  source: ObjectSource;
}

export interface CaptureInput {
  requestedUrl: string;
  finalUrl: string | null;
  httpStatus: number | null;
  outcome: string;
  startedAt: string;
  finishedAt: string;
  listingId?: string | null;
  sellerId?: string | null;
  caseId?: string | null;
  /** files the capture under its listing and seller, inside the transaction that stores it */
  filer?: CaptureFiler;
  artifacts: readonly ArtifactInput[];
  provenance: { [key: string]: JsonValue };
}

/** Where a capture is filed, decided inside its transaction. */
export interface Filing {
  listingId: string | null;
  sellerId: string | null;
  caseId: string | null;
}

/**
 * Filing is the catalogue's business, not the evidence store's: the store
 * only gives it the transaction, so the capture, its filing and their custody
 * events commit together or not at all.
 */
export interface CaptureFiler {
  /** before the capture's row: which listing, seller and case it goes under */
  place(tx: Db): Promise<Filing>;
  /** after its row and custody event: what was extracted, the search index */
  index(tx: Db, captureId: string): Promise<void>;
}

export interface CaptureRecord {
  id: string;
  manifest: Manifest;
  manifestSha256: string;
  signature: string;
  custodySeq: number;
  filing: Filing;
}

export interface EvidenceParts {
  db: Db;
  store: ObjectStore;
  key: SigningKey;
}

/** Artifacts written to disk at once; two keeps both cores busy hashing. */
const PUT_CONCURRENCY = 2;

/**
 * Seals a capture: every artifact is hashed as it is stored, the manifest that
 * lists them is signed and stored, then the capture, its artifacts and the
 * custody event are recorded in one transaction. Objects are durable before
 * the transaction that references them commits, so a crash at any point
 * leaves at worst unreferenced objects, never a reference to a missing one.
 */
export async function recordCapture(parts: EvidenceParts, input: CaptureInput): Promise<CaptureRecord> {
  const names = new Set<string>();
  for (const a of input.artifacts) {
    if (!ARTIFACT_NAME_PATTERN.test(a.name)) throw new TypeError(`artifact name not allowed: ${JSON.stringify(a.name)}`);
    if (names.has(a.name)) throw new TypeError(`two artifacts named ${a.name}`);
    names.add(a.name);
  }

  const id = newId();
  const artifacts: ManifestArtifact[] = new Array<ManifestArtifact>(input.artifacts.length);
  let next = 0;
  const worker = async () => {
    while (next < input.artifacts.length) {
      const i = next++;
      const a = input.artifacts[i]!;
      const stored = await parts.store.put(a.source);
      artifacts[i] = { name: a.name, kind: a.kind, sha256: stored.sha256, bytes: stored.bytes, mediaType: a.mediaType };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PUT_CONCURRENCY, input.artifacts.length) }, worker));
  artifacts.sort((a, b) => (a.name < b.name ? -1 : 1));

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_FORMAT_VERSION,
    captureId: id,
    requestedUrl: input.requestedUrl,
    finalUrl: input.finalUrl,
    httpStatus: input.httpStatus,
    outcome: input.outcome,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    artifacts,
    provenance: input.provenance,
    signer: { algorithm: 'Ed25519', publicKeyFingerprint: parts.key.fingerprint },
  };
  const bytes = manifestBytes(manifest);
  const signature = parts.key.sign(bytes);
  const stored = await parts.store.put(bytes);

  const entry = await parts.db.transaction(async (tx) => {
    const filing = input.filer ? await input.filer.place(tx) : { listingId: input.listingId ?? null, sellerId: input.sellerId ?? null, caseId: input.caseId ?? null };
    const logged = await fileCapture(tx, { manifest, manifestSha256: stored.sha256, signature, ...filing });
    await input.filer?.index(tx, id);
    return { seq: logged.seq, filing };
  });
  return { id, manifest, manifestSha256: stored.sha256, signature, custodySeq: entry.seq, filing: entry.filing };
}

export interface SealedCapture {
  manifest: Manifest;
  manifestSha256: string;
  signature: string;
  listingId: string | null;
  sellerId?: string | null;
  caseId: string | null;
}

/**
 * Records a sealed capture (its manifest and every artifact already durable in
 * the store) inside the caller's transaction: the capture row, its artifact
 * rows and the custody event that vouches for them.
 */
export async function fileCapture(tx: Db, c: SealedCapture): Promise<CustodyEntry> {
  const m = c.manifest;
  await captures.insertCapture(tx, {
    id: m.captureId,
    listingId: c.listingId,
    sellerId: c.sellerId ?? null,
    caseId: c.caseId,
    requestedUrl: m.requestedUrl,
    finalUrl: m.finalUrl,
    httpStatus: m.httpStatus,
    startedAt: m.startedAt,
    finishedAt: m.finishedAt,
    outcome: m.outcome,
    manifestSha256: c.manifestSha256,
    signature: c.signature,
  });
  for (const a of m.artifacts) await artifacts.insertArtifact(tx, m.captureId, a);
  // Queued with the capture itself: a capture made offline, or by a process
  // killed before its stamp arrived, is stamped by the next pass.
  await enqueueStamp(tx, 'capture', m.captureId, c.manifestSha256);
  return appendCustody(tx, {
    action: 'capture.stored',
    subject: m.captureId,
    details: {
      requestedUrl: m.requestedUrl,
      outcome: m.outcome,
      manifestSha256: c.manifestSha256,
      filing: { listingId: c.listingId, sellerId: c.sellerId ?? null, caseId: c.caseId },
      artifacts: m.artifacts.map((a) => ({ name: a.name, sha256: a.sha256 })),
    },
  });
}
