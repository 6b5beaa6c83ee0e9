import { detectionIntegrity, type results } from '../store/index.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import type { Db } from '../workspace/db.js';

/**
 * Digests of finding-the-fakes' rows, recorded in the custody entry that
 * writes them (brand.imported, monitor.ran) so that `exhibit verify` can tell
 * a row edited afterwards. Canonical JSON, so anyone can recompute them.
 */

/** The columns of a search result a run writes, as stored (features and reasons as their JSON text). */
export interface ResultColumns extends results.ResultShown {
  monitorId: string;
  marketplace: string;
  listingKey: string;
}

export function resultDigest(r: ResultColumns): string {
  const { monitorId, marketplace, listingKey, url, title, price, currency, sellerName, sellerKey, thumbnail, score, features, reasons } = r;
  return sha256Hex(canonicalJson({ monitorId, marketplace, listingKey, url, title, price, currency, sellerName, sellerKey, thumbnail, score, features, reasons }));
}

/** A brand's whole catalogue (products, prices, images) as it stands. */
export async function catalogueDigest(db: Db, brandId: string): Promise<string> {
  return sha256Hex(canonicalJson(await detectionIntegrity.catalogueOfBrand(db, brandId)));
}
