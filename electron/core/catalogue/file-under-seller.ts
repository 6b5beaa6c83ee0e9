import { err, ok, type Result } from '../util/result.js';
import { filing } from '../store/index.js';
import type { Db } from '../workspace/db.js';
import { correctFieldsIn, describeCorrectionError, moveCapture, type CorrectionError } from './corrections.js';
import { ensureSeller } from './ensure.js';
import { parseFieldValue } from './fields.js';
import { findSeller, sellerLabel } from './seller-ref.js';

export type FileUnderSellerError =
  | { kind: 'bad-seller'; ref: string; why: string }
  | { kind: 'already-filed'; captureId: string; seller: string }
  | { kind: 'correction'; error: CorrectionError };

export function describeFileUnderSellerError(e: FileUnderSellerError): string {
  switch (e.kind) {
    case 'bad-seller':
      return `Seller ${JSON.stringify(e.ref)}: ${e.why}. Pick a seller, or write MARKETPLACE:ID (e.g. ebay:luxury_deals_88); nothing was changed.`;
    case 'already-filed':
      return `Capture ${e.captureId} is already filed under ${e.seller}; nothing was changed.`;
    case 'correction':
      return describeCorrectionError(e.error);
  }
}

export interface FiledUnderSeller {
  captureId: string;
  seller: { id: string; label: string };
  from: { listingId: string | null; sellerId: string | null };
  to: { listingId: string | null; sellerId: string | null };
}

const DEFAULT_REASON = 'filed under this seller by the investigator';

/**
 * The investigator says whose page a capture is: a storefront, a blocked
 * page, a 404 or an item page that named its seller without an id. Recorded
 * as `exhibit correct` records it (the marketplace and seller id corrected,
 * the capture placed again), all in one transaction. A page that shows no
 * listing (blocked, failed) is placed under no listing by the rules; it is
 * then filed under the seller alone, and that move is logged too.
 */
export async function fileUnderSeller(db: Db, captureId: string, sellerRef: string, reason = ''): Promise<Result<FiledUnderSeller, FileUnderSellerError>> {
  const ref = sellerRef.trim();
  const target = await sellerOf(db, ref);
  if (!target.ok) return target;
  const { marketplace, sellerKey } = target.value;
  const why = reason.trim() || DEFAULT_REASON;
  return db.transaction(async (tx) => {
    const before = await filing.captureFiling(tx, captureId);
    if (!before) return err({ kind: 'correction' as const, error: { kind: 'no-capture' as const, captureId } });
    const current = before.sellerId ? await findSeller(tx, before.sellerId) : undefined;
    if (current && current.marketplace === marketplace && current.sellerKey === sellerKey) return err({ kind: 'already-filed' as const, captureId, seller: sellerLabel(current) });
    const corrected = await correctFieldsIn(
      tx,
      captureId,
      [
        { field: 'marketplace', value: marketplace },
        { field: 'sellerId', value: sellerKey },
      ],
      why,
    );
    // Values already in force but the capture under no seller: the page showed none, so the move alone is recorded.
    if (!corrected.ok && corrected.error.kind !== 'unchanged') return err({ kind: 'correction' as const, error: corrected.error });
    const after = (await filing.captureFiling(tx, captureId))!;
    let now: { listingId: string | null; sellerId: string | null } = { listingId: after.listingId, sellerId: after.sellerId };
    if (now.sellerId === null) {
      const sellerId = await ensureSeller(tx, { marketplace, sellerKey, seenAt: before.startedAt });
      const to = { listingId: now.listingId, sellerId };
      await moveCapture(tx, captureId, { listingId: now.listingId, sellerId: null }, to, why);
      now = to;
    }
    const seller = (await findSeller(tx, now.sellerId!))!;
    return ok({
      captureId,
      seller: { id: seller.id, label: sellerLabel(seller) },
      from: { listingId: before.listingId, sellerId: before.sellerId },
      to: { listingId: now.listingId, sellerId: now.sellerId },
    });
  });
}

/** The seller named: one in the workspace, or a new MARKETPLACE:ID, checked as a correction of those fields would be. */
async function sellerOf(db: Db, ref: string): Promise<Result<{ marketplace: string; sellerKey: string }, FileUnderSellerError>> {
  const found = await findSeller(db, ref);
  if (found) return ok({ marketplace: found.marketplace, sellerKey: found.sellerKey });
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) return err({ kind: 'bad-seller', ref, why: 'no seller by that name or id in this workspace' });
  const marketplace = parseFieldValue('marketplace', ref.slice(0, colon));
  if (!marketplace.ok) return err({ kind: 'bad-seller', ref, why: marketplace.error });
  const key = parseFieldValue('sellerId', ref.slice(colon + 1));
  if (!key.ok) return err({ kind: 'bad-seller', ref, why: key.error });
  return ok({ marketplace: marketplace.value as string, sellerKey: key.value as string });
}
