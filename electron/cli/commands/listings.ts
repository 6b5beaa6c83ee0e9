import { listListings } from '../../core/catalogue/queries.js';
import { findSeller, groupOf } from '../../core/catalogue/seller-ref.js';
import { positiveInt } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const listingsCommand: Command = {
  name: 'listings',
  summary: 'listings, with their latest price and when seen',
  usage: 'exhibit listings [--seller M:ID] [--limit N] [--workspace DIR] [--json]',
  help: `Lists listings, most recently seen first, with what their latest capture
showed (title, price, seller, as corrected).

  --seller M:ID   only this seller's listings (and those of sellers merged into it)
  --limit N       at most N (default 500; 0 for all)`,
  options: { seller: { type: 'string' }, limit: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    const limit = positiveInt(values.limit, '--limit', 0, 10_000_000) ?? 500;
    return withWorkspace(workspaceDir, async (ws) => {
      let sellerId: string | undefined;
      if (typeof values.seller === 'string') {
        const s = await findSeller(ws.db, values.seller);
        if (!s) throw new UsageError(`No seller ${values.seller} in this workspace (exhibit sellers lists them).`);
        sellerId = (await groupOf(ws.db, s)).id;
      }
      const listings = await listListings(ws.db, { ...(sellerId ? { sellerId } : {}), limit: limit === 0 ? -1 : limit });
      out.data(listings);
      if (listings.length === 0) out.line('No listings yet.');
      for (const l of listings) {
        out.line(
          `${`${l.marketplace}:${l.listingKey}`.padEnd(30)} ${(l.price ? `${l.price} ${l.currency ?? ''}` : '').padEnd(14)} ${(l.sellerKey ?? '-').padEnd(24)} ${String(l.captures).padStart(4)} captures  last ${l.lastSeen?.slice(0, 10) ?? '-'}  ${(l.title ?? '').slice(0, 60)}`,
        );
        // Every seller it was seen with, when there is more than the one above: the offers hiding on its page.
        if (l.sellers.length > 1 || (l.sellers.length === 1 && l.sellers[0]!.sellerId !== l.sellerId)) {
          const described = l.sellers.map((s) => {
            const offer = s.offer?.price ? ` ${s.offer.price} ${s.offer.currency ?? ''}`.trimEnd() : '';
            return `${s.marketplace}:${s.sellerKey}${s.name && s.name !== s.sellerKey ? ` (${s.name})` : ''} [${s.via.join(', ')}${offer}]`;
          });
          out.line(`  sellers: ${described.join('; ')}`);
        }
      }
      return EXIT.ok;
    }, 'read');
  },
};
