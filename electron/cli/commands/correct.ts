import { correctField, describeCorrectionError } from '../../core/catalogue/corrections.js';
import { CORRECTABLE_FIELDS } from '../../core/catalogue/fields.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { describeFiling } from '../describe-filing.js';
import { withWorkspace } from '../open-workspace.js';

export const correctCommand: Command = {
  name: 'correct',
  summary: 'correct a value extracted from a capture (the original is kept)',
  usage: 'exhibit correct CAPTURE_ID FIELD VALUE [--reason TEXT] [--workspace DIR] [--json]',
  help: `Records what a field of a capture really is, when the extractor got it
wrong or missed it. The extracted value is kept as extracted; the correction
is stored beside it and logged in the custody log with its reason.
Correcting marketplace, listingId, sellerId or sellerName files the capture
under the right listing and seller, and that move is logged too.

Fields: ${CORRECTABLE_FIELDS.join(', ')}
(price as a decimal, e.g. 1234.56; currency as ISO 4217, e.g. EUR; images as
space-separated URLs)`,
  options: { reason: { type: 'string' } },
  positionals: { min: 3, max: 3 },
  async run({ values, positionals, out, workspaceDir }) {
    const [captureId, field, value] = positionals as [string, string, string];
    const reason = typeof values.reason === 'string' ? values.reason : '';
    return withWorkspace(workspaceDir, async (ws) => {
      const r = await correctField(ws.db, captureId, field, value, reason);
      if (!r.ok) throw new UsageError(describeCorrectionError(r.error));
      const c = r.value;
      out.data(c);
      out.line(`${field} of ${captureId}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)} (recorded in the custody log; the extracted value is kept).`);
      if (c.refiled) out.line(`Now ${await describeFiling(ws.db, { ...c.refiled.to, caseId: null }, 'complete')}.`);
      return EXIT.ok;
    });
  },
};
