import type { WaczExport, WaczSelection } from '../../core/export/wacz.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { EXIT, UsageError, type Command, type ExitCode } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { formatBytes, type Output } from '../output.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a case or captures as a signed WACZ web archive anyone can replay and check',
  usage: 'exhibit export (--case CASE | --capture ID ...) --wacz FILE.wacz [--workspace DIR] [--json]',
  help: `Writes the captures of a case (its name or id), or the captures named
with --capture (repeatable), as one WACZ 1.1.1 file: ReplayWeb.page and other
WACZ players open it and replay each page from its WARC. Inside, under
exhibit/, each capture's signed manifest, its signature, its RFC 3161
time-stamp tokens and the workspace public key, so the evidence stays
checkable; datapackage-digest.json is signed with the workspace's ECDSA P-384
WACZ key (made on first use in keys/wacz-signing-key.pem).

Captures without a page archive (imported pages, failed loads) go in with
their signed manifest, signature and time-stamps only: there is nothing of
them to replay.

FILE must not exist; the file is written whole or not at all, and recorded
in the custody log. Check it with: exhibit verify FILE.wacz`,
  options: {
    case: { type: 'string' },
    capture: { type: 'string', multiple: true },
    wacz: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    const caseRef = typeof values.case === 'string' ? values.case : undefined;
    const ids = Array.isArray(values.capture) ? values.capture.filter((v): v is string => typeof v === 'string') : [];
    const file = typeof values.wacz === 'string' ? values.wacz : undefined;
    if (!file) throw new UsageError('Say where to write the WACZ: --wacz FILE.wacz.');
    if ((caseRef === undefined) === (ids.length === 0)) throw new UsageError('Name what to export: --case CASE, or --capture ID (one or more), not both.');
    const selection: WaczSelection = caseRef !== undefined ? { kind: 'case', ref: caseRef } : { kind: 'captures', ids };
    return withWorkspace(workspaceDir, (ws) => runWaczExport(ws, selection, file, out));
  },
};

/** Writes the WACZ and reports it; shared with export-capture --wacz. */
export async function runWaczExport(ws: Workspace, selection: WaczSelection, file: string, out: Output): Promise<ExitCode> {
  const { describeWaczExportError, exportWacz } = await import('../../core/export/wacz.js');
  const r = await exportWacz(ws, selection, file);
  if (!r.ok) {
    const message = describeWaczExportError(r.error);
    if (r.error.kind === 'evidence-altered') {
      out.error(`exhibit: ${message}`);
      out.data({ error: { kind: 'evidence', message } });
      return EXIT.evidence;
    }
    throw new UsageError(message);
  }
  out.data(r.value);
  printExport(r.value, out.line);
  return EXIT.ok;
}

function printExport(r: WaczExport, line: (text?: string) => void): void {
  const what = r.caseName !== null ? `case ${r.caseName} (${r.captures.length} capture${r.captures.length === 1 ? '' : 's'})` : r.captures.length === 1 ? `capture ${r.captures[0]!.id}` : `${r.captures.length} captures`;
  line(`Exported ${what} to ${r.file} (WACZ 1.1.1, ${formatBytes(r.bytes)}, ${r.resources} files)`);
  line(`SHA-256 ${r.sha256}`);
  for (const c of r.captures) {
    const stamp = c.timestamps > 0 ? `${c.timestamps} time-stamp token(s)` : c.stamp === 'pending' ? 'time-stamp pending' : 'no time-stamp';
    if (c.warc) line(`  ✓ ${c.id}  ${c.requestedUrl}: ${c.warc}${c.page ? '' : ' (no record at the page address: not listed as a page)'}, ${stamp}`);
    else line(`  - ${c.id}  ${c.requestedUrl}: no page archive, so nothing to replay; its signed manifest, signature and ${stamp} are in`);
  }
  line(`datapackage-digest.json signed with the workspace's WACZ key (ECDSA P-384; public key SHA-256 ${r.waczKey.publicKeySha256})`);
  if (r.waczKey.created) line('note: this workspace had no WACZ key: one was made (keys/wacz-signing-key.pem) and recorded in the custody log');
  line(`Check it with: exhibit verify "${r.file}"   (or open it in ReplayWeb.page)`);
}
