import { createHash, createPublicKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { sha256File } from '../util/hash.js';
import { err, ok, type Result } from '../util/result.js';
import { parseManifest, type Manifest } from '../workspace/manifest.js';
import { publicKeyFingerprint, verifyEd25519 } from '../workspace/signing-key.js';
import { checkTokenFiles, tokenIndexSchema, type TokenCheck, type TokenIndex } from '../timestamp/token-files.js';

export interface FileCheck {
  name: string;
  expected: string;
  actual: string | null;
  ok: boolean;
  problem: string | null;
}

export interface ExportVerifyReport {
  ok: boolean;
  dir: string;
  captureId: string;
  requestedUrl: string;
  startedAt: string;
  publicKeyFingerprint: string;
  signatureOk: boolean;
  files: FileCheck[];
  /** problems that are not about one file */
  problems: string[];
  /** the capture's time-stamp tokens that travel in the folder, each checked */
  timestamps: TokenCheck[];
  /** worth knowing, not a problem (a stamp still pending when exported) */
  notices: string[];
}

export type ExportVerifyError = { kind: 'not-an-export'; dir: string; missing: string };

/** Files an export holds besides the artifacts. */
const OWN_FILES = new Set(['manifest.json', 'manifest.sig', 'public-key.pem', 'SHA256SUMS', 'README.txt', 'timestamps.json', 'tsa-roots.pem']);

/**
 * Checks a folder made by `exhibit export-capture` with nothing but what is
 * in it: the manifest's signature against the enclosed public key, every
 * artifact against the manifest, SHA256SUMS against both, and nothing added
 * or missing.
 */
export async function verifyExportFolder(dir: string, o: { authorityRoots?: ReadonlyMap<string, string> } = {}): Promise<Result<ExportVerifyReport, ExportVerifyError>> {
  const read = (name: string) => fs.readFile(join(dir, name)).catch(() => null);
  const manifestBytes = await read('manifest.json');
  if (!manifestBytes) return err({ kind: 'not-an-export', dir, missing: 'manifest.json' });
  const sig = await read('manifest.sig');
  const pem = await read('public-key.pem');
  const problems: string[] = [];
  const parsed = parseManifest(manifestBytes);
  if (!parsed.ok) return err({ kind: 'not-an-export', dir, missing: `a readable manifest.json (${parsed.error.split('\n')[0]})` });
  const m: Manifest = parsed.value;

  let fingerprint = '';
  let signatureOk = false;
  if (!pem) problems.push('public-key.pem is missing: the signature cannot be checked');
  else {
    try {
      fingerprint = publicKeyFingerprint(createPublicKey(pem));
    } catch {
      problems.push('public-key.pem is not a public key');
    }
  }
  if (!sig) problems.push('manifest.sig is missing');
  if (pem && sig) {
    signatureOk = verifyEd25519(pem.toString(), manifestBytes, sig);
    if (!signatureOk) problems.push('manifest.sig does not verify against manifest.json and public-key.pem: the manifest was altered, or signed by another key');
  }
  if (fingerprint && m.signer.publicKeyFingerprint !== fingerprint) {
    problems.push(`the manifest names signing key ${m.signer.publicKeyFingerprint}, but public-key.pem is ${fingerprint}`);
  }

  const files: FileCheck[] = [];
  for (const a of m.artifacts) {
    const actual = await sha256File(join(dir, a.name)).catch(() => null);
    files.push({
      name: a.name,
      expected: a.sha256,
      actual,
      ok: actual === a.sha256,
      problem: actual === null ? 'missing' : actual === a.sha256 ? null : `altered: its SHA-256 is ${actual}, the signed manifest says ${a.sha256}`,
    });
  }
  const manifestSha = createHash('sha256').update(manifestBytes).digest('hex');
  const notices: string[] = [];
  let timestamps: TokenCheck[] = [];
  const indexBytes = await read('timestamps.json');
  const tokenNames: string[] = [];
  if (indexBytes) {
    let index: TokenIndex | null = null;
    try {
      const parsedIndex = tokenIndexSchema.safeParse(JSON.parse(indexBytes.toString('utf8')));
      if (parsedIndex.success) index = parsedIndex.data;
    } catch {
      index = null;
    }
    if (!index) problems.push('timestamps.json cannot be read: the time-stamp tokens cannot be checked');
    else {
      for (const t of index.tokens) tokenNames.push(t.file, ...(t.listFile ? [t.listFile] : []));
      timestamps = await checkTokenFiles(index, manifestSha, read, o.authorityRoots);
      for (const t of timestamps) if (t.problem) problems.push(`time-stamp ${t.file}: ${t.problem}`);
    }
  } else {
    notices.push('no time-stamp tokens travel with this capture (it was not yet stamped when exported, or was made before Exhibit stamped captures)');
  }
  const listed = new Set([...m.artifacts.map((a) => a.name), ...tokenNames]);
  for (const name of await fs.readdir(dir)) {
    if (!listed.has(name) && !OWN_FILES.has(name)) problems.push(`${name} is not part of the capture (added to the folder)`);
  }
  const sums = await read('SHA256SUMS');
  if (sums) {
    for (const line of sums.toString().split('\n').filter((l) => l.trim())) {
      const [hash, name] = [line.slice(0, 64), line.slice(66)];
      const expected = name === 'manifest.json' ? manifestSha : m.artifacts.find((a) => a.name === name)?.sha256;
      if (expected !== hash) problems.push(`SHA256SUMS line for ${name} does not match the signed manifest`);
    }
  }
  const ok_ = problems.length === 0 && files.every((f) => f.ok);
  return ok({ ok: ok_, dir, captureId: m.captureId, requestedUrl: m.requestedUrl, startedAt: m.startedAt, publicKeyFingerprint: fingerprint, signatureOk, files, problems, timestamps, notices });
}

