import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { removeLeftovers, tempBeside } from '../util/leftovers.js';
import { basename, dirname, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { CDXIndexer } from 'warcio';
import yazl from 'yazl';
import { describeSelectionError, selectCaptures, type SelectionError } from '../dossier/selection.js';
import { fsyncDir } from '../util/durable-fs.js';
import { sha256File, sha256Hex } from '../util/hash.js';
import { err, ok, type Result } from '../util/result.js';
import { exhibitVersion } from '../version.js';
import { parseManifest, type Manifest } from '../workspace/manifest.js';
import { verifyEd25519 } from '../workspace/signing-key.js';
import { authorityRootMap, stampStatus, timestampsOf } from '../workspace/timestamps.js';
import type { Workspace } from '../workspace/workspace.js';
import { opensslCommands, tokenFiles, type TokenIndex } from '../timestamp/token-files.js';
import { rootsAsPem, trustedRootsFor } from '../timestamp/trust.js';
import {
  CDXJ_INDEX,
  DATAPACKAGE,
  DIGEST,
  PAGES,
  README,
  SECTION_FORMAT,
  TSA_ROOTS,
  WACZ_KEY_PEM,
  WACZ_KEY_SIG,
  WACZ_VERSION,
  WARC_ARTIFACT,
  WORKSPACE_KEY,
  captureDir,
  captureFile,
  resourceName,
  sha256Tag,
  warcPath,
  type Resource,
  type Section,
} from './wacz-format.js';
import { waczKeyOf } from './wacz-key.js';
import { captures } from '../store/index.js';

export type WaczSelection = { kind: 'captures'; ids: readonly string[] } | { kind: 'case'; ref: string };

export type WaczExportError =
  | { kind: 'not-a-wacz-name'; file: string }
  | { kind: 'output-exists'; file: string }
  | { kind: 'selection'; error: SelectionError }
  | { kind: 'nothing-to-replay'; ids: string[] }
  | { kind: 'unwritable'; file: string; detail: string }
  | { kind: 'evidence-altered'; detail: string }
  | { kind: 'not-recorded'; file: string; detail: string }
  | { kind: 'key'; detail: string };

export interface WaczCapture {
  id: string;
  requestedUrl: string;
  /** archive/ID.warc.gz, or null when the capture has no page archive */
  warc: string | null;
  /** the address pages.jsonl opens it at, or null when there is nothing to replay there */
  page: string | null;
  timestamps: number;
  stamp: 'stamped' | 'pending' | 'not-stamped';
}

export interface WaczExport {
  file: string;
  sha256: string;
  bytes: number;
  created: string;
  caseId: string | null;
  caseName: string | null;
  captures: WaczCapture[];
  /** captures with no page.warc.gz: their signed manifest, signature and tokens are in, nothing to replay */
  withoutWarc: string[];
  resources: number;
  waczKey: { publicKeySha256: string; created: boolean };
}

export function describeWaczExportError(e: WaczExportError): string {
  switch (e.kind) {
    case 'not-a-wacz-name':
      return `${e.file}: a WACZ file's name ends in .wacz (the WACZ specification requires it); nothing was written.`;
    case 'output-exists':
      return `${e.file} already exists; nothing was written. Choose a new file name.`;
    case 'selection':
      return `${describeSelectionError(e.error).replace('to put in a dossier', 'to export')} Nothing was written.`;
    case 'nothing-to-replay':
      return `${e.ids.length === 1 ? `Capture ${e.ids[0]} has no` : `None of captures ${e.ids.join(', ')} has a`} page archive (${WARC_ARTIFACT}): a WACZ would have nothing to replay, and nothing was written. Use exhibit export-capture ID DIR for a capture's files.`;
    case 'unwritable':
      return `Cannot write ${e.file} (${e.detail}); nothing was written.`;
    case 'evidence-altered':
      return `Not exported: ${e.detail}.`;
    case 'not-recorded':
      return `The WACZ could not be recorded in the custody log (${e.detail}), so it was removed again; nothing was written.`;
    case 'key':
      return `The workspace's WACZ signing key cannot be used (${e.detail}); nothing was written. Run exhibit verify on the workspace.`;
  }
}

/** One capture, checked and ready to go in. */
interface Prepared {
  id: string;
  manifest: Manifest;
  manifestBytes: Buffer;
  manifestSha256: string;
  signature: Buffer;
  warc: { sha256: string; bytes: number; path: string } | null;
  cdxj: string[];
  page: { url: string; ts: string; title: string | null } | null;
  tokens: { files: { name: string; bytes: Buffer }[]; index: TokenIndex } | null;
  roots: (string | Uint8Array)[];
  stamp: WaczCapture['stamp'];
}

/**
 * Writes the selected captures as one WACZ 1.1.1 file that ReplayWeb.page
 * opens, with each capture's own evidence inside (signed manifest,
 * signature, time-stamp tokens) and datapackage-digest.json signed by the
 * workspace's P-384 WACZ key. Every object is re-hashed and every manifest's
 * signature checked on the way out. Written to a temporary file beside the
 * target, fsynced and linked into place (never over an existing file), then
 * recorded in the custody log; whole or absent.
 */
export async function exportWacz(ws: Workspace, selection: WaczSelection, target: string, now = new Date()): Promise<Result<WaczExport, WaczExportError>> {
  const file = resolve(target);
  if (!file.toLowerCase().endsWith('.wacz')) return err({ kind: 'not-a-wacz-name', file });
  if (await fs.lstat(file).then(() => true, () => false)) return err({ kind: 'output-exists', file });
  const selected = await selectCaptures(ws.db, selection.kind === 'case' ? { kind: 'case', ref: selection.ref } : { kind: 'captures', ids: selection.ids });
  if (!selected.ok) return err({ kind: 'selection', error: selected.error });
  try {
    const st = await fs.stat(dirname(file));
    if (!st.isDirectory()) return err({ kind: 'unwritable', file, detail: `${dirname(file)} is not a folder` });
  } catch (e) {
    return err({ kind: 'unwritable', file, detail: `the folder ${dirname(file)} does not exist (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
  }

  const authorities = await authorityRootMap(ws.db);
  const captures: Prepared[] = [];
  for (const id of selected.value.captureIds) {
    const p = await prepare(ws, id, authorities);
    if (!p.ok) return err({ kind: 'evidence-altered', detail: p.error });
    captures.push(p.value);
  }
  if (captures.every((c) => c.warc === null)) return err({ kind: 'nothing-to-replay', ids: captures.map((c) => c.id) });

  let waczKey: Awaited<ReturnType<typeof waczKeyOf>>;
  try {
    waczKey = await waczKeyOf(ws);
  } catch (e) {
    return err({ kind: 'key', detail: (e as Error).message });
  }
  const { key, created: keyCreated } = waczKey;
  const createdAt = now.toISOString();
  const mtime = now;
  const resources: Resource[] = [];
  const zip = new yazl.ZipFile();
  const small = (path: string, bytes: Buffer) => {
    resources.push({ name: resourceName(path), path, hash: sha256Tag(sha256Hex(bytes)), bytes: bytes.length });
    zip.addBuffer(bytes, path, { mtime, mode: 0o100644, compress: true });
  };

  await removeLeftovers(dirname(file));
  const tmp = tempBeside(file, 'partial');
  let out: ReturnType<typeof createWriteStream>;
  try {
    out = createWriteStream(tmp, { flags: 'wx', mode: 0o644 });
    await new Promise<void>((res, rej) => out.once('open', () => res()).once('error', rej));
  } catch (e) {
    return err({ kind: 'unwritable', file, detail: (e as Error).message });
  }
  /** the file is at its final name: from here, a failure must take it away again */
  let placed = false;
  const altered: string[] = [];
  try {
    const hash = createHash('sha256');
    let size = 0;
    const finished = new Promise<void>((res, rej) => {
      out.once('finish', () => res()).once('error', rej);
      zip.outputStream.once('error', rej);
      zip.once('error', rej);
    });
    finished.catch(() => undefined);
    zip.outputStream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    zip.outputStream.pipe(out);

    // archive/: each WARC byte for byte, STORED so replay can read a record at its offset.
    for (const c of captures) {
      if (!c.warc) continue;
      const w = c.warc;
      const path = warcPath(c.id);
      resources.push({ name: resourceName(path), path, hash: sha256Tag(w.sha256), bytes: w.bytes });
      zip.addReadStreamLazy(path, { mtime, mode: 0o100644, compress: false, size: w.bytes }, (cb) => cb(null, hashedCopy(w.path, w.sha256, (m) => altered.push(`${path}: ${m}`))));
    }
    const cdxj = captures.flatMap((c) => c.cdxj).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    small(CDXJ_INDEX, Buffer.from(cdxj.join('')));
    const pages = [JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' })];
    for (const c of captures) {
      if (c.page) pages.push(JSON.stringify({ id: c.id, url: c.page.url, ts: c.page.ts, ...(c.page.title !== null ? { title: c.page.title } : {}) }));
    }
    small(PAGES, Buffer.from(`${pages.join('\n')}\n`));

    const workspaceKeyPem = Buffer.from(ws.key.publicKeyPem);
    small(WORKSPACE_KEY, workspaceKeyPem);
    const waczKeyPem = Buffer.from(key.publicKeyPem);
    small(WACZ_KEY_PEM, waczKeyPem);
    small(WACZ_KEY_SIG, Buffer.from(ws.key.sign(waczKeyPem), 'base64'));
    const roots = captures.flatMap((c) => c.roots);
    if (roots.length > 0) small(TSA_ROOTS, Buffer.from(rootsAsPem(roots)));
    for (const c of captures) {
      small(captureFile(c.id, 'manifest.json'), c.manifestBytes);
      small(captureFile(c.id, 'manifest.sig'), c.signature);
      if (c.tokens) {
        for (const f of c.tokens.files) small(captureFile(c.id, f.name), f.bytes);
        small(captureFile(c.id, 'timestamps.json'), Buffer.from(`${JSON.stringify(c.tokens.index, null, 2)}\n`));
      }
    }
    small(README, Buffer.from(readme(captures, ws.key.fingerprint, roots.length > 0)));

    const section: Section = {
      format: SECTION_FORMAT,
      formatVersion: 1,
      workspaceKeyFingerprint: ws.key.fingerprint,
      case: selected.value.caseId ? { id: selected.value.caseId, name: selected.value.caseName ?? '' } : null,
      captures: captures.map((c) => ({
        id: c.id,
        requestedUrl: c.manifest.requestedUrl,
        startedAt: c.manifest.startedAt,
        outcome: c.manifest.outcome,
        manifestSha256: c.manifestSha256,
        warc: c.warc ? warcPath(c.id) : null,
        page: c.page?.url ?? null,
      })),
    };
    const firstPage = captures.find((c) => c.page)?.page ?? null;
    const software = `Exhibit ${exhibitVersion()}`;
    const datapackage = {
      profile: 'data-package',
      wacz_version: WACZ_VERSION,
      title: titleOf(selected.value.caseName, captures),
      description: descriptionOf(captures),
      created: createdAt,
      software,
      ...(firstPage ? { mainPageUrl: firstPage.url, mainPageDate: firstPage.ts } : {}),
      resources,
      exhibit: section,
    };
    const datapackageBytes = Buffer.from(`${JSON.stringify(datapackage, null, 2)}\n`);
    zip.addBuffer(datapackageBytes, DATAPACKAGE, { mtime, mode: 0o100644, compress: true });
    const datapackageHash = sha256Tag(sha256Hex(datapackageBytes));
    const digest = {
      path: DATAPACKAGE,
      hash: datapackageHash,
      signedData: { hash: datapackageHash, created: createdAt, software, publicKey: key.publicKeyBase64, signature: key.sign(datapackageHash) },
    };
    zip.addBuffer(Buffer.from(`${JSON.stringify(digest, null, 2)}\n`), DIGEST, { mtime, mode: 0o100644, compress: true });
    zip.end();
    await finished;
    if (altered.length > 0) throw new Altered(altered.join('; '));

    const handle = await fs.open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    // link, not rename: it fails rather than replace a file that appeared meanwhile.
    await fs.link(tmp, file).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EEXIST' ? new Exists() : e;
    });
    placed = true;
    await fs.rm(tmp, { force: true });
    await fsyncDir(dirname(file));
    const sha256 = hash.digest('hex');
    const ids = captures.map((c) => c.id);
    const withoutWarc = captures.filter((c) => !c.warc).map((c) => c.id);
    try {
      await ws.logEvent({
        action: 'export.made',
        subject: selection.kind === 'captures' && ids.length === 1 ? ids[0]! : null,
        details: {
          kind: 'wacz',
          to: file,
          file: basename(file),
          sha256,
          bytes: size,
          captures: ids,
          withoutWarc,
          case: selected.value.caseId ? { id: selected.value.caseId, name: selected.value.caseName ?? '' } : null,
          datapackageSha256: datapackageHash.slice('sha256:'.length),
          waczPublicKeySha256: key.publicKeySha256,
        },
      });
    } catch (e) {
      throw new NotRecorded((e as Error).message);
    }
    return ok({
      file,
      sha256,
      bytes: size,
      created: createdAt,
      caseId: selected.value.caseId,
      caseName: selected.value.caseName,
      captures: captures.map((c) => ({ id: c.id, requestedUrl: c.manifest.requestedUrl, warc: c.warc ? warcPath(c.id) : null, page: c.page?.url ?? null, timestamps: c.tokens?.index.tokens.length ?? 0, stamp: c.stamp })),
      withoutWarc,
      resources: resources.length,
      waczKey: { publicKeySha256: key.publicKeySha256, created: keyCreated },
    });
  } catch (e) {
    zip.outputStream.unpipe(out);
    if (!out.closed) await new Promise<void>((res) => out.once('close', () => res()).destroy());
    await fs.rm(tmp, { force: true });
    if (placed) await fs.rm(file, { force: true }).then(() => fsyncDir(dirname(file))).catch(() => undefined);
    if (e instanceof Exists) return err({ kind: 'output-exists', file });
    if (e instanceof Altered) return err({ kind: 'evidence-altered', detail: e.message });
    if (e instanceof NotRecorded) return err({ kind: 'not-recorded', file, detail: e.message });
    return err({ kind: 'unwritable', file, detail: (e as Error).message });
  }
}

class Exists extends Error {}
class Altered extends Error {}
class NotRecorded extends Error {}

/** The stored object as a stream, hashed on its way into the zip: a changed object is caught on the copy itself. */
function hashedCopy(path: string, sha256: string, onMismatch: (message: string) => void): Readable {
  const h = createHash('sha256');
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      const actual = h.digest('hex');
      if (actual !== sha256) onMismatch(`the stored object no longer hashes to ${sha256} (it is ${actual}); run exhibit verify`);
      cb();
    },
  });
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  source.once('error', (e) => t.destroy(e));
  return source.pipe(t);
}

async function prepare(ws: Workspace, id: string, authorities: ReadonlyMap<string, string>): Promise<Result<Prepared, string>> {
  const row = await captures.sealOf(ws.db, id);
  if (!row) return err(`capture ${id} is gone from the workspace`);
  const manifestBytes = await ws.store.read(row.manifestSha256).catch(() => null);
  if (!manifestBytes) return err(`capture ${id}: its manifest (${row.manifestSha256}) is missing from the store; run exhibit verify`);
  if (sha256Hex(manifestBytes) !== row.manifestSha256) return err(`capture ${id}: its manifest no longer hashes to ${row.manifestSha256}; run exhibit verify`);
  const signature = Buffer.from(row.signature, 'base64');
  if (!verifyEd25519(ws.key.publicKey, manifestBytes, signature)) return err(`capture ${id}: its manifest's signature does not verify with this workspace's key; run exhibit verify`);
  const parsed = parseManifest(manifestBytes);
  if (!parsed.ok) return err(`capture ${id}: its manifest cannot be read (${parsed.error.split('\n')[0]})`);
  const manifest = parsed.value;

  let warc: Prepared['warc'] = null;
  let cdxj: string[] = [];
  let page: Prepared['page'] = null;
  const artifact = manifest.artifacts.find((a) => a.name === WARC_ARTIFACT);
  if (artifact) {
    const path = ws.store.pathOf(artifact.sha256);
    const actual = await sha256File(path).catch(() => null);
    if (actual !== artifact.sha256) return err(`capture ${id}: ${WARC_ARTIFACT} ${actual === null ? 'is missing from the store' : `no longer hashes to ${artifact.sha256}`}; run exhibit verify`);
    warc = { sha256: artifact.sha256, bytes: artifact.bytes, path };
    const indexed = await indexWarc(path, `${id}.warc.gz`);
    cdxj = indexed.lines;
    const url = [manifest.finalUrl, manifest.requestedUrl].find((u): u is string => typeof u === 'string' && indexed.urls.has(u));
    if (url) {
      const title = manifest.provenance.pageTitle;
      page = { url, ts: manifest.startedAt, title: typeof title === 'string' && title.trim() !== '' ? title : null };
    }
  }

  let tokens: Prepared['tokens'] = null;
  let roots: Prepared['roots'] = [];
  const records = await timestampsOf(ws.db, 'capture', id);
  let stamp: Prepared['stamp'] = 'stamped';
  if (records.length > 0) {
    tokens = await tokenFiles(ws.store, row.manifestSha256, records);
    const index = tokens.index;
    roots = tokens.files.filter((f) => f.name.endsWith('.tsr')).flatMap((f, i) => trustedRootsFor(authorities.get(index.tokens[i]!.authorityUrl) ?? '', f.bytes));
  } else {
    stamp = (await stampStatus(ws.db, 'capture', id)).status === 'pending' ? 'pending' : 'not-stamped';
  }
  return ok({ id, manifest, manifestBytes, manifestSha256: row.manifestSha256, signature, warc, cdxj, page, tokens, roots, stamp });
}

/** The CDXJ lines of one WARC (its name in the index: the file under archive/), and the URLs it holds a record for. */
async function indexWarc(path: string, filename: string): Promise<{ lines: string[]; urls: Set<string> }> {
  const indexer = new CDXIndexer({ format: 'cdxj' });
  const lines: string[] = [];
  const urls = new Set<string>();
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const entry of indexer.iterIndex([{ reader: stream, filename }])) {
      const line = indexer.serializeCDXJ(entry);
      lines.push(line.endsWith('\n') ? line : `${line}\n`);
      if (typeof entry.url === 'string') urls.add(entry.url);
    }
  } finally {
    stream.destroy();
  }
  return { lines, urls };
}

function titleOf(caseName: string | null, captures: readonly Prepared[]): string {
  if (caseName !== null) return `Exhibit: case ${caseName}`;
  const c = captures[0]!;
  return `Exhibit: capture ${c.id}${c.page?.title ? ` (${c.page.title})` : ''}`;
}

function descriptionOf(captures: readonly Prepared[]): string {
  return `Web pages captured by Exhibit, ${captures.length} capture${captures.length === 1 ? '' : 's'}. Each capture's signed manifest, its Ed25519 signature and its RFC 3161 time-stamp tokens are under exhibit/; exhibit/README.txt says how to check them, and \`exhibit verify FILE.wacz\` checks everything.`;
}

function readme(captures: readonly Prepared[], fingerprint: string, hasRoots: boolean): string {
  const lines: string[] = [];
  for (const c of captures) {
    lines.push(`  ${c.id}  ${c.manifest.requestedUrl}`);
    lines.push(`    captured ${c.manifest.startedAt} to ${c.manifest.finishedAt} (UTC), outcome ${c.manifest.outcome}`);
    lines.push(c.warc ? `    page archive: ${warcPath(c.id)}${c.page ? '' : ' (no record at the page address itself: nothing opens as a page)'}` : `    no page archive (${WARC_ARTIFACT}) in this capture: only its signed manifest, signature and time-stamps are here`);
    if (c.tokens) for (const t of c.tokens.index.tokens) lines.push(`    ${captureFile(c.id, t.file)}: existed no later than ${t.genTime} (${t.authority}, serial ${t.serial})`);
    else lines.push(`    time-stamp: ${c.stamp === 'pending' ? 'pending when this file was made' : 'none'}`);
  }
  const manifestChecks = captures.map((c) => `  openssl pkeyutl -verify -pubin -inkey ${WORKSPACE_KEY} -rawin -in ${captureFile(c.id, 'manifest.json')} -sigfile ${captureFile(c.id, 'manifest.sig')}`);
  const warcChecks = captures
    .filter((c) => c.warc)
    .map((c) => `  sha256sum ${warcPath(c.id)}; jq -r '.artifacts[] | select(.name == "${WARC_ARTIFACT}") | .sha256' ${captureFile(c.id, 'manifest.json')}`);
  const tokenChecks = captures.flatMap((c) =>
    c.tokens
      ? opensslCommands(c.tokens.index, '../tsa-roots.pem').map((cmd) => {
          const [command, comment] = cmd.split(/\s+# /);
          return `  (cd ${captureDir(c.id)} && ${command!.trim()})${comment ? `   # ${comment}` : ''}`;
        })
      : [],
  );
  return `Exhibit WACZ export
A WACZ 1.1.1 web archive: open it in ReplayWeb.page (https://replayweb.page)
or any WACZ player to browse the captured pages as they were received.

Captures:
${lines.join('\n')}

What makes it evidence, and how to check it with common tools (unzip the
file first; jq, sha256sum and OpenSSL 3):

1. Every file against datapackage.json (SHA-256 and size):
  jq -r '.resources[] | "\\(.hash[7:])  \\(.path)"' datapackage.json | sha256sum -c

2. datapackage.json against datapackage-digest.json, and its signature:
   ECDSA P-384 with SHA-256 over the UTF-8 text of "hash" (e.g. "sha256:ab…"),
   the signature in IEEE P1363 form (r‖s, 96 bytes, base64) and the public
   key as SubjectPublicKeyInfo DER (base64), as ReplayWeb.page checks them:
  echo "sha256:$(sha256sum datapackage.json | cut -c1-64)"; jq -r .hash datapackage-digest.json
  jq -r .signedData.publicKey datapackage-digest.json | openssl base64 -d -A | openssl pkey -pubin -inform DER -out wacz-key.pem
  jq -r .signedData.signature datapackage-digest.json | openssl base64 -d -A > sig.p1363
  printf 'asn1=SEQUENCE:sig\\n[sig]\\nr=INTEGER:0x%s\\ns=INTEGER:0x%s\\n' "$(head -c 48 sig.p1363 | xxd -p -c 48)" "$(tail -c 48 sig.p1363 | xxd -p -c 48)" > sig.cnf
  openssl asn1parse -genconf sig.cnf -out sig.der -noout
  jq -j .signedData.hash datapackage-digest.json | openssl dgst -sha256 -verify wacz-key.pem -signature sig.der

3. That key is the workspace's: ${WACZ_KEY_PEM} holds it (compare with
   wacz-key.pem above), signed by the workspace's Ed25519 key:
  openssl pkeyutl -verify -pubin -inkey ${WORKSPACE_KEY} -rawin -in ${WACZ_KEY_PEM} -sigfile ${WACZ_KEY_SIG}

4. Each capture's manifest, signed at capture time by the workspace key
   (${WORKSPACE_KEY}, fingerprint ${fingerprint}):
${manifestChecks.join('\n')}

5. Each page archive is the ${WARC_ARTIFACT} its signed manifest lists (the two hashes are equal):
${warcChecks.join('\n')}
${
  tokenChecks.length > 0
    ? `
6. The time-stamp tokens (RFC 3161): an authority vouches that the signed
   manifest existed no later than its time. ${hasRoots ? `${TSA_ROOTS} holds the roots they chain to;
   compare their SHA-256 fingerprints with the authority's own.` : ''}
${tokenChecks.join('\n')}
`
    : ''
}
Or with Exhibit: exhibit verify THIS-FILE.wacz
`;
}
