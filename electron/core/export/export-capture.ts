import { createReadStream, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fsyncDir } from '../util/durable-fs.js';
import { err, ok, type Result } from '../util/result.js';
import { parseManifest, type Manifest } from '../workspace/manifest.js';
import type { Workspace } from '../workspace/workspace.js';
import { authorityRootMap, stampStatus, timestampsOf, type TimestampRecord } from '../workspace/timestamps.js';
import { opensslCommands, tokenFiles } from '../timestamp/token-files.js';
import { rootsAsPem, trustedRootsFor } from '../timestamp/trust.js';
import { sha256Hex } from '../util/hash.js';
import { captures } from '../store/index.js';

export type ExportError = { kind: 'no-such-capture'; id: string } | { kind: 'target-not-empty'; dir: string } | { kind: 'unwritable'; dir: string; detail: string } | { kind: 'evidence-altered'; detail: string };

export interface ExportResult {
  dir: string;
  files: string[];
}

const README = (m: Manifest, fingerprint: string, stamps: string) => `Exhibit capture ${m.captureId}
Requested URL: ${m.requestedUrl}
Captured: ${m.startedAt} to ${m.finishedAt} (UTC); outcome: ${m.outcome}

This folder holds every artifact of the capture as a plain file, the capture
manifest (manifest.json) that lists each artifact's SHA-256, size and media
type, the manifest's Ed25519 signature (manifest.sig, 64 raw bytes) and the
public key of the workspace that signed it (public-key.pem, fingerprint
${fingerprint}).

Check the files with common tools:
  sha256sum -c SHA256SUMS                        (Linux)
  shasum -a 256 -c SHA256SUMS                    (macOS)
  certutil -hashfile FILE SHA256                 (Windows, one file at a time)
Check the signature with OpenSSL 3:
  openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
Or with Exhibit:
  exhibit verify THIS-FOLDER
${stamps}`;

/** What a capture folder is written from: a workspace's store, or the team hub's (hub/export-capture.ts). */
export interface CaptureFolderSource {
  manifestBytes: Buffer;
  manifestSha256: string;
  /** base64 Ed25519 signature of the manifest */
  signature: string;
  /** the key of the workspace that signed the manifest */
  publicKeyPem: string;
  fingerprint: string;
  /** an artifact's bytes, in chunks (re-hashed as they are written) */
  artifact(sha256: string): AsyncIterable<Buffer> | Iterable<Buffer>;
  /** the capture's time-stamp tokens (read with readObject), the roots each authority's tokens chain to; or why there are none */
  stamps: { tokens: TimestampRecord[]; readObject(sha256: string): Promise<Buffer>; rootsByAuthority: ReadonlyMap<string, string> } | 'pending' | 'none';
}

/**
 * Writes a capture's artifacts as plain files with the manifest, its
 * signature, the public key and a SHA256SUMS file, so the capture can be
 * checked with sha256sum alone. Built in a hidden folder and renamed into
 * place: the export is whole or absent. Every byte is re-hashed on the way
 * out, so a damaged object is never exported as if it were sound.
 */
export async function exportCapture(ws: Workspace, captureId: string, dir: string): Promise<Result<ExportResult, ExportError>> {
  const row = await captures.sealOf(ws.db, captureId);
  if (!row) return err({ kind: 'no-such-capture', id: captureId });
  const tokens = await timestampsOf(ws.db, 'capture', captureId);
  const source: CaptureFolderSource = {
    manifestBytes: await ws.store.read(row.manifestSha256),
    manifestSha256: row.manifestSha256,
    signature: row.signature,
    publicKeyPem: ws.key.publicKeyPem,
    fingerprint: ws.key.fingerprint,
    artifact: (sha) => createReadStream(ws.store.pathOf(sha), { highWaterMark: 1 << 20 }),
    stamps:
      tokens.length > 0
        ? { tokens, readObject: (sha) => ws.store.read(sha), rootsByAuthority: await authorityRootMap(ws.db) }
        : (await stampStatus(ws.db, 'capture', captureId)).status === 'pending'
          ? 'pending'
          : 'none',
  };
  const written = await writeCaptureFolder(source, dir);
  if (!written.ok) return written;
  await ws.logEvent({ action: 'export.made', subject: captureId, details: { kind: 'capture-folder', to: dir, files: written.value.files, manifestSha256: row.manifestSha256 } });
  return written;
}

/** The folder itself, whole or absent; recording it is the caller's. */
export async function writeCaptureFolder(source: CaptureFolderSource, dir: string): Promise<Result<ExportResult, ExportError>> {
  const existing = await fs.readdir(dir).catch(() => null);
  if (existing && existing.length > 0) return err({ kind: 'target-not-empty', dir });
  if (sha256Hex(source.manifestBytes) !== source.manifestSha256) return err({ kind: 'evidence-altered', detail: `the manifest no longer hashes to ${source.manifestSha256}; run exhibit verify` });
  const parsed = parseManifest(source.manifestBytes);
  if (!parsed.ok) return err({ kind: 'evidence-altered', detail: `the manifest cannot be read: ${parsed.error}` });
  const manifest = parsed.value;

  const staging = join(dirname(dir), `.${basename(dir)}.exhibit-export-${randomBytes(4).toString('hex')}`);
  try {
    await fs.mkdir(dirname(dir), { recursive: true });
    await fs.mkdir(staging);
  } catch (e) {
    return err({ kind: 'unwritable', dir: dirname(dir), detail: (e as Error).message });
  }
  try {
    const sums: string[] = [];
    for (const a of manifest.artifacts) {
      const written = await writeDurable(join(staging, a.name), source.artifact(a.sha256));
      if (written !== a.sha256) return err({ kind: 'evidence-altered', detail: `artifact ${a.name}: the stored object no longer hashes to ${a.sha256}; run exhibit verify` });
      sums.push(`${a.sha256}  ${a.name}`);
    }
    if ((await writeDurable(join(staging, 'manifest.json'), [source.manifestBytes])) !== source.manifestSha256) {
      return err({ kind: 'evidence-altered', detail: `the manifest no longer hashes to ${source.manifestSha256}; run exhibit verify` });
    }
    sums.push(`${source.manifestSha256}  manifest.json`);
    await writeDurable(join(staging, 'manifest.sig'), [Buffer.from(source.signature, 'base64')]);
    await writeDurable(join(staging, 'public-key.pem'), [Buffer.from(source.publicKeyPem)]);
    await writeDurable(join(staging, 'SHA256SUMS'), [Buffer.from(`${sums.join('\n')}\n`)]);
    const stamps = await timestampSection(source, staging);
    await writeDurable(join(staging, 'README.txt'), [Buffer.from(README(manifest, source.fingerprint, stamps))]);
    if (existing) await fs.rmdir(dir);
    await fs.rename(staging, dir);
    await fsyncDir(dirname(dir));
  } catch (e) {
    await fs.rm(staging, { recursive: true, force: true });
    return err({ kind: 'unwritable', dir, detail: (e as Error).message });
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
  return ok({ dir, files: (await fs.readdir(dir)).sort() });
}

/**
 * Writes a new file, fsyncs it, and returns the SHA-256 of exactly the bytes
 * written: the check is on the exported copy itself, not on its source.
 */
export async function writeDurable(path: string, chunks: AsyncIterable<Buffer | string> | Iterable<Buffer>): Promise<string> {
  const hash = createHash('sha256');
  const handle = await fs.open(path, 'wx', 0o644);
  try {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(bytes);
      await handle.write(bytes);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export function describeExportError(e: ExportError): string {
  switch (e.kind) {
    case 'no-such-capture':
      return `No capture ${e.id} in this workspace. List captures with exhibit log, or check --workspace.`;
    case 'target-not-empty':
      return `${e.dir} is not empty; nothing was written. Choose a new or empty folder.`;
    case 'unwritable':
      return `Cannot write to ${e.dir} (${e.detail}); nothing was written.`;
    case 'evidence-altered':
      return `Not exported: ${e.detail}.`;
  }
}

/**
 * Writes the capture's time-stamp tokens, their description and the roots
 * they chain to; returns the README's words on them. A capture still waiting
 * for its stamp says so.
 */
async function timestampSection(source: CaptureFolderSource, staging: string): Promise<string> {
  const stamps = source.stamps;
  if (stamps === 'pending') return '\nTime-stamp: pending. The capture was not yet stamped by a time-stamping\nauthority when this folder was made; export it again once `exhibit stamp` has run.\n';
  if (stamps === 'none') return '\nTime-stamp: none (captured before Exhibit time-stamped captures).\n';
  const manifestSha256 = source.manifestSha256;
  const { files, index } = await tokenFiles({ read: stamps.readObject }, manifestSha256, stamps.tokens);
  for (const f of files) {
    if ((await writeDurable(join(staging, f.name), [f.bytes])) !== sha256Hex(f.bytes)) throw new Error(`${f.name} was not written as read`);
  }
  await writeDurable(join(staging, 'timestamps.json'), [Buffer.from(`${JSON.stringify(index, null, 2)}\n`)]);
  const roots = files.filter((f) => f.name.endsWith('.tsr')).flatMap((f, i) => trustedRootsFor(stamps.rootsByAuthority.get(index.tokens[i]!.authorityUrl) ?? '', f.bytes));
  await writeDurable(join(staging, 'tsa-roots.pem'), [Buffer.from(rootsAsPem(roots))]);
  const lines = index.tokens.map((t) => `  ${t.file}: existed no later than ${t.genTime} (${t.authority}, serial ${t.serial})`);
  return `
Time-stamps (RFC 3161): a time-stamping authority vouches that the signed
manifest (SHA-256 ${manifestSha256}) existed no later than:
${lines.join('\n')}
Each token is the authority's TimeStampResp as received; timestamps.json
describes them. Check each with OpenSSL alone (tsa-roots.pem holds the roots
they chain to: compare its SHA-256 fingerprints with the authority's own):
${opensslCommands(index, 'tsa-roots.pem').map((c) => `  ${c}`).join('\n')}
`;
}
