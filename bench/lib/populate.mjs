// Builds a large workspace quickly for the benchmarks: each capture gets its
// own canonical manifest, signature, rows and custody entry, made by the
// core's own functions, stored 500 to a transaction; the result passes
// `exhibit verify`.
import { randomBytes } from 'node:crypto';
import { Workspace } from '../../dist/electron/core/workspace/workspace.js';
import { fileCapture } from '../../dist/electron/core/workspace/capture-record.js';
import { manifestBytes, MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION } from '../../dist/electron/core/workspace/manifest.js';
import { newId } from '../../dist/electron/core/util/ids.js';

const KINDS = [
  ['screenshot-full.png', 'screenshot-full', 'image/png'],
  ['screenshot-viewport.png', 'screenshot-viewport', 'image/png'],
  ['page.mhtml', 'mhtml', 'multipart/related'],
  ['dom.html', 'dom', 'text/html'],
  ['network.har', 'har', 'application/json'],
];

/** Every capture gets five artifacts of its own, random (so incompressible and never deduplicated), about `bytesPerCapture` in all. */
export async function populate(dir, { sellers, listingsPerSeller, capturesPerListing, bytesPerCapture, onProgress }) {
  const made = await Workspace.init(dir, { investigator: 'Bench Marker', organisation: 'Exhibit' });
  if (!made.ok) throw new Error(made.error.kind);
  const ws = made.value;

  const t = new Date(Date.UTC(2025, 0, 1)).toISOString();
  const listingIds = [];
  const sellerIds = [];
  await ws.db.transaction(async (tx) => {
    for (let s = 0; s < sellers; s++) {
      const sellerId = newId();
      sellerIds.push(sellerId);
      await tx.run('INSERT INTO sellers (id, marketplace, seller_key, display_name, created_at) VALUES (?, ?, ?, ?, ?)', [sellerId, 'ebay', `seller-${s}`, `Seller ${s}`, t]);
      for (let l = 0; l < listingsPerSeller; l++) {
        const id = newId();
        listingIds.push(id);
        const key = `${s}-${l}`;
        await tx.run('INSERT INTO listings (id, marketplace, listing_key, url, title, seller_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [id, 'ebay', key, `https://www.ebay.test/itm/${key}`, `Listing ${key}`, sellerId, t]);
      }
    }
  });

  const total = listingIds.length * capturesPerListing;
  const BATCH = 500;
  const base = Date.UTC(2025, 0, 1);
  for (let start = 0; start < total; start += BATCH) {
    const sealed = await Promise.all(
      Array.from({ length: Math.min(BATCH, total - start) }, async (_, j) => {
        const i = start + j;
        const listingId = listingIds[i % listingIds.length];
        const sellerId = sellerIds[Math.floor((i % listingIds.length) / listingsPerSeller)];
        const at = new Date(base + i * 60_000).toISOString();
        const url = `https://www.ebay.test/itm/${i % listingIds.length}`;
        const artifacts = await Promise.all(
          KINDS.map(async ([name, kind, mediaType], k) => {
            const stored = await ws.store.put(randomBytes(Math.max(256, Math.round((bytesPerCapture / KINDS.length) * (0.2 + (1.6 * ((i * 7 + k * 13) % 100)) / 100)))));
            return { name, kind, mediaType, sha256: stored.sha256, bytes: stored.bytes };
          }),
        );
        const manifest = {
          format: MANIFEST_FORMAT,
          formatVersion: MANIFEST_FORMAT_VERSION,
          captureId: newId(),
          requestedUrl: url,
          finalUrl: url,
          httpStatus: 200,
          outcome: 'complete',
          startedAt: at,
          finishedAt: at,
          artifacts: artifacts.sort((a, b) => (a.name < b.name ? -1 : 1)),
          provenance: { populatedBy: 'bench' },
          signer: { algorithm: 'Ed25519', publicKeyFingerprint: ws.key.fingerprint },
        };
        const bytes = manifestBytes(manifest);
        const stored = await ws.store.put(bytes);
        return { manifest, manifestSha256: stored.sha256, signature: ws.key.sign(bytes), listingId, sellerId, caseId: null };
      }),
    );
    await ws.db.transaction(async (tx) => {
      for (const c of sealed) await fileCapture(tx, c);
    });
    onProgress?.(start + sealed.length, total);
  }
  return { ws, sellerIds, captures: total };
}
