import type { VerifyReport } from '../../core/workspace/verify/report.js';
import { verifyWorkspace } from '../../core/workspace/verify/verify-workspace.js';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { DossierVerifyReport } from '../../core/dossier/verify-dossier.js';
import type { ExportVerifyReport } from '../../core/export/verify-export.js';
import type { WaczVerifyReport } from '../../core/export/wacz-verify.js';
import { authorityRootMap } from '../../core/workspace/timestamps.js';
import { ANY_AUTHORITY } from '../../core/timestamp/token-files.js';
import { Workspace } from '../../core/workspace/workspace.js';
import { EXIT, UsageError, type Command, type ExitCode } from '../command.js';
import type { Output } from '../output.js';
import { withWorkspace } from '../open-workspace.js';
import { formatBytes, table } from '../output.js';
import { custody } from '../../core/store/index.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check that no evidence was altered or lost',
  usage: 'exhibit verify [DOSSIER.pdf | EXPORT-FOLDER | FILE.wacz] [--tsa-roots FILE] [--workspace DIR] [--json]',
  help: `Without a path: re-hashes every stored object of the workspace, checks
every capture against its signed manifest, walks the custody log's hash
chain, checks every refiling and correction against it, and runs SQLite's
integrity check. The run is itself recorded in the custody log.

With a dossier PDF: checks it with nothing but the PDF (the signed dossier
manifest, the hashes printed on each exhibit's pages, each attached
manifest, signature and file, nothing appended since it was written) and,
when the workspace that made it is at hand, that the file is byte for byte
the one recorded in its custody log. Reports each exhibit OK or what differs.

With a folder made by export-capture: checks the signature, every file
against the signed manifest, and SHA256SUMS.

With a WACZ made by export --wacz or export-capture --wacz: checks every
file against datapackage.json, datapackage.json against
datapackage-digest.json and its ECDSA P-384 signature, each capture's signed
manifest, that each archive/*.warc.gz is the page.warc.gz its manifest lists,
and the time-stamp tokens; names the file that differs.

--tsa-roots FILE: root certificates (PEM) trusted, for this check, for the
time-stamps of a dossier, an exported folder or a WACZ, besides those
shipped with Exhibit and those of the workspace at hand (an exported
folder's own tsa-roots.pem is never taken on its word: compare its
fingerprints with the authority's, then name it here).

Exit status: 0 all verified, 1 a problem was found, 2 nothing could be
checked (no such file, not a workspace, dossier, export or WACZ).`,
  options: { 'tsa-roots': { type: 'string' } },
  positionals: { min: 0, max: 1 },
  async run({ values, positionals, out, workspaceDir: chosenWorkspace }) {
    let workspaceDir = chosenWorkspace;
    const target = positionals[0];
    if (target !== undefined) {
      const kind = await kindOf(target);
      if (kind === 'missing') throw new UsageError(`${target}: no such file or folder.`);
      const extraRoots = await rootsFile(values['tsa-roots']);
      if (kind === 'dossier') return verifyDossierFile(target, workspaceDir, out, extraRoots);
      if (kind === 'export') return verifyExport(target, workspaceDir, out, extraRoots);
      if (kind === 'wacz') return verifyWaczFile(target, workspaceDir, out, extraRoots);
      if (extraRoots) throw new UsageError('--tsa-roots FILE is for checking a dossier, an exported folder or a WACZ; a workspace trusts the roots of its own authorities (exhibit tsa add --root).');
      workspaceDir = target;
    }
    return withWorkspace(workspaceDir, async (ws) => {
      const report = await verifyWorkspace(ws);
      // The run is part of the record; a workspace on read-only media can still be verified.
      await ws
        .logEvent({
        action: 'verification.run',
        subject: null,
        details: {
          ok: report.ok,
          problems: report.problems.length,
          objects: report.counts.objects,
          captures: report.counts.captures,
          chainHeadSeq: report.chainHead?.seq ?? null,
          chainHeadHash: report.chainHead?.hash ?? null,
        },
      })
        .catch((e: unknown) => report.notices.push(`this verification could not be recorded in the custody log: ${ws.readOnly ? 'the workspace is read-only' : (e as Error).message}`));
      out.data(report);
      printReport(report, out.line);
      return report.ok ? EXIT.ok : EXIT.evidence;
    }, 'read');
  },
};

function printReport(r: VerifyReport, line: (text?: string) => void): void {
  const seconds = r.durationMs / 1000;
  line(
    table([
      ['Workspace', r.workspace],
      ['Key fingerprint', r.publicKeyFingerprint],
      ['Captures', `${r.counts.captures} (${r.counts.artifacts} artifacts)`],
      ['Objects', `${r.counts.objects} re-hashed, ${formatBytes(r.counts.objectBytes)} in ${seconds.toFixed(1)} s`],
      ['Custody log', `${r.counts.custodyEntries} entries; head #${r.chainHead?.seq ?? '-'} ${r.chainHead?.hash ?? ''}`],
      ['Head file', r.custodyAnchor ? `custody-head.json names #${r.custodyAnchor.seq} ${r.custodyAnchor.hash}` : 'custody-head.json: none'],
      ['Head stamped', r.stampedHead ? `#${r.stampedHead.seq} ${r.stampedHead.hash} by ${r.stampedHead.authorityUrl} at ${r.stampedHead.genTime}` : 'not yet time-stamped'],
      ['Result', r.cancelled ? 'CANCELLED: not verified' : r.ok ? 'OK: nothing altered, nothing missing' : `${r.problems.length} PROBLEM${r.problems.length === 1 ? '' : 'S'} FOUND`],
    ]),
  );
  for (const p of r.problems) line(`  ✗ ${p.where}: ${p.message}`);
  for (const n of r.notices) line(`  note: ${n}`);
}

async function kindOf(path: string): Promise<'missing' | 'dossier' | 'export' | 'wacz' | 'workspace'> {
  const st = await fs.stat(path).catch(() => null);
  if (!st) return 'missing';
  if (st.isFile()) return path.toLowerCase().endsWith('.wacz') || (await startsWithZipHeader(path)) ? 'wacz' : 'dossier';
  const has = (name: string) => fs.access(join(path, name)).then(() => true, () => false);
  if (await has('exhibit-workspace.json')) return 'workspace';
  return (await has('manifest.json')) ? 'export' : 'workspace';
}

async function verifyDossierFile(file: string, workspaceDir: string, out: Output, extraRoots: string | null): Promise<ExitCode> {
  // The workspace that made the dossier, if it is at hand: only to compare the file with its record.
  const opened = await Workspace.open(workspaceDir);
  const ws = opened.ok ? opened.value : null;
  try {
    // Loaded here, not above: the PDF reader is heavy, and a workspace verification has no use for it.
    const { describeDossierVerifyError, verifyDossier } = await import('../../core/dossier/verify-dossier.js');
    const roots = withExtraRoots(ws ? await authorityRootMap(ws.db) : new Map(), extraRoots);
    const r = await verifyDossier(file, ws ? { db: ws.db, authorityRoots: roots } : extraRoots ? { authorityRoots: roots } : undefined);
    if (!r.ok) throw new UsageError(describeDossierVerifyError(r.error));
    out.data(r.value);
    printDossier(r.value, out.line);
    return r.value.ok ? EXIT.ok : EXIT.evidence;
  } finally {
    await ws?.close();
  }
}

function printDossier(r: DossierVerifyReport, line: (text?: string) => void): void {
  line(
    table([
      ['Dossier', `${r.file} (${r.dossierId})`],
      ['Made', r.generatedAt],
      ['SHA-256', r.sha256],
      ['Key fingerprint', r.publicKeyFingerprint || '-'],
      ['Signed by', r.signature.signer ? `${r.signature.signer.subject} (certificate ${r.signature.signer.fingerprint})` : '-'],
      ['Signature time', r.signature.timestamp ? `${r.signature.timestamp.genTime} (${r.signature.timestamp.authority})` : 'not time-stamped'],
      ['Document time-stamp', r.signature.documentTimestamp ? `${r.signature.documentTimestamp.genTime} (${r.signature.documentTimestamp.authority})` : 'none'],
      ['Exhibits', `${r.exhibits.length}; attachments: ${r.attach}`],
      ['Result', r.ok ? 'OK: every exhibit verified' : `PROBLEMS in ${r.exhibits.filter((x) => !x.ok).length} exhibit(s)${r.problems.length ? ' and the file' : ''}`],
    ]),
  );
  for (const x of r.exhibits) {
    const key = x.key ? `; manifest signed by key ${x.key.fingerprint}${x.key.name ? ` (${x.key.name})` : ''}` : '';
    line(x.ok ? `  ✓ ${x.number}  capture ${x.captureId}: ${x.checked.join(', ')}${key}` : `  ✗ ${x.number}  capture ${x.captureId}${key}:`);
    for (const p of x.problems) line(`      ${p}`);
  }
  for (const p of r.problems) line(`  ✗ the file: ${p}`);
  for (const n of r.notes) line(`  note: ${n}`);
}

async function verifyExport(dir: string, workspaceDir: string, out: Output, extraRoots: string | null): Promise<ExitCode> {
  const { verifyExportFolder } = await import('../../core/export/verify-export.js');
  // The roots this investigator trusts for their own authorities, when their workspace is at hand.
  const r = await verifyExportFolder(dir, { authorityRoots: withExtraRoots(await authorityRootsOf(workspaceDir), extraRoots) });
  if (!r.ok) throw new UsageError(`${dir} is not a folder made by exhibit export-capture: ${r.error.missing} is missing.`);
  out.data(r.value);
  printExport(r.value, out.line);
  return r.value.ok ? EXIT.ok : EXIT.evidence;
}

function printExport(r: ExportVerifyReport, line: (text?: string) => void): void {
  line(
    table([
      ['Export', r.dir],
      ['Capture', `${r.captureId}, ${r.startedAt}`],
      ['URL', r.requestedUrl],
      ['Key fingerprint', r.publicKeyFingerprint || '-'],
      ['Signature', r.signatureOk ? 'valid (Ed25519)' : 'NOT VALID'],
      ['Result', r.ok ? `OK: ${r.files.length} files match the signed manifest` : 'PROBLEMS FOUND'],
    ]),
  );
  for (const f of r.files) line(f.ok ? `  ✓ ${f.name}` : `  ✗ ${f.name}: ${f.problem}`);
  for (const t of r.timestamps) if (!t.problem) line(`  ✓ ${t.file}: existed no later than ${t.genTime} (${t.authority}, serial ${t.serial})`);
  for (const p of r.problems) line(`  ✗ ${p}`);
  for (const n of r.notices) line(`  note: ${n}`);
}

/**
 * The roots (PEM) of --tsa-roots FILE: trusted, for this check only, for a
 * time-stamp from any authority, besides those shipped with Exhibit and
 * those of the workspace at hand. Never the roots a file under check
 * carries: the person checking names them.
 */
async function rootsFile(path: unknown): Promise<string | null> {
  if (typeof path !== 'string') return null;
  let pem: string;
  try {
    pem = await fs.readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--tsa-roots ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
  if (!/-----BEGIN CERTIFICATE-----/.test(pem)) throw new UsageError(`--tsa-roots ${path}: no certificate in it (a PEM file of root certificates is expected).`);
  return pem;
}

function withExtraRoots(roots: Map<string, string>, extra: string | null): Map<string, string> {
  if (extra) roots.set(ANY_AUTHORITY, extra);
  return roots;
}

async function authorityRootsOf(workspaceDir: string): Promise<Map<string, string>> {
  const opened = await Workspace.open(workspaceDir);
  if (!opened.ok) return new Map();
  try {
    return await authorityRootMap(opened.value.db);
  } finally {
    await opened.value.close();
  }
}

/** A zip file's first local file header: a WACZ named otherwise is still one. */
async function startsWithZipHeader(path: string): Promise<boolean> {
  const handle = await fs.open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await handle.close();
  }
}

async function verifyWaczFile(file: string, workspaceDir: string, out: Output, extraRoots: string | null): Promise<ExitCode> {
  // The workspace at hand, if any: the roots it trusts for its authorities, its keys, its custody log.
  const opened = await Workspace.open(workspaceDir);
  const ws = opened.ok ? opened.value : null;
  try {
    const { describeWaczVerifyError, verifyWacz } = await import('../../core/export/wacz-verify.js');
    const { waczPublicKeyOf } = await import('../../core/export/wacz-key.js');
    const r = await verifyWacz(
      file,
      ws
        ? {
            authorityRoots: withExtraRoots(await authorityRootMap(ws.db), extraRoots),
            workspace: {
              keyFingerprint: ws.key.fingerprint,
              waczPublicKey: await waczPublicKeyOf(ws.layout.keys),
              exportOf: (sha256) => custody.waczExportEntry(ws.db, sha256),
            },
          }
        : { authorityRoots: withExtraRoots(new Map(), extraRoots) },
    );
    if (!r.ok) throw new UsageError(describeWaczVerifyError(r.error));
    out.data(r.value);
    printWacz(r.value, out.line);
    return r.value.ok ? EXIT.ok : EXIT.evidence;
  } finally {
    await ws?.close();
  }
}

function printWacz(r: WaczVerifyReport, line: (text?: string) => void): void {
  const failed = r.problems.length + r.captures.filter((c) => !c.ok).length;
  line(
    table([
      ['WACZ', r.file],
      ['SHA-256', r.sha256],
      ['Made', `${r.created ?? '-'} by ${r.software ?? 'unknown software'}`],
      ['Signature', r.signature.ok ? `valid (${r.signature.algorithm}; key SHA-256 ${r.signature.publicKeySha256 ?? '-'})` : 'NOT VALID'],
      ['Key fingerprint', r.publicKeyFingerprint || '-'],
      ['Files', `${r.resources.listed} listed in datapackage.json, ${r.resources.matching} match`],
      ['Captures', `${r.captures.length}${r.caseName !== null ? ` (case ${r.caseName})` : ''}`],
      ['Result', r.ok ? 'OK: every file, the signature and every capture verified' : `PROBLEMS FOUND (${failed})`],
    ]),
  );
  for (const c of r.captures) {
    line(c.ok ? `  ✓ ${c.id}  ${c.url}: ${c.checked.join(', ')}` : `  ✗ ${c.id}  ${c.url}:`);
    for (const p of c.problems) line(`      ${p}`);
    for (const t of c.timestamps) if (!t.problem) line(`      ✓ ${t.file}: existed no later than ${t.genTime} (${t.authority}, serial ${t.serial})`);
  }
  for (const p of r.problems) line(`  ✗ ${p.where}: ${p.message}`);
  for (const n of r.notes) line(`  note: ${n}`);
}
