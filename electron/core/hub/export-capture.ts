import { userInfo } from 'node:os';
import { writeCaptureFolder, type ExportError, type ExportResult } from '../export/export-capture.js';
import { hubViews } from '../store/pg/index.js';
import { canonicalJson } from '../util/canonical-json.js';
import { err, type Result } from '../util/result.js';
import { appendHubCustody } from './custody.js';
import { inHubTransaction, type HubPool } from './db.js';
import { HubObjectCorrupt, type HubObjectStore } from './object-store.js';
import { hubStampRecords } from './stamp-records.js';

/**
 * A capture on the team hub written as the same folder `exhibit
 * export-capture` writes from a workspace: every artifact re-hashed from the
 * store on the way out, the manifest, its signature and the key of the
 * workspace that signed it, SHA256SUMS, its time-stamp tokens with the roots
 * the hub trusts, and a README on checking them with sha256sum and OpenSSL
 * alone. A time-stamp that does not check out refuses the export (hub verify
 * locates it). Recorded in the hub's custody chain (export.made).
 */
export async function exportHubCapture(pool: HubPool, store: HubObjectStore, captureId: string, dir: string): Promise<Result<ExportResult, ExportError>> {
  const line = await hubViews.captureLineById(pool, captureId);
  if (!line) return err({ kind: 'no-such-capture', id: captureId });
  const altered = (e: unknown, what: string): Result<ExportResult, ExportError> => {
    if (e instanceof HubObjectCorrupt) return err({ kind: 'evidence-altered', detail: `${what}: the stored object no longer hashes to its name; run exhibit hub verify` });
    throw e;
  };
  let manifestBytes: Buffer;
  try {
    manifestBytes = await store.get(line.manifest_sha256);
  } catch (e) {
    return altered(e, 'the manifest');
  }
  const stamps = await hubStampRecords(pool, store, captureId, line.manifest_sha256);
  const bad = stamps.problems[0];
  if (bad) return err({ kind: 'evidence-altered', detail: `its time-stamp from ${bad.authority} does not verify (${bad.problem}); run exhibit hub verify` });
  let written: Result<ExportResult, ExportError>;
  try {
    written = await writeCaptureFolder(
      {
        manifestBytes,
        manifestSha256: line.manifest_sha256,
        signature: line.signature,
        publicKeyPem: line.public_key_pem,
        fingerprint: line.workspace,
        // An object that no longer hashes to its name is written as nothing: the folder's own check then names the artifact, and nothing is left.
        artifact: async function* (sha) {
          yield await store.get(sha).catch((e: unknown) => {
            if (e instanceof HubObjectCorrupt) return Buffer.alloc(0);
            throw e;
          });
        },
        stamps:
          stamps.tokens.length > 0
            ? { tokens: stamps.tokens, readObject: (sha) => store.get(sha), rootsByAuthority: new Map(stamps.tokens.map((t) => [t.authorityUrl, stamps.rootsPem])) }
            : 'none',
      },
      dir,
    );
  } catch (e) {
    return altered(e, `capture ${captureId}`);
  }
  if (!written.ok) return written;
  const actor = `${userInfo().username} (hub administrator)`;
  await inHubTransaction(pool, (client) =>
    appendHubCustody(
      client,
      { actor, action: 'export.made', subject: captureId, details: canonicalJson({ kind: 'capture-folder', to: dir, files: written.value.files, manifestSha256: line.manifest_sha256 }) },
      null,
    ),
  );
  return written;
}
