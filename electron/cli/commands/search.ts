import { search } from '../../core/search/search.js';
import { positiveInt } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const searchCommand: Command = {
  name: 'search',
  summary: 'full-text search over captured pages and extracted fields',
  usage: 'exhibit search TEXT... [--limit N] [--workspace DIR] [--json]',
  help: `Finds captures whose page text, title, seller, brand or ids contain every
word given (accents ignored; Chinese and Japanese matched character by
character). "Quoted words" must appear together; a word ending in * matches
as a prefix (gucc*). Newest captures first.

  --limit N   at most N hits (default 50)`,
  options: { limit: { type: 'string' } },
  positionals: { min: 1, max: 100 },
  async run({ values, positionals, out, workspaceDir }) {
    const limit = positiveInt(values.limit, '--limit', 1, 10_000) ?? 50;
    return withWorkspace(workspaceDir, async (ws) => {
      const result = await search(ws.db, positionals.join(' '), { limit });
      if (!result) throw new UsageError('Nothing to search for: give words, e.g. exhibit search "gucci marmont"');
      out.data(result);
      if (result.hits.length === 0) out.line('No capture matches.');
      for (const h of result.hits) {
        const where = [h.seller ? `${h.seller.marketplace}:${h.seller.sellerKey}` : '', h.listing ? `listing ${h.listing.listingKey}` : ''].filter((x) => x).join(' · ');
        out.line(`${h.captureId}  ${h.startedAt}  ${h.outcome}${where ? `  ${where}` : ''}\n    ${h.url}\n    ${h.snippet}`);
      }
      if (result.more) out.line(`(more than ${limit}; --limit N shows more)`);
      return EXIT.ok;
    }, 'read');
  },
};
