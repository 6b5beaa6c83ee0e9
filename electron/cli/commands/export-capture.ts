import { resolve } from 'node:path';
import { describeExportError, exportCapture } from '../../core/export/export-capture.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const exportCaptureCommand: Command = {
  name: 'export-capture',
  summary: "write a capture's artifacts as plain files, checkable with sha256sum",
  usage: 'exhibit export-capture CAPTURE_ID (DIR | --wacz FILE.wacz) [--workspace DIR] [--json]',
  help: `Writes every artifact of the capture to DIR (new or empty) with
manifest.json, its Ed25519 signature (manifest.sig), the workspace public key
(public-key.pem), SHA256SUMS and a README on checking them:
  cd DIR && sha256sum -c SHA256SUMS

With --wacz FILE.wacz instead of DIR: writes the capture as a signed WACZ
web archive that ReplayWeb.page replays, with its signed manifest, signature
and time-stamp tokens inside (see exhibit export --help). FILE must not exist.

The export is recorded in the custody log.`,
  options: { wacz: { type: 'string' } },
  positionals: { min: 1, max: 2 },
  async run({ values, positionals, out, workspaceDir }) {
    const wacz = typeof values.wacz === 'string' ? values.wacz : undefined;
    if (wacz !== undefined) {
      if (positionals.length !== 1) throw new UsageError('With --wacz FILE, give the capture id only: exhibit export-capture CAPTURE_ID --wacz FILE.wacz');
      const id = positionals[0]!;
      const { runWaczExport } = await import('./export.js');
      return withWorkspace(workspaceDir, (ws) => runWaczExport(ws, { kind: 'captures', ids: [id] }, wacz, out));
    }
    if (positionals.length !== 2) throw new UsageError('Give the capture id and a folder to write to (or --wacz FILE.wacz): exhibit export-capture CAPTURE_ID DIR');
    const [id, target] = positionals as [string, string];
    return withWorkspace(workspaceDir, async (ws) => {
      const r = await exportCapture(ws, id, resolve(target));
      if (!r.ok) {
        if (r.error.kind === 'evidence-altered') {
          out.error(`exhibit: ${describeExportError(r.error)}`);
          out.data({ error: { kind: 'evidence', message: describeExportError(r.error) } });
          return EXIT.evidence;
        }
        throw new UsageError(describeExportError(r.error));
      }
      out.data(r.value);
      out.line(`Exported capture ${id} to ${r.value.dir}:`);
      for (const f of r.value.files) out.line(`  ${f}`);
      out.line(`Check it with: cd "${r.value.dir}" && sha256sum -c SHA256SUMS`);
      return EXIT.ok;
    });
  },
};
