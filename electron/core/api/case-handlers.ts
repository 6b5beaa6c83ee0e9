import { caseDetail, type CaseDetail } from '../catalogue/case-detail.js';
import { uiViews } from '../store/index.js';
import { addToCase, describeCaseError, removeFromCase, type CaseError } from '../catalogue/cases.js';
import { describeFileUnderSellerError, fileUnderSeller } from '../catalogue/file-under-seller.js';
import { sellerDetail } from '../catalogue/queries.js';
import { sellerLabel } from '../catalogue/seller-ref.js';
import { describeSellerError, mergeSellers, setSellerNotes, tagSeller, unmergeSeller, type Merge, type SellerError } from '../catalogue/sellers.js';
import type { Result } from '../util/result.js';
import type { Workspace } from '../workspace/workspace.js';
import type { SellerDetail } from '../catalogue/queries.js';
import type { CaseView, SellerMergeView } from './contract.js';
import { ApiFailure, type Handlers } from './failure.js';

type CaseOps = 'cases.get' | 'cases.addMembers' | 'cases.removeMembers' | 'captures.file' | 'sellers.tag' | 'sellers.setNotes' | 'sellers.merge' | 'sellers.unmerge';

/**
 * The case page, the unfiled inbox and the seller page's edits: each the
 * same core function the CLI calls (exhibit case, correct, seller), so each
 * change is the same custody entry whichever door it came in by.
 */
export function caseHandlers(ws: Workspace): Pick<Handlers, CaseOps> {
  const seller = async (ref: string): Promise<SellerDetail> => {
    const d = await sellerDetail(ws.db, ref);
    if (!d) throw new ApiFailure('not-found', describeSellerError({ kind: 'no-seller', ref }));
    return d;
  };
  return {
    'cases.get': async (i) => {
      const d = await caseDetail(ws.db, i.ref);
      if (!d) throw new ApiFailure('not-found', describeCaseError({ kind: 'no-case', ref: i.ref }));
      return withMergedMembers(ws, d);
    },
    'cases.addMembers': async (i) => caseResult(await addToCase(ws.db, i.ref, i.members)),
    'cases.removeMembers': async (i) => caseResult(await removeFromCase(ws.db, i.ref, i.members)),
    'captures.file': async (i) => {
      const r = await fileUnderSeller(ws.db, i.captureId, i.seller, i.reason ?? '');
      if (r.ok) return r.value;
      const e = r.error;
      const kind = e.kind === 'correction' && e.error.kind === 'no-capture' ? 'not-found' : e.kind === 'already-filed' ? 'refused' : 'invalid-input';
      throw new ApiFailure(kind, describeFileUnderSellerError(e));
    },
    'sellers.tag': async (i) => {
      sellerResult(await tagSeller(ws.db, i.ref, i.tag, i.on));
      return seller(i.ref);
    },
    'sellers.setNotes': async (i) => {
      sellerResult(await setSellerNotes(ws.db, i.ref, i.notes));
      return seller(i.ref);
    },
    'sellers.merge': async (i) => mergeView(sellerResult(await mergeSellers(ws.db, i.ref, i.into, i.reason ?? ''))),
    'sellers.unmerge': async (i) => mergeView(sellerResult(await unmergeSeller(ws.db, i.ref, i.reason ?? ''))),
  };
}

function caseResult<T>(r: Result<T, CaseError>): T {
  if (r.ok) return r.value;
  throw new ApiFailure(r.error.kind === 'no-case' || r.error.kind === 'no-member' ? 'not-found' : 'refused', describeCaseError(r.error));
}

function sellerResult<T>(r: Result<T, SellerError>): T {
  if (r.ok) return r.value;
  const kind = r.error.kind === 'no-seller' ? 'not-found' : r.error.kind === 'bad-tag' || r.error.kind === 'bad-status' ? 'invalid-input' : 'refused';
  throw new ApiFailure(kind, describeSellerError(r.error));
}

function mergeView(m: Merge): SellerMergeView {
  return { mergeId: m.id, absorbed: { id: m.absorbed.id, label: sellerLabel(m.absorbed) }, into: { id: m.into.id, label: sellerLabel(m.into) }, members: m.members };
}

async function withMergedMembers(ws: Workspace, d: CaseDetail): Promise<CaseView> {
  const shown = new Set(d.sellers.map((s) => s.id));
  const hidden = d.members.filter((m) => m.kind === 'seller' && !shown.has(m.memberId)).map((m) => m.memberId);
  const found = hidden.length > 0 ? await uiViews.sellersByIds(ws.db, hidden) : new Map<string, uiViews.SellerBrief>();
  return {
    ...d,
    sellers: d.sellers.map((s) => ({
      ...s,
      mergedMembers: hidden.flatMap((id) => {
        const m = found.get(id);
        return m && m.mergedInto === s.id ? [{ id, label: `${m.marketplace}:${m.sellerKey}`, displayName: m.displayName }] : [];
      }),
    })),
  };
}
