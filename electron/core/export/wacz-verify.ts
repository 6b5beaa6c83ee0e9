import { createHash, createPublicKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import yauzl from 'yauzl';
import { z } from 'zod';
import { sha256File, sha256Hex } from '../util/hash.js';
import { err, ok, type Result } from '../util/result.js';
import { parseManifest } from '../workspace/manifest.js';
import { publicKeyFingerprint, verifyEd25519 } from '../workspace/signing-key.js';
import { checkTokenFiles, tokenIndexSchema, type TokenCheck } from '../timestamp/token-files.js';
import {
  ANONYMOUS_SIGNED_FIELDS,
  CDXJ_INDEX,
  DATAPACKAGE,
  DIGEST,
  PAGES,
  README,
  TSA_ROOTS,
  WACZ_KEY_PEM,
  WACZ_KEY_SIG,
  WARC_ARTIFACT,
  WORKSPACE_KEY,
  captureDir,
  captureFile,
  datapackageSchema,
  digestSchema,
  sectionSchema,
  sha256Tag,
  warcPath,
  type Resource,
  type Section,
} from './wacz-format.js';
import { verifyWaczSignature } from './wacz-key.js';

export interface WaczProblem {
  /** the file inside the WACZ (or "the file" for the zip itself) */
  where: string;
  message: string;
}

export interface WaczCaptureCheck {
  id: string;
  url: string;
  startedAt: string;
  warc: string | null;
  ok: boolean;
  checked: string[];
  problems: string[];
  timestamps: TokenCheck[];
}

export interface WaczVerifyReport {
  ok: boolean;
  file: string;
  sha256: string;
  bytes: number;
  title: string | null;
  created: string | null;
  software: string | null;
  /** how many files datapackage.json lists, and how many match */
  resources: { listed: number; matching: number };
  signature: { ok: boolean; algorithm: string; publicKeySha256: string | null; created: string | null };
  /** the workspace key that signed the manifests (exhibit/public-key.pem) */
  publicKeyFingerprint: string;
  caseName: string | null;
  captures: WaczCaptureCheck[];
  problems: WaczProblem[];
  notes: string[];
}

export type WaczVerifyError = { kind: 'not-a-zip'; file: string; detail: string } | { kind: 'not-a-wacz'; file: string; detail: string };

export function describeWaczVerifyError(e: WaczVerifyError): string {
  return e.kind === 'not-a-zip' ? `${e.file} is not a zip file, so not a WACZ (${e.detail}).` : `${e.file} is not a WACZ: ${e.detail}.`;
}

/** What the workspace at hand says about the file, when there is one. */
export interface WaczVerifyContext {
  authorityRoots?: ReadonlyMap<string, string>;
  workspace?: {
    keyFingerprint: string;
    /** base64 SPKI of its WACZ key, or null if it has none */
    waczPublicKey: string | null;
    /** the custody entry recording an export with this SHA-256, if any */
    exportOf(sha256: string): Promise<{ seq: number; at: string } | null>;
  };
}

/** Larger than any manifest, token, index or page list Exhibit writes: a zip bomb is not read into memory. */
const MAX_SMALL_FILE = 512 * 1024 * 1024;

const ALGORITHM = 'ECDSA P-384, SHA-256, IEEE P1363';

/**
 * Checks a WACZ made by `exhibit export-capture --wacz` or `exhibit export
 * --wacz` with nothing but the file: every file against datapackage.json,
 * datapackage.json against datapackage-digest.json and its ECDSA P-384
 * signature, the signing key against the workspace key, each capture's
 * manifest signature, each WARC against the page.warc.gz its manifest lists,
 * and the time-stamp tokens. Names the file and what differs.
 */
export async function verifyWacz(file: string, ctx: WaczVerifyContext = {}): Promise<Result<WaczVerifyReport, WaczVerifyError>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true });
  } catch (e) {
    return err({ kind: 'not-a-zip', file, detail: (e as Error).message });
  }
  try {
    return await check(file, zip, ctx);
  } finally {
    zip.close();
  }
}

async function check(file: string, zip: yauzl.ZipFile, ctx: WaczVerifyContext): Promise<Result<WaczVerifyReport, WaczVerifyError>> {
  const problems: WaczProblem[] = [];
  const notes: string[] = [];
  const say = (where: string, message: string) => problems.push({ where, message });

  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      if (entries.has(entry.fileName)) say(entry.fileName, 'the zip holds two files of this name: which one a reader takes is undefined');
      else entries.set(entry.fileName, entry);
    }
  } catch (e) {
    return err({ kind: 'not-a-zip', file, detail: (e as Error).message });
  }
  const read = async (name: string): Promise<Buffer | null> => {
    const entry = entries.get(name);
    if (!entry) return null;
    if (entry.uncompressedSize > MAX_SMALL_FILE) throw new Error(`${name} is larger than ${MAX_SMALL_FILE} bytes`);
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };
  const safeRead = async (name: string): Promise<Buffer | null> => {
    try {
      return await read(name);
    } catch (e) {
      say(name, `cannot be read from the zip (${(e as Error).message})`);
      return null;
    }
  };

  const datapackageBytes = await safeRead(DATAPACKAGE);
  if (!datapackageBytes) return err({ kind: 'not-a-wacz', file, detail: `it holds no ${DATAPACKAGE}` });
  let datapackage: z.infer<typeof datapackageSchema>;
  try {
    const parsed = datapackageSchema.safeParse(JSON.parse(datapackageBytes.toString('utf8')));
    if (!parsed.success) {
      say(DATAPACKAGE, `not a WACZ data package: ${z.prettifyError(parsed.error).split('\n').slice(0, 2).join(' ')}`);
      return ok(await finish(file, { problems, notes, captures: [], datapackage: null, signature: null, fingerprint: '', resources: { listed: 0, matching: 0 }, ctx }));
    }
    datapackage = parsed.data;
  } catch (e) {
    say(DATAPACKAGE, `is not JSON (${(e as Error).message}): it was altered`);
    return ok(await finish(file, { problems, notes, captures: [], datapackage: null, signature: null, fingerprint: '', resources: { listed: 0, matching: 0 }, ctx }));
  }
  if (datapackage.profile !== 'data-package') say(DATAPACKAGE, `profile is ${JSON.stringify(datapackage.profile)}, not "data-package"`);

  // 1. Every file against datapackage.json, and nothing beside it.
  const listed = new Map<string, Resource>();
  const actualSha = new Map<string, string>();
  let matching = 0;
  for (const r of datapackage.resources) {
    if (listed.has(r.path)) {
      say(DATAPACKAGE, `lists ${r.path} twice`);
      continue;
    }
    listed.set(r.path, r);
    const entry = entries.get(r.path);
    if (!entry) {
      say(r.path, `missing: ${DATAPACKAGE} lists it (${r.bytes} bytes), the WACZ does not hold it (removed)`);
      continue;
    }
    if (r.path.startsWith('archive/') && entry.compressionMethod !== 0) say(r.path, `is compressed in the zip (method ${entry.compressionMethod}); WACZ requires archive/ files STORED so replay can read records at their offsets`);
    let hex: string;
    let bytes = 0;
    try {
      const h = createHash('sha256');
      for await (const c of await zip.openReadStreamPromise(entry)) {
        h.update(c as Buffer);
        bytes += (c as Buffer).length;
      }
      hex = h.digest('hex');
    } catch (e) {
      say(r.path, `cannot be read from the zip (${(e as Error).message}): it was altered`);
      continue;
    }
    actualSha.set(r.path, hex);
    const problems_: string[] = [];
    if (sha256Tag(hex) !== r.hash) problems_.push(`its SHA-256 is ${hex}, ${DATAPACKAGE} says ${r.hash.replace(/^sha256:/, '')}`);
    if (bytes !== r.bytes) problems_.push(`it is ${bytes} bytes, ${DATAPACKAGE} says ${r.bytes}`);
    if (problems_.length > 0) say(r.path, `altered: ${problems_.join('; ')}`);
    else matching++;
  }
  for (const name of entries.keys()) {
    if (name === DATAPACKAGE || name === DIGEST || listed.has(name)) continue;
    say(name, `added: the WACZ holds it, but ${DATAPACKAGE} does not list it`);
  }
  for (const required of [PAGES, CDXJ_INDEX]) if (!listed.has(required) && !entries.has(required)) say(required, 'missing: a WACZ has a page list and an index');

  // 2. datapackage.json against the digest, and the signature.
  const datapackageHash = sha256Tag(sha256Hex(datapackageBytes));
  const signature = await checkDigest(await safeRead(DIGEST), datapackageHash, say);

  // 3. Exhibit's own evidence.
  const section = sectionSchema.safeParse(datapackage.exhibit);
  let fingerprint = '';
  const captures: WaczCaptureCheck[] = [];
  if (datapackage.exhibit === undefined) {
    notes.push(`${DATAPACKAGE} has no Exhibit section: this WACZ was not made by Exhibit, and only its files and signature were checked`);
    if ([...entries.keys()].some((n) => n.startsWith('exhibit/'))) say(DATAPACKAGE, 'its Exhibit section is gone, but exhibit/ files remain: it was altered');
  } else if (!section.success) {
    say(DATAPACKAGE, `its Exhibit section cannot be read (${z.prettifyError(section.error).split('\n')[0]}): it was altered`);
  } else {
    fingerprint = await checkExhibit(section.data, { entries, read: safeRead, actualSha, say, notes, captures, signaturePublicKey: signature.publicKey, ctx });
  }
  return ok(await finish(file, { problems, notes, captures, datapackage, signature, fingerprint, resources: { listed: listed.size, matching }, ctx, caseName: section.success ? (section.data.case?.name ?? null) : null }));
}

interface SignatureOutcome {
  ok: boolean;
  publicKey: string | null;
  created: string | null;
}

async function checkDigest(bytes: Buffer | null, datapackageHash: string, say: (where: string, message: string) => void): Promise<SignatureOutcome> {
  const none: SignatureOutcome = { ok: false, publicKey: null, created: null };
  if (!bytes) {
    say(DIGEST, `missing: nothing vouches for ${DATAPACKAGE} (the file was removed, or the WACZ is not signed)`);
    return none;
  }
  let digest: z.infer<typeof digestSchema>;
  try {
    const parsed = digestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) {
      say(DIGEST, 'has no path and hash: it was altered');
      return none;
    }
    digest = parsed.data;
  } catch {
    say(DIGEST, 'is not JSON: it was altered');
    return none;
  }
  if (digest.path !== DATAPACKAGE) say(DIGEST, `names ${JSON.stringify(digest.path)}, not ${DATAPACKAGE}`);
  if (digest.hash !== datapackageHash) say(DATAPACKAGE, `altered: its SHA-256 is ${datapackageHash.replace(/^sha256:/, '')}, ${DIGEST} says ${digest.hash.replace(/^sha256:/, '')}`);
  const s = digest.signedData;
  if (!s) {
    say(DIGEST, 'has no signedData: the WACZ is not signed');
    return none;
  }
  const field = (name: string): string | null => (typeof s[name] === 'string' ? (s[name] as string) : null);
  const extra = Object.keys(s).filter((k) => !(ANONYMOUS_SIGNED_FIELDS as readonly string[]).includes(k));
  if (extra.length > 0) say(DIGEST, `signedData holds ${extra.join(', ')}, which an anonymous WACZ signature may not`);
  const hash = field('hash');
  const publicKey = field('publicKey');
  const sig = field('signature');
  const created = field('created');
  if (hash !== digest.hash) say(DIGEST, `signedData.hash ${JSON.stringify(hash)} is not the digest's hash ${digest.hash}: ReplayWeb.page would not check the signature`);
  if (!publicKey || !sig || !hash) {
    say(DIGEST, 'signedData lacks its hash, signature or publicKey');
    return { ok: false, publicKey, created };
  }
  const v = verifyWaczSignature(publicKey, hash, sig);
  if (!v.ok) say(DIGEST, v.reason);
  return { ok: v.ok && hash === digest.hash && digest.hash === datapackageHash, publicKey, created };
}

interface ExhibitChecks {
  entries: Map<string, yauzl.Entry>;
  read: (name: string) => Promise<Buffer | null>;
  actualSha: Map<string, string>;
  say: (where: string, message: string) => void;
  notes: string[];
  captures: WaczCaptureCheck[];
  signaturePublicKey: string | null;
  ctx: WaczVerifyContext;
}

/** The workspace key, the WACZ key it endorses, then each capture; returns the workspace key's fingerprint. */
async function checkExhibit(section: Section, c: ExhibitChecks): Promise<string> {
  const { say } = c;
  const pem = await c.read(WORKSPACE_KEY);
  let fingerprint = '';
  if (!pem) say(WORKSPACE_KEY, 'missing: the manifests’ signatures cannot be checked');
  else {
    try {
      const key = createPublicKey(pem);
      if (key.asymmetricKeyType !== 'ed25519') say(WORKSPACE_KEY, 'is not an Ed25519 public key');
      fingerprint = publicKeyFingerprint(key);
    } catch {
      say(WORKSPACE_KEY, 'is not a public key');
    }
  }
  if (fingerprint && section.workspaceKeyFingerprint !== fingerprint) say(WORKSPACE_KEY, `its fingerprint is ${fingerprint}, ${DATAPACKAGE} names ${section.workspaceKeyFingerprint}`);

  // The P-384 key that signed the digest is the one the workspace key endorses.
  const waczPem = await c.read(WACZ_KEY_PEM);
  const waczSig = await c.read(WACZ_KEY_SIG);
  if (!waczPem || !waczSig) say(waczPem ? WACZ_KEY_SIG : WACZ_KEY_PEM, 'missing: nothing ties the WACZ signing key to the workspace');
  else if (pem) {
    if (!verifyEd25519(pem.toString(), waczPem, waczSig)) say(WACZ_KEY_SIG, `does not verify against ${WACZ_KEY_PEM} and ${WORKSPACE_KEY}: the WACZ signing key is not the one this workspace endorsed`);
    let der: string | null = null;
    try {
      der = createPublicKey(waczPem).export({ type: 'spki', format: 'der' }).toString('base64');
    } catch {
      say(WACZ_KEY_PEM, 'is not a public key');
    }
    if (der && c.signaturePublicKey && der !== c.signaturePublicKey) say(DIGEST, `was signed by another key than ${WACZ_KEY_PEM}, the one the workspace key endorses`);
  }

  const ids = new Set<string>();
  for (const s of section.captures) {
    if (ids.has(s.id)) {
      say(DATAPACKAGE, `lists capture ${s.id} twice`);
      continue;
    }
    ids.add(s.id);
    c.captures.push(await checkCapture(s, pem, c));
  }
  // WARCs and capture folders that no listed capture accounts for.
  for (const name of c.entries.keys()) {
    const warc = /^archive\/(.+)\.warc\.gz$/.exec(name);
    if (warc && !ids.has(warc[1]!)) say(name, `is not the page archive of any capture the export lists`);
    const dir = /^exhibit\/([^/]+)\//.exec(name);
    if (dir && !ids.has(dir[1]!)) say(name, `belongs to capture ${dir[1]}, which the export does not list`);
    if (name.startsWith('archive/') && !warc) say(name, 'is not a capture’s page archive (archive/CAPTURE.warc.gz)');
  }
  const known = new Set([README, TSA_ROOTS, WORKSPACE_KEY, WACZ_KEY_PEM, WACZ_KEY_SIG]);
  for (const name of c.entries.keys()) {
    if (name.startsWith('exhibit/') && !/^exhibit\/[^/]+\//.test(name) && !known.has(name)) say(name, 'is not a file Exhibit writes');
  }
  if (c.ctx.workspace) {
    const w = c.ctx.workspace;
    if (fingerprint) {
      c.notes.push(
        fingerprint === w.keyFingerprint
          ? `the manifests were signed by this workspace's key (${fingerprint})`
          : `the manifests were signed by another workspace's key (${fingerprint}; this workspace's is ${w.keyFingerprint})`,
      );
    }
    if (c.signaturePublicKey) {
      c.notes.push(
        w.waczPublicKey === c.signaturePublicKey
          ? "datapackage-digest.json was signed by this workspace's WACZ key"
          : `datapackage-digest.json was not signed by this workspace's WACZ key${w.waczPublicKey ? '' : ' (it has none yet)'}`,
      );
    }
  }
  return fingerprint;
}

async function checkCapture(s: Section['captures'][number], workspacePem: Buffer | null, c: ExhibitChecks): Promise<WaczCaptureCheck> {
  const out: WaczCaptureCheck = { id: s.id, url: s.requestedUrl, startedAt: s.startedAt, warc: s.warc, ok: false, checked: [], problems: [], timestamps: [] };
  const p = (where: string, message: string) => out.problems.push(`${where}: ${message}`);
  const manifestName = captureFile(s.id, 'manifest.json');
  const sigName = captureFile(s.id, 'manifest.sig');
  const manifestBytes = await c.read(manifestName);
  const sig = await c.read(sigName);
  if (!manifestBytes) p(manifestName, 'missing');
  if (!sig) p(sigName, 'missing');
  if (manifestBytes) {
    const manifestSha = sha256Hex(manifestBytes);
    const parsed = parseManifest(manifestBytes);
    if (!parsed.ok) p(manifestName, `cannot be read (${parsed.error.split('\n')[0]})`);
    if (sig && workspacePem) {
      if (verifyEd25519(workspacePem.toString(), manifestBytes, sig)) out.checked.push('manifest signature (Ed25519)');
      else p(sigName, `does not verify against ${manifestName} and ${WORKSPACE_KEY}: the manifest was altered, or signed by another key`);
    }
    if (manifestSha !== s.manifestSha256) p(manifestName, `its SHA-256 is ${manifestSha}, ${DATAPACKAGE} says this capture's manifest is ${s.manifestSha256}`);
    if (parsed.ok) {
      const m = parsed.value;
      out.url = m.requestedUrl;
      out.startedAt = m.startedAt;
      if (m.captureId !== s.id) p(manifestName, `is the manifest of capture ${m.captureId}, not of ${s.id} (swapped)`);
      const artifact = m.artifacts.find((a) => a.name === WARC_ARTIFACT);
      const expectedWarc = warcPath(s.id);
      if (artifact) {
        if (s.warc !== expectedWarc) p(DATAPACKAGE, `its manifest lists ${WARC_ARTIFACT}, but the export names ${s.warc ?? 'no page archive'} for it`);
        const actual = c.actualSha.get(expectedWarc) ?? (c.entries.has(expectedWarc) ? await sha256OfEntry(expectedWarc, c) : null);
        if (actual === null) p(expectedWarc, `missing: the signed manifest lists ${WARC_ARTIFACT} (SHA-256 ${artifact.sha256})`);
        else if (actual !== artifact.sha256) p(expectedWarc, `is not the ${WARC_ARTIFACT} the signed manifest lists: its SHA-256 is ${actual}, the manifest says ${artifact.sha256}`);
        else out.checked.push(`${expectedWarc} = its ${WARC_ARTIFACT}`);
      } else if (s.warc !== null) {
        p(s.warc, `the signed manifest lists no ${WARC_ARTIFACT} for this capture`);
      } else {
        out.checked.push(`no ${WARC_ARTIFACT} (nothing to replay)`);
      }
      if (workspacePem) {
        try {
          const fp = publicKeyFingerprint(createPublicKey(workspacePem));
          if (m.signer.publicKeyFingerprint !== fp) p(manifestName, `names signing key ${m.signer.publicKeyFingerprint}, but ${WORKSPACE_KEY} is ${fp}`);
        } catch {
          // reported with the key itself
        }
      }
    }
    // The time-stamp tokens, which vouch for this manifest.
    const indexName = captureFile(s.id, 'timestamps.json');
    const indexBytes = await c.read(indexName);
    const tokenNames = new Set<string>();
    if (indexBytes) {
      let index: z.infer<typeof tokenIndexSchema> | null = null;
      try {
        const parsedIndex = tokenIndexSchema.safeParse(JSON.parse(indexBytes.toString('utf8')));
        if (parsedIndex.success) index = parsedIndex.data;
      } catch {
        index = null;
      }
      if (!index) p(indexName, 'cannot be read: the time-stamp tokens cannot be checked');
      else {
        for (const t of index.tokens) tokenNames.add(t.file).add(t.listFile ?? t.file);
        out.timestamps = await checkTokenFiles(index, manifestSha, (name) => c.read(captureFile(s.id, name)), c.ctx.authorityRoots);
        for (const t of out.timestamps) if (t.problem) p(captureFile(s.id, t.file), `time-stamp: ${t.problem}`);
        const good = out.timestamps.filter((t) => !t.problem).length;
        if (good > 0) out.checked.push(`${good} time-stamp token(s)`);
      }
    } else {
      c.notes.push(`capture ${s.id}: no time-stamp token travels with it (not yet stamped when exported)`);
    }
    const own = new Set(['manifest.json', 'manifest.sig', 'timestamps.json', ...tokenNames]);
    for (const name of c.entries.keys()) {
      if (!name.startsWith(`${captureDir(s.id)}/`)) continue;
      const rest = name.slice(captureDir(s.id).length + 1);
      if (!own.has(rest)) p(name, 'is not part of the capture’s evidence (added)');
    }
  }
  out.ok = out.problems.length === 0;
  return out;
}

async function sha256OfEntry(name: string, c: ExhibitChecks): Promise<string | null> {
  const entry = c.entries.get(name);
  if (!entry) return null;
  try {
    const bytes = await c.read(name);
    return bytes ? sha256Hex(bytes) : null;
  } catch {
    return null;
  }
}

async function finish(
  file: string,
  r: {
    problems: WaczProblem[];
    notes: string[];
    captures: WaczCaptureCheck[];
    datapackage: z.infer<typeof datapackageSchema> | null;
    signature: SignatureOutcome | null;
    fingerprint: string;
    resources: { listed: number; matching: number };
    ctx: WaczVerifyContext;
    caseName?: string | null;
  },
): Promise<WaczVerifyReport> {
  const sha256 = await sha256File(file);
  const bytes = (await fs.stat(file)).size;
  if (r.ctx.workspace) {
    const recorded = await r.ctx.workspace.exportOf(sha256);
    r.notes.push(recorded ? `this very file is recorded in this workspace's custody log (entry #${recorded.seq}, ${recorded.at})` : "this file is not recorded in this workspace's custody log (made elsewhere, or altered since)");
  }
  const publicKeySha256 = r.signature?.publicKey ? createHash('sha256').update(Buffer.from(r.signature.publicKey, 'base64')).digest('hex') : null;
  const ok_ = r.problems.length === 0 && r.captures.every((c) => c.ok) && (r.signature?.ok ?? false);
  return {
    ok: ok_,
    file,
    sha256,
    bytes,
    title: r.datapackage?.title ?? null,
    created: r.datapackage?.created ?? null,
    software: r.datapackage?.software ?? null,
    resources: r.resources,
    signature: { ok: r.signature?.ok ?? false, algorithm: ALGORITHM, publicKeySha256, created: r.signature?.created ?? null },
    publicKeyFingerprint: r.fingerprint,
    caseName: r.caseName ?? null,
    captures: r.captures,
    problems: r.problems,
    notes: r.notes,
  };
}
