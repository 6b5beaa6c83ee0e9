import { promises as fs } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DOSSIER_ATTACHMENTS } from '../../core/dossier/dossier-manifest.js';
import { appendDocumentTimestamp } from '../../core/dossier/sign/document-timestamp.js';
import { BackgroundStamper } from '../../core/timestamp/background-stamper.js';
import { stampOnce } from '../../core/timestamp/stamper.js';
import { sha256File } from '../../core/util/hash.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import type { Output } from '../output.js';
import { countPendingStamps } from '../../core/workspace/timestamps.js';
import { EXIT, type Command, type ExitCode } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { describeSettled } from '../stamping.js';

/** Long enough for a large backlog, in passes of up to a thousand imprints each. */
const STAMP_ALL_MS = 10 * 60_000;

export const stampCommand: Command = {
  name: 'stamp',
  summary: 'time-stamp everything still pending (captures made offline, the key), or a dossier signed offline',
  usage: 'exhibit stamp [FILE.pdf] [--workspace DIR] [--json]',
  help: `Sends every pending imprint, oldest first, to the configured time-stamping
authorities (exhibit tsa list) and records each token with its capture and in
the custody log. Several pending imprints are stamped together: the token
stamps a list of their SHA-256 digests, kept with each capture.

With FILE.pdf, a dossier signed without a network: a document time-stamp
(PAdES, with the certificates needed to check the signature later) is
appended as an incremental update that changes nothing the pages show;
exhibit verify accepts that update and no other. The file is replaced only
once the stamped copy is complete.

Exit status 0 when nothing is left pending, 2 when an authority could not be
reached or refused (what is pending stays queued, the PDF is left as it was).`,
  options: {},
  positionals: { min: 0, max: 1 },
  async run({ out, workspaceDir, positionals }) {
    const [pdf] = positionals;
    if (pdf !== undefined) return withWorkspace(workspaceDir, (ws) => stampPdf(ws, pdf, out));
    return withWorkspace(workspaceDir, async (ws) => {
      const before = await countPendingStamps(ws.db);
      const stamper = new BackgroundStamper(ws, { requestTimeoutMs: 10_000 });
      try {
        const settled = before === 0 ? { pending: 0, last: null } : await stamper.settle(STAMP_ALL_MS);
        const stamped = before - settled.pending;
        out.data({ stamped, pending: settled.pending, failures: settled.last?.failures ?? [] });
        out.line(before === 0 ? 'Nothing to stamp: every capture and the key have their time-stamps.' : `Stamped ${stamped} of ${before} pending item(s).`);
        const pending = describeSettled(settled.pending, settled.last);
        if (pending) out.error(pending);
        return settled.pending === 0 ? EXIT.ok : EXIT.usage;
      } finally {
        await stamper.close();
      }
    });
  },
};

async function stampPdf(ws: Workspace, file: string, out: Output): Promise<ExitCode> {
  const path = resolve(file);
  if (!(await fs.stat(path).then((st) => st.isFile(), () => false))) {
    out.error(`${file}: no such file. Nothing was changed.`);
    return EXIT.usage;
  }
  const stamp = (imprint: string) => stampOnce(ws.db, imprint, { requestTimeoutMs: 10_000 });
  const before = await sha256File(path);
  const r = await appendDocumentTimestamp(path, stamp, { atomic: true });
  if (!r.ok) {
    out.data({ file: path, stamped: false, reason: r.kind, error: r.error });
    out.error(`${file}: ${r.error}. Nothing was changed.`);
    return r.kind === 'already-stamped' ? EXIT.ok : EXIT.usage;
  }
  const sha256 = await sha256File(path);
  const dossierId = await dossierIdOf(path);
  await ws.logEvent({ action: 'export.made', subject: null, details: { kind: 'dossier-stamped', dossierId, file: basename(path), path, sha256, previousSha256: before, authority: r.authority, genTime: r.genTime, serial: r.serial } });
  out.data({ file: path, stamped: true, authority: r.authority, genTime: r.genTime, serial: r.serial, sha256 });
  out.line(`Time-stamped ${file}: ${r.authority} says the file existed no later than ${r.genTime} (serial ${r.serial}); ${r.appendedBytes} bytes appended as an incremental update.`);
  return EXIT.ok;
}

/** The dossier id its signed manifest names, or null for a PDF that is not a dossier. */
async function dossierIdOf(path: string): Promise<string | null> {
  const { readPdf } = await import('../../core/dossier/pdf-read/index.js');
  const read = readPdf(await fs.readFile(path));
  if (!read.ok) return null;
  const manifest = read.value.attachments.find((a) => a.name === DOSSIER_ATTACHMENTS.manifest);
  try {
    return manifest ? String((JSON.parse(manifest.data.toString('utf8')) as { dossierId?: unknown }).dossierId ?? '') || null : null;
  } catch {
    return null;
  }
}
