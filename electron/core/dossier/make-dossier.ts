import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { canonicalJson, type JsonValue } from '../util/canonical-json.js';
import { fsyncDir } from '../util/durable-fs.js';
import { removeLeftovers, tempBeside } from '../util/leftovers.js';
import { newId } from '../util/ids.js';
import { sha256File, sha256Hex } from '../util/hash.js';
import { err, ok, type Result } from '../util/result.js';
import { dossiers } from '../store/index.js';
import type { Db } from '../workspace/db.js';
import type { Workspace } from '../workspace/workspace.js';
import { identityOf, type SigningIdentity } from '../identity/identity.js';
import { stampOnce } from '../timestamp/stamper.js';
import type { Stamp } from './sign/sign-file.js';
import { appendDocumentTimestamp } from './sign/document-timestamp.js';
import { signPlaceholder } from './sign/sign-file.js';
import { addSignatureField, contentsBytesFor } from './sign/signature-field.js';
import { attachmentName, DOSSIER_ATTACHMENTS, DOSSIER_MANIFEST_FORMAT, publicKeyFileName, TSA_ROOTS_ATTACHMENT, type DossierManifest } from './dossier-manifest.js';
import { tokenFiles, type TokenFile, type TokenIndex } from '../timestamp/token-files.js';
import { rootsAsPem, trustedRootsFor } from '../timestamp/trust.js';
import { authorityRootMap, listAuthorities } from '../workspace/timestamps.js';
import { BUNDLED_ROOT_PEMS } from '../timestamp/authorities.js';
import { safeFileStem } from './file-name.js';
import { fill, stringsFor, type DossierLang, type DossierStrings } from './i18n/index.js';
import { buildDossierModel, dossierKeys, type DossierModel } from './model.js';
import { drawCertification, drawCustody, drawMethod, drawVerify } from './render/back-matter.js';
import { drawChanges } from './render/changes.js';
import { drawFound } from './render/found.js';
import { drawCover } from './render/cover.js';
import { drawExhibit } from './render/exhibit.js';
import { drawFrame, fillToc, reserveToc, TOC_LINES_PER_PAGE } from './render/frame.js';
import { Pdf, type Paper } from './render/pdf.js';
import { drawListings, drawSellers } from './render/sellers.js';
import { describeSelectionError, selectCaptures, type DossierSelection, type SelectionError } from './selection.js';

export type AttachMode = 'none' | 'manifests' | 'all';

/** What a Bates prefix may be: it is printed on every page, and goes into file names. */
export const BATES_PREFIX = /^[A-Za-z0-9._-]{1,20}$/;

export interface DossierOptions {
  selection: DossierSelection;
  lang: DossierLang;
  /** a Bates prefix: every page is numbered PREFIX000001, PREFIX000002… */
  bates?: string | undefined;
  attach: AttachMode;
  /** the paper size; by default Letter in English (US courts), A4 in French */
  paper?: Paper | undefined;
  /** the PDF to write; by default a name made from the seller or case, in the current folder */
  output?: string | undefined;
  /** checked between exhibits: once aborted, the partial PDF is removed and nothing is recorded */
  signal?: AbortSignal | undefined;
  onProgress?: ((p: DossierProgress) => void) | undefined;
}

/** How far a dossier is: the objects re-hashed, then the exhibits drawn, then the files attached; pages so far. */
export interface DossierProgress {
  phase: 'checking' | 'exhibits' | 'attaching' | 'writing';
  done: number;
  total: number;
  pages: number;
}

/** Thrown between exhibits when the signal is aborted: caught below, never past makeDossier. */
class Cancelled extends Error {}

export type DossierError =
  | SelectionError
  | { kind: 'bad-bates'; prefix: string }
  | { kind: 'output-exists'; path: string }
  | { kind: 'unwritable'; path: string; detail: string }
  | { kind: 'not-recorded'; path: string; detail: string }
  | { kind: 'evidence-altered'; detail: string }
  | { kind: 'cancelled' };

export function describeDossierError(e: DossierError): string {
  switch (e.kind) {
    case 'bad-bates':
      return `--bates ${JSON.stringify(e.prefix)}: a Bates prefix is 1 to 20 letters, digits, dots, dashes or underscores (e.g. ACME-).`;
    case 'output-exists':
      return `${e.path} already exists; nothing was written (a dossier is never written over another file: choose another name with -o).`;
    case 'unwritable':
      return `Cannot write ${e.path}: ${e.detail}. Nothing was written.`;
    case 'not-recorded':
      return `The dossier could not be recorded in the custody log (${e.detail}), so ${e.path} was removed rather than left unrecorded. Nothing was written.`;
    case 'evidence-altered':
      return `${e.detail}. No dossier was made; run exhibit verify.`;
    case 'cancelled':
      return 'Cancelled: no dossier was written and nothing was recorded.';
    default:
      return describeSelectionError(e);
  }
}

/** How the dossier's PDF is signed: the certificate, the signature time-stamp and the document time-stamp, or why they are pending. */
export interface DossierSignature {
  certificateSha256: string;
  subject: string;
  /** who the certificate names, as a reader says it: "Jane Roe (Acme Legal)" */
  name: string;
  timestamp: { authority: string; genTime: string } | null;
  documentTimestamp: { authority: string; genTime: string } | null;
  /** why the file is not yet time-stamped (no authority answered): `exhibit stamp FILE.pdf` adds it later */
  pending: string | null;
}

/** The name of the dossier's signature field, as a reader's signature panel lists it. */
export const SIGNATURE_FIELD = 'Exhibit dossier signature';
const STAMP_TIMEOUT_MS = 10_000;

export interface MadeDossier {
  signature: DossierSignature;
  path: string;
  dossierId: string;
  sha256: string;
  bytes: number;
  pages: number;
  exhibits: number;
  attachments: number;
}

/**
 * Makes a court-ready PDF dossier of the selected captures. Every file it
 * prints a hash for, draws or attaches is re-hashed first, so a damaged
 * object never goes out as sound. The PDF is written beside its final name,
 * fsynced and linked into place only if nothing is there; its SHA-256 goes
 * into the custody log, and should that fail the file is taken away again.
 * Screenshots are streamed slice by slice: a dossier of hundreds of
 * captures never holds their images in memory together. A
 * cancelled dossier stops between exhibits; its partial file is removed and
 * the custody log says nothing of it.
 */
export async function makeDossier(ws: Workspace, opts: DossierOptions, now = new Date()): Promise<Result<MadeDossier, DossierError>> {
  if (opts.bates !== undefined && !BATES_PREFIX.test(opts.bates)) return err({ kind: 'bad-bates', prefix: opts.bates });
  const selected = await selectCaptures(ws.db, opts.selection);
  if (!selected.ok) return selected;
  const dossierId = newId();
  // The certificate the PDF is signed with; a workspace older than identities gets one now, logged in custody.
  const { identity } = await identityOf(ws);
  const signer = { subject: identity.describe().subject, name: identity.describe().displayName, fingerprint: identity.fingerprint };
  const model = await buildDossierModel(ws, selected.value, dossierId, now, signer);
  if (opts.signal?.aborted) return err({ kind: 'cancelled' });
  return writeDossier(workspaceSource(ws, opts, identity), model, opts, subjectOf(model, opts.selection, stringsFor(opts.lang)), selected.value.caseId ?? selected.value.sellerId ?? null, now);
}

/**
 * Where a dossier's evidence is read from, and how it is signed, time-stamped
 * and recorded: the workspace it was made in, or the team hub.
 */
export interface DossierSource {
  /** an object (a manifest, a time-stamp token) by its SHA-256 */
  read(sha256: string): Promise<Buffer>;
  /** each time-stamping authority's roots, by its URL: what the exhibits' tokens chain to */
  authorityRoots(): Promise<Map<string, string>>;
  /** the roots the PDF's own time-stamps chain to, besides those shipped with Exhibit */
  pdfRoots(): Promise<string[]>;
  stamp: Stamp;
  /** the certificate the PDF is signed with */
  identity: SigningIdentity;
  /** the base64 Ed25519 signature of the dossier manifest, by the key the model names (model.fingerprint) */
  signManifest(bytes: Buffer): string;
  /** records the dossier made in the custody log; a failure takes the file away again */
  record(subject: string | null, details: Record<string, JsonValue>): Promise<void>;
}

function workspaceSource(ws: Workspace, opts: Pick<DossierOptions, 'signal'>, identity: SigningIdentity): DossierSource {
  return {
    read: (sha) => ws.store.read(sha),
    authorityRoots: () => authorityRootMap(ws.db),
    pdfRoots: async () => (await listAuthorities(ws.db)).flatMap((a) => (a.roots.trim() !== '' ? [a.roots] : [])),
    stamp: (imprint) => stampOnce(ws.db, imprint, { requestTimeoutMs: STAMP_TIMEOUT_MS, ...(opts.signal ? { signal: opts.signal } : {}) }),
    identity,
    signManifest: (bytes) => ws.key.sign(bytes),
    record: async (subject, details) => {
      await ws.logEvent({ action: 'export.made', subject, details });
    },
  };
}

/**
 * Writes the dossier of a model already built: the objects it draws or
 * attaches re-hashed first, the PDF written beside its final name, signed,
 * time-stamped, linked into place only if nothing is there, and recorded.
 */
export async function writeDossier(
  source: DossierSource,
  model: DossierModel,
  opts: DossierOptions,
  subject: { title: string; subtitle: string; stem: string },
  recordSubject: string | null,
  now: Date,
): Promise<Result<MadeDossier, DossierError>> {
  const s = stringsFor(opts.lang);
  const { identity } = source;
  const { signer, id: dossierId } = model;
  const path = resolve(opts.output ?? `${safeFileStem(`dossier-${subject.stem}`)}-${now.toISOString().slice(0, 10)}.pdf`);
  if (await exists(path)) return err({ kind: 'output-exists', path });
  let altered: string | null;
  try {
    altered = await checkObjects(model, opts);
  } catch (e) {
    if (e instanceof Cancelled) return err({ kind: 'cancelled' });
    throw e;
  }
  if (altered) return err({ kind: 'evidence-altered', detail: altered });

  // What a killed run left beside its output goes first (never a file of the user's: see removeLeftovers).
  await removeLeftovers(dirname(path));
  const tmp = tempBeside(path, 'partial');
  let out: ReturnType<typeof createWriteStream>;
  try {
    await fs.access(dirname(path));
    out = createWriteStream(tmp, { flags: 'wx' });
    await new Promise<void>((res, rej) => out.once('open', () => res()).once('error', rej));
  } catch (e) {
    return err({ kind: 'unwritable', path, detail: (e as Error).message });
  }
  let pdf: Pdf | undefined;
  /** the file is at its final name: from here, a failure must take it away again */
  let placed = false;
  try {
    const title = `${s.title} — ${subject.title}`;
    pdf = new Pdf({ title, author: [model.preparedBy.investigator, model.preparedBy.organisation].filter((x) => x).join(', '), subject: subject.title, lang: s.locale, creationDate: now, paper: paperFor(opts) });
    const finished = new Promise<void>((res, rej) => {
      out.once('finish', () => res()).once('error', rej);
    });
    // Awaited only on the way to success; a write cut short below must not surface as unhandled.
    finished.catch(() => undefined);
    pdf.doc.pipe(out);

    const { pages, attachments } = await render(pdf, model, opts, subject.subtitle, source);
    opts.onProgress?.({ phase: 'writing', done: 0, total: 1, pages });
    // Who signs: the investigator, else (the team hub) the certificate's common name.
    const signedBy = [model.preparedBy.investigator, model.preparedBy.organisation].filter((x) => x).join(', ') || (/CN=([^,]+)/.exec(signer.subject)?.[1] ?? signer.subject);
    const region = addSignatureField(pdf.doc, {
      name: signedBy,
      reason: s.verify.signatureReason(dossierId, signedBy),
      signingTime: now,
      contentsBytes: contentsBytesFor(identity.certificates),
      fieldName: SIGNATURE_FIELD,
    });
    pdf.doc.end();
    await finished;
    // Signed where it lies, then sealed with a document time-stamp when an authority answers (fsynced by both).
    const stamp = source.stamp;
    const signed = await signPlaceholder(tmp, region, identity, stamp);
    const sealed = signed.timestamp.ok ? await appendDocumentTimestamp(tmp, stamp, { atomic: false }) : null;
    // The last moment a cancel is heard: after this the file is in place and recorded.
    if (opts.signal?.aborted) throw new Cancelled();
    const sha256 = await sha256File(tmp);
    const size = (await fs.stat(tmp)).size;
    // link, not rename: it fails rather than replace a file that appeared meanwhile.
    await fs.link(tmp, path).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EEXIST' ? Object.assign(new Error('exists'), { exists: true }) : e;
    });
    placed = true;
    await fs.rm(tmp, { force: true });
    await fsyncDir(dirname(path));
    const signature: DossierSignature = {
      certificateSha256: signer.fingerprint,
      subject: signer.subject,
      name: signer.name,
      timestamp: signed.timestamp.ok ? { authority: signed.timestamp.authority, genTime: signed.timestamp.genTime } : null,
      documentTimestamp: sealed?.ok ? { authority: sealed.authority, genTime: sealed.genTime } : null,
      pending: signed.timestamp.ok ? (sealed && !sealed.ok ? sealed.error : null) : signed.timestamp.error,
    };
    await logDossier(source, recordSubject, {
      kind: 'dossier', dossierId, file: basename(path), path, sha256, bytes: size, pages, lang: opts.lang, attach: opts.attach, bates: opts.bates ?? null, captures: model.exhibits.map((x) => x.captureId),
      signature: { certificateSha256: signature.certificateSha256, timestamp: signature.timestamp?.genTime ?? null, documentTimestamp: signature.documentTimestamp?.genTime ?? null },
    });
    return ok({ path, dossierId, sha256, bytes: size, pages, exhibits: model.exhibits.length, attachments, signature });
  } catch (e) {
    // A write cut short leaves nothing behind: the PDF stops feeding the file, which is closed, then removed.
    pdf?.doc.unpipe(out);
    if (!out.closed) await new Promise<void>((res) => out.once('close', () => res()).destroy());
    await fs.rm(tmp, { force: true });
    // A dossier in place that the custody log does not record would be one
    // nobody can account for: it goes too. (Our own link: the name was free.)
    if (placed) await fs.rm(path, { force: true }).then(() => fsyncDir(dirname(path))).catch(() => undefined);
    if (e instanceof NotRecorded) return err({ kind: 'not-recorded', path, detail: e.message });
    if (e instanceof Cancelled) return err({ kind: 'cancelled' });
    if ((e as { exists?: boolean }).exists) return err({ kind: 'output-exists', path });
    return err({ kind: 'unwritable', path, detail: (e as Error).message });
  }
}

class NotRecorded extends Error {}

/** The dossier's custody entry; its failure is told apart from a failure to write the file. */
async function logDossier(source: DossierSource, subject: string | null, details: Record<string, JsonValue>): Promise<void> {
  try {
    await source.record(subject, details);
  } catch (e) {
    throw new NotRecorded((e as Error).message);
  }
}

/** The paper asked for, else the one the dossier's readers use: Letter for an English (US) dossier, A4 for a French one. */
export function paperFor(opts: Pick<DossierOptions, 'paper' | 'lang'>): Paper {
  return opts.paper ?? (opts.lang === 'fr' ? 'a4' : 'letter');
}

async function render(pdf: Pdf, model: DossierModel, opts: DossierOptions, subtitle: string, source: DossierSource): Promise<{ pages: number; attachments: number }> {
  const s = stringsFor(opts.lang);
  drawCover(pdf, model, s, subtitle);
  pdf.toc.push({ title: `1. ${s.sections.cover}`, level: 0, dest: 'cover', page: 0 });
  pdf.doc.addNamedDestination('cover');
  // Table-of-contents lines: ten sections, one per seller, one per exhibit, two in the method section, how they were found, linked accounts.
  const tocLines = 10 + model.groups.length + model.exhibits.length + 2 + (model.found.length > 0 ? 1 : 0) + (model.linked?.length ? 1 : 0);
  const tocPages = reserveToc(pdf, tocLines + 3);
  pdf.toc.push({ title: `2. ${s.sections.contents}`, level: 0, dest: 'toc', page: tocPages[0]! });
  drawSellers(pdf, model, s, 3);
  drawListings(pdf, model, s, 4);
  const outline = pdf.heading(`5. ${s.sections.exhibits}`, 0, { newPage: true });
  pdf.text(model.exhibits.map((x) => `${x.number}  ${x.listing ? `${x.listing.marketplace}:${x.listing.listingKey}` : x.manifest.requestedUrl}`).join('\n'), { size: 9 });
  const spans = new Map<string, { first: number; last: number }>();
  const showKeys = dossierKeys(model).length > 1;
  const total = model.exhibits.length;
  for (const [i, x] of model.exhibits.entries()) {
    if (opts.signal?.aborted) throw new Cancelled();
    opts.onProgress?.({ phase: 'exhibits', done: i, total, pages: pdf.doc.bufferedPageRange().count });
    spans.set(x.captureId, await drawExhibit(pdf, x, s, outline, showKeys));
  }
  opts.onProgress?.({ phase: 'exhibits', done: total, total, pages: pdf.doc.bufferedPageRange().count });
  drawFound(pdf, model, s, drawChanges(pdf, model, s, 6));
  drawMethod(pdf, model, s, 7);
  drawCustody(pdf, model, s, 8, new Map(model.exhibits.map((x) => [x.captureId, x.number])));
  drawVerify(pdf, model, s, 9, opts.attach);
  // Every exhibit's pages are known: the dossier manifest can be made, and the certification names it by its hash.
  const made = await dossierManifest(model, opts, spans, source);
  const fillCertification = drawCertification(pdf, model, s, 10, { manifestSha256: sha256Hex(made.bytes), bates: opts.bates });
  if (pdf.toc.length > tocPages.length * TOC_LINES_PER_PAGE - 3) throw new Error(`table of contents: ${pdf.toc.length} lines for ${tocPages.length} pages`);
  fillToc(pdf, tocPages, pdf.toc, s, 'toc');
  const pages = pdf.doc.bufferedPageRange().count;
  fillCertification(pages);
  drawFrame(pdf, { dossierId: model.id, title: `${s.title} — ${subtitle}`, s, bates: opts.bates });
  const attachments = await attach(pdf, model, opts, made, source);
  return { pages, attachments };
}

interface MadeManifest {
  /** the canonical JSON attached as dossier-manifest.json, and signed */
  bytes: Buffer;
  stamps: Map<string, { files: TokenFile[]; index: TokenIndex }>;
  roots: (string | Uint8Array)[];
}

/** The dossier manifest (canonical JSON, the bytes attached and signed), with the time-stamp files it names. */
async function dossierManifest(model: DossierModel, opts: DossierOptions, spans: Map<string, { first: number; last: number }>, source: DossierSource): Promise<MadeManifest> {
  const when = model.generatedAt;
  // Time-stamp tokens travel with every dossier, whatever --attach says: they are small, and a
  // reader checks them with OpenSSL and the manifest hash printed on the exhibit's page.
  const stamps = new Map<string, { files: TokenFile[]; index: TokenIndex }>();
  const roots: (string | Uint8Array)[] = [];
  const authorities = await source.authorityRoots();
  for (const x of model.exhibits) {
    if (x.timestamp.status !== 'stamped') continue;
    const made = await tokenFiles(source, x.manifestSha256, x.timestamp.tokens);
    for (const t of x.timestamp.tokens) {
      const token = made.files.find((f) => f.name === t.name)!;
      if (sha256Hex(token.bytes) !== t.tokenSha256) throw new Error(`exhibit ${x.number} time-stamp ${t.name} no longer hashes to ${t.tokenSha256}; run exhibit verify`);
      roots.push(...trustedRootsFor(authorities.get(t.authorityUrl) ?? '', token.bytes));
    }
    stamps.set(x.captureId, made);
  }
  // The PDF's own time-stamps come from the authorities configured now: their roots travel too.
  roots.push(...BUNDLED_ROOT_PEMS);
  roots.push(...(await source.pdfRoots()));
  const keys = dossierKeys(model);
  const manifest: DossierManifest = {
    format: DOSSIER_MANIFEST_FORMAT,
    formatVersion: 1,
    dossierId: model.id,
    generatedAt: when.toISOString(),
    lang: opts.lang,
    attach: opts.attach,
    publicKeyFingerprint: model.fingerprint,
    // One key (a workspace's dossier) is said as before; several are each named, and each exhibit's.
    ...(keys.length > 1 ? { keys: keys.map((k) => ({ fingerprint: k.fingerprint, file: publicKeyFileName(k.fingerprint, keys.length), name: k.name })) } : {}),
    exhibits: model.exhibits.map((x) => {
      const span = spans.get(x.captureId)!;
      return {
        number: x.number,
        captureId: x.captureId,
        requestedUrl: x.manifest.requestedUrl,
        startedAt: x.manifest.startedAt,
        manifestSha256: x.manifestSha256,
        signature: x.signature,
        ...(keys.length > 1 ? { publicKeyFingerprint: x.key.fingerprint } : {}),
        pages: { first: span.first + 1, last: span.last + 1 },
        artifacts: x.manifest.artifacts.map((a) => ({ name: a.name, sha256: a.sha256, bytes: a.bytes })),
        ...(stamps.has(x.captureId) ? { timestamps: stamps.get(x.captureId)!.index.tokens } : {}),
      };
    }),
  };
  return { bytes: Buffer.from(canonicalJson(manifest)), stamps, roots };
}

/** The signed dossier manifest always; with --attach, each capture's manifest and signature, and with all, every file. */
async function attach(pdf: Pdf, model: DossierModel, opts: DossierOptions, made: MadeManifest, source: DossierSource): Promise<number> {
  const when = model.generatedAt;
  const { stamps, roots } = made;
  const manifestBytes = made.bytes;
  let count = 0;
  const file = (data: Buffer, name: string, type: string, description: string, relationship: 'Source' | 'Data' | 'Supplement') => {
    pdf.doc.file(data, { name, type, description, creationDate: when, modifiedDate: when, relationship } as Parameters<PDFKit.PDFDocument['file']>[1]);
    count++;
  };
  file(manifestBytes, DOSSIER_ATTACHMENTS.manifest, 'application/json', 'What this dossier shows: each exhibit, its pages and the SHA-256 of every file (canonical JSON)', 'Data');
  file(Buffer.from(source.signManifest(manifestBytes), 'base64'), DOSSIER_ATTACHMENTS.signature, 'application/octet-stream', 'Ed25519 signature of dossier-manifest.json (64 bytes)', 'Data');
  const keys = dossierKeys(model);
  if (keys.length === 1) file(Buffer.from(model.publicKeyPem), DOSSIER_ATTACHMENTS.publicKey, 'application/x-pem-file', `Public key of the workspace that signed the manifests (fingerprint ${model.fingerprint})`, 'Supplement');
  else {
    for (const [i, k] of keys.entries()) {
      const what = [i === 0 ? 'the dossier manifest' : null, k.exhibits.length > 0 ? `the manifests of exhibits ${k.exhibits.join(', ')}` : null].filter((w) => w).join(' and ');
      file(Buffer.from(k.publicKeyPem), publicKeyFileName(k.fingerprint, keys.length), 'application/x-pem-file', `Public key${k.name ? ` of ${k.name}` : ''} that signed ${what} (fingerprint ${k.fingerprint})`, 'Supplement');
    }
  }
  for (const x of model.exhibits) {
    for (const f of stamps.get(x.captureId)?.files ?? []) {
      file(f.bytes, attachmentName(x.number, f.name), f.name.endsWith('.tsr') ? 'application/timestamp-reply' : 'application/json', `Exhibit ${x.number}: ${f.name.endsWith('.tsr') ? 'RFC 3161 time-stamp token of the signed manifest' : 'the list of digests the time-stamp token stamps'}`, 'Source');
    }
  }
  file(Buffer.from(rootsAsPem(roots)), TSA_ROOTS_ATTACHMENT, 'application/x-pem-file', 'Root certificates the time-stamp tokens and the PDF’s time-stamps chain to (openssl ts -verify -CAfile)', 'Supplement');
  if (opts.attach === 'none') return count;
  const pages = pdf.doc.bufferedPageRange().count;
  for (const [i, x] of model.exhibits.entries()) {
    if (opts.signal?.aborted) throw new Cancelled();
    opts.onProgress?.({ phase: 'attaching', done: i, total: model.exhibits.length, pages });
    file(await source.read(x.manifestSha256), attachmentName(x.number, 'manifest.json'), 'application/json', `Exhibit ${x.number}: signed capture manifest`, 'Source');
    file(Buffer.from(x.signature, 'base64'), attachmentName(x.number, 'manifest.sig'), 'application/octet-stream', `Exhibit ${x.number}: Ed25519 signature of the manifest`, 'Source');
    if (opts.attach !== 'all') continue;
    for (const a of x.manifest.artifacts) {
      const data = await fs.readFile(x.artifactPaths.get(a.name)!);
      // Hashed again as read for the PDF: what is attached is what the manifest names.
      if (createHash('sha256').update(data).digest('hex') !== a.sha256) throw new Error(`exhibit ${x.number} artifact ${a.name} changed while the dossier was being made`);
      file(data, attachmentName(x.number, a.name), a.mediaType.split(';')[0]!.trim(), `Exhibit ${x.number}: ${a.kind}`, 'Source');
    }
  }
  return count;
}

/** Re-hashes every object the dossier will draw or attach; the first one that does not match is named. */
async function checkObjects(model: DossierModel, opts: DossierOptions): Promise<string | null> {
  const mode = opts.attach;
  for (const [i, x] of model.exhibits.entries()) {
    if (opts.signal?.aborted) throw new Cancelled();
    opts.onProgress?.({ phase: 'checking', done: i, total: model.exhibits.length, pages: 0 });
    const names = mode === 'all' ? x.manifest.artifacts.map((a) => a.name) : (x.screenshot?.tiles.map((t) => t.name) ?? []);
    for (const name of names) {
      const a = x.manifest.artifacts.find((y) => y.name === name);
      if (!a) continue;
      const h = await sha256File(x.artifactPaths.get(name)!).catch(() => null);
      if (h !== a.sha256) return `Exhibit ${x.number} (capture ${x.captureId}): artifact ${name} ${h === null ? 'is missing from the object store' : `no longer hashes to ${a.sha256}`}`;
    }
  }
  return null;
}


function subjectOf(model: DossierModel, sel: DossierSelection, s: DossierStrings): { title: string; subtitle: string; stem: string } {
  const s0 = model.groups[0]?.detail?.seller;
  if (sel.kind === 'seller' && s0) {
    const name = s0.displayName ?? s0.sellerKey;
    return { title: `${name} (${s0.marketplace}:${s0.sellerKey})`, subtitle: `${name} (${s0.marketplace}:${s0.sellerKey})`, stem: `${s0.marketplace}-${s0.sellerKey}` };
  }
  if (sel.kind === 'case' && model.caseName) return { title: model.caseName, subtitle: model.caseName, stem: model.caseName };
  const n = model.exhibits.length;
  const counted = fill(n === 1 ? s.oneCapture : s.nCaptures, { n });
  return { title: counted, subtitle: counted, stem: `${n}-captures` };
}

function exists(path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false,
  );
}


export interface DossierRecord {
  seq: number;
  at: string;
  sha256: string;
  path: string | null;
}

/** The custody record of a dossier this workspace made, found by its id without reading the whole log. */
export async function findDossierRecord(db: Db, dossierId: string): Promise<DossierRecord | null> {
  const row = await dossiers.dossierMadeRecord(db, dossierId);
  if (!row) return null;
  return { seq: row.seq, at: row.at, sha256: row.details.sha256 ?? '', path: row.details.path ?? null };
}
