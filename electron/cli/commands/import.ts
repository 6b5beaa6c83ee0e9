import { describeImportError, importPage } from '../../core/import/import-page.js';
import { sellerArg } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { describeFiling } from '../describe-filing.js';
import { withWorkspace } from '../open-workspace.js';
import { withStamping } from '../stamping.js';

export const importCommand: Command = {
  name: 'import',
  summary: 'bring a page saved elsewhere (HTML, MHTML, screenshot) into the workspace',
  usage: 'exhibit import FILE --url URL [--case C] [--seller M:ID] [--note TEXT] [--workspace DIR] [--json]',
  help: `Stores a page saved by other means (a browser's "Save as", a colleague's
screenshot) as evidence: the file exactly as it is, hashed and signed on
import, with a manifest that says "imported, not captured by Exhibit" and
records the file's name, size and modification time. HTML and MHTML pages are
read like captures and filed under their listing and seller.

  --url URL       the address the page was saved from (required)
  --case C        add it to case C (made if new)
  --seller M:ID   file it under this seller
  --note TEXT     a note kept in its signed manifest

FILE must be a regular file of at most 1 GiB.`,
  options: { url: { type: 'string' }, case: { type: 'string' }, seller: { type: 'string' }, note: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals, out, workspaceDir }) {
    if (typeof values.url !== 'string') throw new UsageError('exhibit import FILE --url URL: give the address the page was saved from');
    const seller = sellerArg(values.seller);
    return withWorkspace(workspaceDir, async (ws) => {
      const r = await withStamping(ws, out, () =>
        importPage(ws, {
          file: positionals[0]!,
          url: values.url as string,
          caseRef: typeof values.case === 'string' ? values.case : undefined,
          seller,
          note: typeof values.note === 'string' ? values.note : undefined,
        }),
      );
      if (!r.ok) throw new UsageError(describeImportError(r.error));
      const { record, kind } = r.value;
      const filing = await describeFiling(ws.db, record.filing, r.value.extraction?.kind === 'blocked' ? 'blocked' : 'imported');
      out.data({ id: record.id, kind, outcome: 'imported', filing: record.filing, artifacts: record.manifest.artifacts, manifestSha256: record.manifestSha256 });
      out.line(`Imported ${positionals[0]} as ${kind}: capture ${record.id} (imported, not captured by Exhibit)\n    ${filing}; manifest ${record.manifestSha256}`);
      return EXIT.ok;
    });
  },
};
