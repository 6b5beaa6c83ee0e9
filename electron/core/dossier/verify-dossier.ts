import { createPublicKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dossiers } from '../store/index.js';
import { sha256Hex } from '../util/hash.js';
import { err, ok, type Result } from '../util/result.js';
import type { Db } from '../workspace/db.js';
import { parseManifest } from '../workspace/manifest.js';
import { publicKeyFingerprint, verifyEd25519 } from '../workspace/signing-key.js';
import { attachmentName, DOSSIER_ATTACHMENTS, dossierManifestSchema, TSA_ROOTS_ATTACHMENT, type DossierManifest } from './dossier-manifest.js';
import { checkTokenFiles, type TokenIndex } from '../timestamp/token-files.js';
import { utc } from './render/format.js';
import { findDossierRecord } from './make-dossier.js';
import { readPdf } from './pdf-read/index.js';
import { checkPdfSignatures, type PdfSignatureReport } from './sign/verify-signatures.js';

export interface ExhibitVerdict {
  number: string;
  captureId: string;
  ok: boolean;
  /** each thing that differs, in words */
  problems: string[];
  /** what was checked: printed hashes, attached manifest, signature, attached files */
  checked: string[];
  /** the key its manifest's signature verified with, and whose it is when the dossier says; null when none did (or none was attached) */
  key: { fingerprint: string; name: string | null } | null;
}

export interface DossierVerifyReport {
  ok: boolean;
  /** who signed the PDF, and the time-stamps that vouch for it (null where absent or not valid) */
  signature: Pick<PdfSignatureReport, 'signer' | 'timestamp' | 'documentTimestamp'>;
  file: string;
  sha256: string;
  dossierId: string;
  generatedAt: string;
  publicKeyFingerprint: string;
  attach: DossierManifest['attach'];
  exhibits: ExhibitVerdict[];
  /** problems with the file as a whole */
  problems: string[];
  notes: string[];
}

export type DossierVerifyError = { kind: 'unreadable'; file: string; detail: string } | { kind: 'not-a-dossier'; file: string; detail: string };

export function describeDossierVerifyError(e: DossierVerifyError): string {
  return e.kind === 'unreadable' ? `Cannot read ${e.file}: ${e.detail}.` : `${e.file} is not a dossier Exhibit can check: ${e.detail}.`;
}

/**
 * Checks a dossier PDF with nothing but the PDF: the signed dossier
 * manifest against the attached public key; for each exhibit, the hashes
 * printed on its pages, its attached manifest and signature, and its
 * attached files; and that nothing was appended to the file since Exhibit
 * wrote it. With the workspace that made it, also that the file is
 * byte-for-byte the one recorded in its custody log.
 */
export async function verifyDossier(file: string, workspace?: { db?: Db; authorityRoots?: ReadonlyMap<string, string> }): Promise<Result<DossierVerifyReport, DossierVerifyError>> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return err({ kind: 'unreadable', file, detail: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message });
  }
  // Only a file that is no PDF at all is refused; a PDF that is damaged, cut
  // short or stripped of its evidence is an evidence problem, said as one.
  if (!isPdf(bytes)) return err({ kind: 'not-a-dossier', file, detail: 'it is not a PDF (no %PDF- header)' });
  const pdf = readPdf(bytes);
  if (!pdf.ok) return ok(failed(file, bytes, `the file is damaged and cannot be read as a PDF (${pdf.error.message}): it was cut short or altered`));
  const doc = pdf.value;
  const attachments = new Map<string, Buffer>();
  const problems: string[] = [];
  const damaged = new Map<string, string>();
  for (const a of doc.attachments) {
    if (attachments.has(a.name)) problems.push(`two attachments are named ${a.name}`);
    attachments.set(a.name, a.data);
    if (a.damaged) damaged.set(a.name, a.damaged.message);
  }
  if (damaged.has(DOSSIER_ATTACHMENTS.manifest)) return ok(failed(file, bytes, `its ${DOSSIER_ATTACHMENTS.manifest} attachment is damaged (${damaged.get(DOSSIER_ATTACHMENTS.manifest)}): it was altered`));
  const manifestBytes = attachments.get(DOSSIER_ATTACHMENTS.manifest);
  if (!manifestBytes) {
    return ok(failed(file, bytes, `it carries no ${DOSSIER_ATTACHMENTS.manifest}: its attachments were stripped, or it was not made by Exhibit${attachments.size > 0 ? '' : ' (it has no attachments at all)'}`));
  }
  let manifest: DossierManifest;
  try {
    manifest = dossierManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch (e) {
    return ok(failed(file, bytes, `its ${DOSSIER_ATTACHMENTS.manifest} cannot be read (${(e as Error).message.split('\n')[0]}): it was altered`));
  }

  const notes: string[] = [];
  const allText = doc.pages.join('\n');
  // The keys attached: public-key.pem alone, or (a dossier of several keys) each file its manifest names.
  const keys = new Map<string, { pem: string; name: string | null }>();
  const keyFiles = manifest.keys ?? [{ fingerprint: manifest.publicKeyFingerprint, file: DOSSIER_ATTACHMENTS.publicKey, name: null }];
  for (const k of keyFiles) {
    const pem = attachments.get(k.file)?.toString() ?? '';
    let found = '';
    try {
      found = publicKeyFingerprint(createPublicKey(pem));
    } catch {
      problems.push(`the ${k.file} attachment is missing or not a public key: no signature made with key ${k.fingerprint} can be checked`);
      continue;
    }
    if (found !== k.fingerprint) problems.push(`the attached public key ${k.file} is ${found}, but the dossier names ${k.fingerprint}`);
    else keys.set(found, { pem, name: k.name });
    if (!allText.includes(found)) problems.push(`the key fingerprint printed in "How to verify" is not ${found}`);
  }
  const fingerprint = keys.has(manifest.publicKeyFingerprint) ? manifest.publicKeyFingerprint : '';
  const pem = keys.get(manifest.publicKeyFingerprint)?.pem ?? '';
  const sig = attachments.get(DOSSIER_ATTACHMENTS.signature);
  if (!sig || !verifyEd25519(pem, manifestBytes, sig)) problems.push(`the signature of ${DOSSIER_ATTACHMENTS.manifest} does not verify: what the dossier claims was altered, or signed by another key`);
  if (!allText.includes(manifest.dossierId)) problems.push(`the dossier id ${manifest.dossierId} is not printed on its pages`);
  // The PDF signature, and whatever was appended after it: only Exhibit's own document time-stamp may be.
  const signature = await checkPdfSignatures(bytes, [...(workspace?.authorityRoots?.values() ?? [])].join('\n'));
  problems.push(...signature.problems);
  notes.push(...signature.notes);
  if (signature.signer && !allText.includes(signature.signer.fingerprint)) problems.push(`the signing certificate printed in the dossier is not the one that signed it (${signature.signer.fingerprint})`);
  if (doc.pageCount < Math.max(0, ...manifest.exhibits.map((x) => x.pages.last))) problems.push(`the dossier has ${doc.pageCount} pages, fewer than its exhibits span: pages were removed`);

  // The time-stamp roots travel with every dossier (older ones carried them only with stamped captures).
  const expected = new Set<string>([DOSSIER_ATTACHMENTS.manifest, DOSSIER_ATTACHMENTS.signature, ...keyFiles.map((k) => k.file), TSA_ROOTS_ATTACHMENT]);
  const exhibits: ExhibitVerdict[] = [];
  for (const x of manifest.exhibits) {
    const v: ExhibitVerdict = { number: x.number, captureId: x.captureId, ok: true, problems: [], checked: [], key: null };
    // The key the dossier says signed its manifest; the manifest itself names the one checked.
    const attributed = x.publicKeyFingerprint ?? manifest.publicKeyFingerprint;
    const text = doc.pages.slice(x.pages.first - 1, x.pages.last).join('\n');
    const where = x.pages.first === x.pages.last ? `page ${x.pages.first}` : `pages ${x.pages.first}–${x.pages.last}`;
    doc.pageProblems.slice(x.pages.first - 1, x.pages.last).forEach((p, i) => {
      if (p) v.problems.push(`page ${x.pages.first + i} is damaged and cannot be read (${p.message})`);
    });
    if (!text.includes(x.captureId)) v.problems.push(`its capture id ${x.captureId} is not printed on ${where}`);
    if (!text.includes(x.manifestSha256)) v.problems.push(`the manifest hash printed on ${where} is not ${x.manifestSha256}`);
    for (const a of x.artifacts) if (!text.includes(a.sha256)) v.problems.push(`the SHA-256 printed for ${a.name} on ${where} is not ${a.sha256}`);
    v.checked.push(`${x.artifacts.length + 1} printed hashes`);

    if (manifest.attach !== 'none') {
      const mName = attachmentName(x.number, 'manifest.json');
      const sName = attachmentName(x.number, 'manifest.sig');
      expected.add(mName).add(sName);
      const m = attachments.get(mName);
      const s = attachments.get(sName);
      if (damaged.has(mName)) v.problems.push(`its attached manifest (${mName}) is damaged: ${damaged.get(mName)}`);
      else if (!m) v.problems.push(`its attached manifest (${mName}) is missing`);
      else if (sha256Hex(m) !== x.manifestSha256) v.problems.push(`its attached manifest (${mName}) hashes to ${sha256Hex(m)}, not ${x.manifestSha256}: it was swapped or altered`);
      else {
        const parsed = parseManifest(m);
        let named = attributed;
        if (!parsed.ok) v.problems.push(`its attached manifest cannot be read`);
        else {
          if (parsed.value.captureId !== x.captureId) v.problems.push(`its attached manifest is capture ${parsed.value.captureId}, not ${x.captureId}`);
          const listed = JSON.stringify(parsed.value.artifacts.map((a) => [a.name, a.sha256]));
          if (listed !== JSON.stringify(x.artifacts.map((a) => [a.name, a.sha256]))) v.problems.push('the files its signed manifest lists differ from the files the dossier shows');
          named = parsed.value.signer.publicKeyFingerprint;
          if (named !== attributed) v.problems.push(`its manifest names key ${named} as its signer, but the dossier says key ${attributed} signed it`);
        }
        const key = keys.get(named);
        if (!key) v.problems.push(`its manifest is signed by key ${named}, which is not attached to the dossier: its signature cannot be checked`);
        else if (!s || !verifyEd25519(key.pem, m, s)) v.problems.push(`the signature of its manifest (${sName}) does not verify with key ${named}`);
        else v.key = { fingerprint: named, name: key.name };
        if (s && s.toString('base64') !== x.signature) v.problems.push('the attached signature differs from the one printed');
        v.checked.push('attached manifest and its signature');
      }
    }
    if (x.timestamps && x.timestamps.length > 0) {
      const names = x.timestamps.flatMap((t) => [t.file, ...(t.listFile ? [t.listFile] : [])]).map((f) => attachmentName(x.number, f));
      for (const n of names) expected.add(n);
      expected.add(TSA_ROOTS_ATTACHMENT);
      const index: TokenIndex = { format: 'exhibit.timestamps', formatVersion: 1, manifestSha256: x.manifestSha256, tokens: x.timestamps };
      const read = (f: string) => Promise.resolve(damaged.has(attachmentName(x.number, f)) ? null : (attachments.get(attachmentName(x.number, f)) ?? null));
      for (const t of await checkTokenFiles(index, x.manifestSha256, read, workspace?.authorityRoots)) {
        if (t.problem) v.problems.push(`its time-stamp ${t.file}: ${t.problem}`);
        // The time the exhibit's page states must be the authority's.
        else if (!text.includes(utc(t.genTime))) v.problems.push(`the time-stamp printed on ${where} is not ${utc(t.genTime)}, the time in ${t.file}`);
      }
      v.checked.push(`${x.timestamps.length} time-stamp token(s)`);
    }
    if (manifest.attach === 'all') {
      for (const a of x.artifacts) {
        const name = attachmentName(x.number, a.name);
        expected.add(name);
        const data = attachments.get(name);
        if (damaged.has(name)) v.problems.push(`the attached file ${a.name} is damaged and cannot be read: it was altered`);
        else if (!data) v.problems.push(`the attached file ${name} is missing`);
        else if (sha256Hex(data) !== a.sha256) v.problems.push(`the attached file ${a.name} hashes to ${sha256Hex(data)}, not ${a.sha256}: it was swapped or altered`);
      }
      v.checked.push(`${x.artifacts.length} attached files`);
    }
    v.ok = v.problems.length === 0;
    exhibits.push(v);
  }
  for (const name of attachments.keys()) if (!expected.has(name)) problems.push(`the attachment ${name} is not part of the dossier (added later)`);

  const sha256 = sha256Hex(bytes);
  if (workspace?.db) {
    const made = await findDossierRecord(workspace.db, manifest.dossierId);
    if (!made) notes.push('this workspace did not make this dossier (its custody log has no record of it)');
    else {
      const signedPart = signature.signedLength !== null && signature.signedLength < bytes.length ? sha256Hex(bytes.subarray(0, signature.signedLength)) : null;
      if (made.sha256 === sha256) notes.push(`byte for byte the file this workspace made at ${made.at} (custody entry #${made.seq})`);
      else if (signedPart === made.sha256 && signature.problems.length === 0) notes.push(`the file this workspace made at ${made.at} (custody entry #${made.seq}), byte for byte, with a document time-stamp added since`);
      else if (signedPart !== null && (await dossiers.stampedShas(workspace.db, manifest.dossierId)).includes(sha256)) notes.push(`the file this workspace made at ${made.at} (custody entry #${made.seq}), time-stamped since with exhibit stamp`);
      else problems.push(`the file differs from the one this workspace made at ${made.at} (custody entry #${made.seq}: SHA-256 ${made.sha256}, this file ${sha256})`);
      // The certificate that signed it must be one this workspace has signed with.
      if (signature.signer) {
        const own = await dossiers.identityCertificateShas(workspace.db);
        if (!own.includes(signature.signer.fingerprint)) problems.push(`it is signed with certificate ${signature.signer.fingerprint} (${signature.signer.subject}), which is not one this workspace signs with`);
      }
    }
  }

  return ok({
    ok: problems.length === 0 && exhibits.every((x) => x.ok),
    signature: { signer: signature.signer, timestamp: signature.timestamp, documentTimestamp: signature.documentTimestamp },
    file,
    sha256,
    dossierId: manifest.dossierId,
    generatedAt: manifest.generatedAt,
    publicKeyFingerprint: fingerprint,
    attach: manifest.attach,
    exhibits,
    problems,
    notes,
  });
}

function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-');
}

/** The report for a PDF whose dossier cannot even be read: not OK, with the reason. */
function failed(file: string, bytes: Buffer, problem: string): DossierVerifyReport {
  return { ok: false, signature: { signer: null, timestamp: null, documentTimestamp: null }, file, sha256: sha256Hex(bytes), dossierId: '', generatedAt: '', publicKeyFingerprint: '', attach: 'none', exhibits: [], problems: [problem], notes: [] };
}
