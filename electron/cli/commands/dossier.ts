import { describeDossierError, makeDossier, type AttachMode } from '../../core/dossier/make-dossier.js';
import { PAPERS, type Paper } from '../../core/dossier/render/pdf.js';
import type { DossierSelection } from '../../core/dossier/selection.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { formatBytes } from '../output.js';

export const dossierCommand: Command = {
  name: 'dossier',
  summary: 'a court-ready PDF dossier of a seller, a case or chosen captures',
  usage: 'exhibit dossier (--seller M:ID | --case C | --captures ID,ID...) [-o FILE.pdf] [--lang en|fr] [--paper letter|a4] [--bates PREFIX] [--attach none|manifests|all] [--workspace DIR] [--json]',
  help: `Makes one PDF (PDF/A-3b, fonts embedded) that shows on its own what each
listing displayed and when, and lets anyone check that nothing changed since:
cover, contents, seller summary, listings, one exhibit per capture (A-1,
A-2…: header, extracted fields, every file's SHA-256, the full-page
screenshot at a readable scale over as many pages as it needs), changes over
time, method and environment (after NF Z67-147), chain of custody, how to
verify, and a certification page (FRE 902(13)/(14) in English, an
attestation in French). The PDF's SHA-256 goes into the custody log.

  --seller M:ID       every capture of this seller (and sellers merged into it)
  --case C            every capture of case C
  --captures ID,...   these captures
  -o FILE.pdf         where to write it (never over an existing file); by
                      default dossier-SELLER-OR-CASE-DATE.pdf here
  --lang en|fr        language of the dossier (default en)
  --paper letter|a4   paper size (default: Letter in English, A4 in French)
  --bates PREFIX      number every page PREFIX000001, PREFIX000002…
  --attach MODE       none: only the signed dossier manifest and public key;
                      manifests (default): also every capture's signed
                      manifest; all: also every captured file, so the PDF
                      alone carries its evidence`,
  options: {
    seller: { type: 'string' },
    case: { type: 'string' },
    captures: { type: 'string' },
    output: { type: 'string', short: 'o' },
    lang: { type: 'string' },
    paper: { type: 'string' },
    bates: { type: 'string' },
    attach: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    const chosen = (['seller', 'case', 'captures'] as const).filter((k) => typeof values[k] === 'string');
    if (chosen.length !== 1) throw new UsageError('exhibit dossier: choose exactly one of --seller M:ID, --case C or --captures ID,ID...');
    const selection: DossierSelection =
      chosen[0] === 'seller'
        ? { kind: 'seller', ref: values.seller as string }
        : chosen[0] === 'case'
          ? { kind: 'case', ref: values.case as string }
          : { kind: 'captures', ids: (values.captures as string).split(',').map((x) => x.trim()).filter((x) => x) };
    const lang = (values.lang as string | undefined) ?? 'en';
    if (lang !== 'en' && lang !== 'fr') throw new UsageError(`--lang ${lang}: en or fr`);
    const paper = (values.paper as string | undefined)?.toLowerCase();
    if (paper !== undefined && !(PAPERS as readonly string[]).includes(paper)) throw new UsageError(`--paper ${values.paper as string}: letter or a4`);
    const attach = (values.attach as string | undefined) ?? 'manifests';
    if (!['none', 'manifests', 'all'].includes(attach)) throw new UsageError(`--attach ${attach}: none, manifests or all`);
    const output = values.output as string | undefined;
    if (output !== undefined && !/\.pdf$/i.test(output)) throw new UsageError(`-o ${output}: the dossier is a PDF; give a name ending in .pdf`);
    return withWorkspace(workspaceDir, async (ws) => {
      const made = await makeDossier(ws, { selection, lang, paper: paper as Paper | undefined, attach: attach as AttachMode, bates: values.bates as string | undefined, output });
      if (!made.ok) throw new UsageError(describeDossierError(made.error));
      const d = made.value;
      out.data(d);
      out.line(`Dossier ${d.dossierId}: ${d.path}\n    ${d.exhibits} exhibits, ${d.pages} pages, ${d.attachments} attachments, ${formatBytes(d.bytes)}\n    SHA-256 ${d.sha256} (recorded in the custody log)`);
      const sig = d.signature;
      out.line(`    Signed by ${sig.name} (certificate ${sig.certificateSha256})`);
      if (sig.timestamp) out.line(`    Signature time-stamped by ${sig.timestamp.authority} at ${sig.timestamp.genTime}${sig.documentTimestamp ? `; document time-stamp at ${sig.documentTimestamp.genTime}` : ''}`);
      if (sig.pending) out.error(`Time-stamp pending: no authority answered (${sig.pending}). Run "exhibit stamp ${d.path}" when online to add the document time-stamp.`);
      return EXIT.ok;
    });
  },
};
