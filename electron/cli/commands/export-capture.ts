import { resolve } from 'node:path';
import { describeExportError, exportCapture } from '../../core/export/export-capture.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const exportCaptureCommand: Command = {
  name: 'export-capture',
  summary: "write a capture's artifacts as plain files, checkable with sha256sum",
  usage: 'exhibit export-capture CAPTURE_ID DIR [--workspace DIR] [--json]',
  help: `Writes every artifact of the capture to DIR (new or empty) with
manifest.json, its Ed25519 signature (manifest.sig), the workspace public key
(public-key.pem), SHA256SUMS and a README on checking them:
  cd DIR && sha256sum -c SHA256SUMS
The export is recorded in the custody log.`,
  options: {},
  positionals: { min: 2, max: 2 },
  async run({ positionals, out, workspaceDir }) {
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
