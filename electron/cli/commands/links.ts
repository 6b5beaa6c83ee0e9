import type { SeenAt, SharedItem } from '../../core/links/compute.js';
import { computeWorkspaceLinks, decideLink, type SellerLink } from '../../core/links/store.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const linksCommand: Command = {
  name: 'links',
  summary: 'seller accounts that may be one operator, with the evidence they share',
  usage: 'exhibit links [--seller MARKETPLACE:ID] [--workspace DIR] [--json]\n       exhibit links confirm|reject SELLER_A SELLER_B [--reason TEXT] [--workspace DIR] [--json]',
  help: `Lists candidate links between seller accounts, recomputed from the
workspace's captures each time: the trader details on captured seller pages
(VAT and company numbers, phone, e-mail, address, web site), contact details
written in listings, listing pictures (perceptual hashes of the images each
capture recorded, mirrored copies too) and copied listing text. Each link
shows every item both accounts share and where each was seen (capture,
artifact, field, as the page wrote it), and its strength: strong (a shared
registration number, phone, e-mail or chat handle, or several weaker items
adding up) or weak (a picture, an address or similar text alone).
Operators are the accounts joined by strong links and by your confirmations.

  --seller M:ID        only the links of this seller
  confirm A B          record that A and B are one operator (custody entry)
  reject A B           record that A and B are not linked: never proposed again
  --reason TEXT        why, kept with the decision

Decisions are kept as made, each one in the custody log; the latest on a
pair is the one in force, and both survive recomputation.`,
  options: { seller: { type: 'string' }, reason: { type: 'string' } },
  positionals: { min: 0, max: 3 },
  async run({ values, positionals, out, workspaceDir }) {
    const [verb, a, b] = positionals;
    if (verb !== undefined) {
      if (verb !== 'confirm' && verb !== 'reject') throw new UsageError(`exhibit links: unknown action ${JSON.stringify(verb)} (confirm or reject)`);
      if (a === undefined || b === undefined) throw new UsageError(`exhibit links ${verb}: name two sellers, as MARKETPLACE:ID`);
      if (typeof values.seller === 'string') throw new UsageError(`exhibit links ${verb}: --seller is for listing links`);
      const reason = typeof values.reason === 'string' ? values.reason : '';
      return withWorkspace(workspaceDir, async (ws) => {
        const r = await decideLink(ws.db, a, b, verb === 'confirm' ? 'confirmed' : 'rejected', reason);
        if (!r.ok) throw new UsageError(r.error);
        out.data({ decision: verb === 'confirm' ? 'confirmed' : 'rejected', ...r.value });
        out.line(verb === 'confirm' ? `${a} and ${b} confirmed as one operator (decision ${r.value.seq}, in the custody log).` : `Link between ${a} and ${b} rejected: it will not be proposed again (decision ${r.value.seq}, in the custody log).`);
        return EXIT.ok;
      });
    }
    if (typeof values.reason === 'string') throw new UsageError('exhibit links: --reason goes with confirm or reject');
    return withWorkspace(workspaceDir, async (ws) => {
      const r = await computeWorkspaceLinks(ws.db, ws.store, typeof values.seller === 'string' ? values.seller : undefined);
      if (!r.ok) throw new UsageError(r.error);
      const report = r.value;
      out.data(report);
      if (report.links.length === 0) out.line('No link between seller accounts found.');
      else out.line(`${report.links.length} link(s) between seller accounts (computed in ${report.computedInMs} ms):`);
      for (const l of report.links) {
        out.line();
        out.line(linkHeading(l));
        for (const s of l.shared) out.line(sharedLine(s));
      }
      if (report.operators.length > 0) {
        out.line();
        out.line('Operators (accounts joined by strong links and confirmations):');
        report.operators.forEach((g, i) => out.line(`  ${i + 1}. ${g.join(', ')}`));
      }
      return EXIT.ok;
    });
  },
};

function linkHeading(l: SellerLink): string {
  return `${l.strength === 'strong' ? 'STRONG' : 'weak  '}  ${l.aLabel}  ~  ${l.bLabel}  (score ${l.score}${l.decision === 'confirmed' ? ', confirmed' : ''})`;
}

function sharedLine(s: SharedItem): string {
  const what = s.kind === 'image' ? `image${s.mirrored ? ' (mirrored copy)' : ''}` : s.kind === 'text' ? `listing text, ${s.value}` : `${s.kind} ${s.value}`;
  return `    ${what}\n      ${seen(s.a)}\n      ${seen(s.b)}`;
}

function seen(s: SeenAt): string {
  const raw = s.raw.length > 80 ? `${s.raw.slice(0, 79)}…` : s.raw;
  return `capture ${s.captureId ?? '-'}, ${s.artifact}, ${s.field}: ${JSON.stringify(raw)}`;
}
