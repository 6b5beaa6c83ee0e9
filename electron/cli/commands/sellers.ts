import { findCase } from '../../core/catalogue/cases.js';
import { listSellers } from '../../core/catalogue/queries.js';
import { SELLER_STATUSES, type SellerStatus } from '../../core/catalogue/sellers.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { cell, column } from '../output.js';

export const sellersCommand: Command = {
  name: 'sellers',
  summary: 'every seller, with its listings, captures and when last seen',
  usage: `exhibit sellers [--case C] [--tag T] [--status ${SELLER_STATUSES.join('|')}] [--workspace DIR] [--json]`,
  help: `Lists sellers, most recently seen first. A seller merged into another is
counted under it. "Seen" is the first and last capture that showed one of its
listings.

  --case C      only the sellers of case C (by name or id)
  --tag T       only sellers tagged T
  --status S    only sellers with status S`,
  options: { case: { type: 'string' }, tag: { type: 'string' }, status: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    const status = values.status;
    if (typeof status === 'string' && !(SELLER_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`--status ${status}: expected one of ${SELLER_STATUSES.join(', ')}`);
    }
    return withWorkspace(workspaceDir, async (ws) => {
      let caseId: string | undefined;
      if (typeof values.case === 'string') {
        const c = await findCase(ws.db, values.case);
        if (!c) throw new UsageError(`No case ${JSON.stringify(values.case)} (exhibit case list shows them).`);
        caseId = c.id;
      }
      const sellers = await listSellers(ws.db, {
        ...(caseId ? { caseId } : {}),
        ...(typeof values.tag === 'string' ? { tag: values.tag } : {}),
        ...(typeof status === 'string' ? { status: status as SellerStatus } : {}),
      });
      out.data(sellers);
      if (sellers.length === 0) out.line('No sellers yet: they are filed from the pages you capture.');
      for (const s of sellers) {
        const extra = [s.status !== 'active' ? s.status : '', s.merged > 0 ? `+${s.merged} merged` : '', s.tags.length > 0 ? cell(`#${s.tags.join(' #')}`) : ''].filter((x) => x !== '').join('  ');
        out.line(
          `${column(`${s.marketplace}:${s.sellerKey}`, 34, { cut: false })} ${column(s.displayName ?? '', 30)} ${String(s.listings).padStart(5)} listings ${String(s.captures).padStart(6)} captures  last seen ${s.lastSeen ?? '-'}${extra ? `  ${extra}` : ''}`,
        );
      }
      return EXIT.ok;
    }, 'read');
  },
};
