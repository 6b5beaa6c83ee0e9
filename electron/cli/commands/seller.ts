import { sellerDetail } from '../../core/catalogue/queries.js';
import { describeSellerError, mergeSellers, SELLER_STATUSES, setSellerNotes, setSellerStatus, tagSeller, unmergeSeller } from '../../core/catalogue/sellers.js';
import { findSeller, sellerLabel } from '../../core/catalogue/seller-ref.js';
import type { Result } from '../../core/util/result.js';
import { stringValues } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { table } from '../output.js';

export const sellerCommand: Command = {
  name: 'seller',
  summary: "one seller: names, listings and captures over time; status, tags, notes, merges",
  usage:
    'exhibit seller MARKETPLACE:ID [--status S [--note TEXT]] [--tag T]... [--untag T]... [--notes TEXT] [--merge-into M:ID [--reason TEXT]] [--unmerge [--reason TEXT]] [--workspace DIR] [--json]',
  help: `Without options, shows the seller: every name and id it was seen under,
its status history, its listings and every capture of them, oldest first.
The options change it; every change is a custody event.

  --status S         active, reported or removed (--note TEXT says why)
  --tag T            add a tag (repeatable); --untag T removes one
  --notes TEXT       replace the seller's notes
  --merge-into M:ID  this seller and that one are one operator: count this
                     one (and any merged into it) under M:ID. Nothing is
                     rewritten; --unmerge undoes it.
  --unmerge          undo the latest merge of this seller into another`,
  options: {
    status: { type: 'string' },
    note: { type: 'string' },
    tag: { type: 'string', multiple: true },
    untag: { type: 'string', multiple: true },
    notes: { type: 'string' },
    'merge-into': { type: 'string' },
    unmerge: { type: 'boolean' },
    reason: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals, out, workspaceDir }) {
    const ref = positionals[0]!;
    const reason = typeof values.reason === 'string' ? values.reason : '';
    const changes = ['status', 'tag', 'untag', 'notes', 'merge-into', 'unmerge'].some((k) => values[k] !== undefined);
    return withWorkspace(workspaceDir, async (ws) => {
      const must = <T>(r: Result<T, Parameters<typeof describeSellerError>[0]>): T => {
        if (!r.ok) throw new UsageError(describeSellerError(r.error));
        return r.value;
      };
      // Checked first, so a mistake in any option changes nothing.
      if (!(await findSeller(ws.db, ref))) throw new UsageError(describeSellerError({ kind: 'no-seller', ref }));
      const into = values['merge-into'];
      if (typeof into === 'string' && !(await findSeller(ws.db, into))) throw new UsageError(describeSellerError({ kind: 'no-seller', ref: into }));
      if (typeof values.status === 'string' && !(SELLER_STATUSES as readonly string[]).includes(values.status)) throw new UsageError(describeSellerError({ kind: 'bad-status', status: values.status }));
      let target = ref;
      if (typeof values.status === 'string') must(await setSellerStatus(ws.db, ref, values.status, typeof values.note === 'string' ? values.note : ''));
      for (const t of stringValues(values.tag)) must(await tagSeller(ws.db, ref, t, true));
      for (const t of stringValues(values.untag)) must(await tagSeller(ws.db, ref, t, false));
      if (typeof values.notes === 'string') must(await setSellerNotes(ws.db, ref, values.notes));
      if (typeof values['merge-into'] === 'string') {
        const m = must(await mergeSellers(ws.db, ref, values['merge-into'], reason));
        out.line(`Merged ${sellerLabel(m.absorbed)} into ${sellerLabel(m.into)} (merge ${m.id}; undo with exhibit seller ${ref} --unmerge).`);
        target = m.into.id;
      }
      if (values.unmerge === true) {
        const m = must(await unmergeSeller(ws.db, ref, reason));
        out.line(`${sellerLabel(m.absorbed)} stands on its own again (it was merged into ${sellerLabel(m.into)}).`);
      }

      const d = await sellerDetail(ws.db, target);
      if (!d) throw new UsageError(describeSellerError({ kind: 'no-seller', ref }));
      out.data(d);
      const s = d.seller;
      out.line(
        table([
          ['Seller', sellerLabel(s)],
          ['Status', s.status],
          ['Profile', s.profileUrl ?? '-'],
          ['Names seen', d.names.map((n) => `${n.name} (from ${n.firstSeen.slice(0, 10)})`).join('; ') || '-'],
          ['Also known as', d.merged.map((m) => sellerLabel(m)).join('; ') || '-'],
          ['Tags', d.tags.join(', ') || '-'],
          ['Notes', s.notes || '-'],
          ['Exhibit id', s.id],
        ]),
      );
      if (d.statusHistory.length > 0) {
        out.line('\nStatus history:');
        for (const h of d.statusHistory) out.line(`  ${h.at}  ${h.status}${h.note ? `  ${h.note}` : ''}`);
      }
      out.line(`\nListings (${d.listings.length}):`);
      for (const l of d.listings) {
        out.line(`  ${`${l.marketplace}:${l.listingKey}`.padEnd(30)} ${(l.price ? `${l.price} ${l.currency ?? ''}` : '').padEnd(14)} ${String(l.captures).padStart(4)} captures  ${l.firstSeen?.slice(0, 10) ?? '-'} → ${l.lastSeen?.slice(0, 10) ?? '-'}  ${(l.title ?? '').slice(0, 60)}`);
      }
      out.line(`\nCaptures (${d.captures.length}), oldest first:`);
      for (const c of d.captures) out.line(`  ${c.startedAt}  ${c.id}  ${c.outcome.padEnd(9)} ${c.listingKey ?? '-'}  ${c.url}`);
      return EXIT.ok;
    }, changes ? 'write' : 'read');
  },
};
