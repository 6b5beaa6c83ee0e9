import { createReadStream } from 'node:fs';
import { WARCParser } from 'warcio';
import { perceptualHash } from '../fakes/perceptual-hash.js';
import { links as linkRows } from '../store/index.js';
import { sha256Hex } from '../util/hash.js';
import type { Db } from '../workspace/db.js';
import type { ObjectStore } from '../workspace/object-store.js';
import type { ImageItem } from './compute.js';

/** An image larger than this is no product photo; it is not hashed. */
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

interface HashRow {
  capture_id: string;
  url: string;
  dhash: string | null;
  dhash_mirrored: string | null;
}

/**
 * The perceptual hash of every image the workspace's listing captures show
 * (their extracted "images" field), read from the bytes each capture's WARC
 * recorded: the picture as the marketplace served it then, not as it is
 * now. Hashed once per capture and kept in listing_image_hashes (derived,
 * not evidence); a picture that could not be hashed is kept with the reason.
 */
export async function listingImages(db: Db, store: ObjectStore): Promise<ImageItem[]> {
  const captures = await linkRows.listingCapturesWithImages(db);
  const hashed = new Map<string, HashRow[]>();
  for (const r of await linkRows.imageHashes(db)) {
    const list = hashed.get(r.capture_id);
    if (list) list.push(r);
    else hashed.set(r.capture_id, [r]);
  }
  const items: ImageItem[] = [];
  for (const c of captures) {
    let rows = hashed.get(c.capture_id);
    if (!rows) rows = await hashCapture(db, store, c);
    for (const r of rows) {
      if (r.dhash === null || r.dhash_mirrored === null) continue;
      items.push({ sellerId: c.seller_id, captureId: c.capture_id, artifact: c.warc_name ?? 'page.warc.gz', field: 'images', raw: r.url, dhash: r.dhash, mirrored: r.dhash_mirrored });
    }
  }
  return items;
}

async function hashCapture(db: Db, store: ObjectStore, c: linkRows.ListingCapture): Promise<HashRow[]> {
  const urls = new Set(imageUrls(c.images));
  const found = new Map<string, { sha256: string | null; dhash: string | null; mirrored: string | null; problem: string | null }>();
  if (c.warc_sha256 !== null && urls.size > 0) {
    const stream = createReadStream(store.pathOf(c.warc_sha256), { highWaterMark: 1 << 20 });
    try {
      for await (const record of new WARCParser(stream)) {
        const url = record.warcTargetURI;
        if (record.warcType !== 'response' || !url || !urls.has(url) || found.has(url)) continue;
        const body = Buffer.from(await record.readFully(true));
        if (body.length > MAX_IMAGE_BYTES) {
          found.set(url, { sha256: sha256Hex(body), dhash: null, mirrored: null, problem: `larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB` });
          continue;
        }
        const h = await perceptualHash(body);
        found.set(url, h.ok ? { sha256: sha256Hex(body), dhash: h.value.dhash, mirrored: h.value.mirrored, problem: null } : { sha256: sha256Hex(body), dhash: null, mirrored: null, problem: h.error });
      }
    } finally {
      stream.destroy();
    }
  }
  const rows: HashRow[] = [];
  await db.transaction(async (tx) => {
    for (const url of urls) {
      const f = found.get(url) ?? { sha256: null, dhash: null, mirrored: null, problem: c.warc_sha256 === null ? 'the capture has no WARC' : "not in the capture's WARC" };
      await linkRows.insertImageHash(tx, { captureId: c.capture_id, url, ...f });
      rows.push({ capture_id: c.capture_id, url, dhash: f.dhash, dhash_mirrored: f.mirrored });
    }
  });
  return rows;
}

function imageUrls(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((u): u is string => typeof u === 'string' && /^https?:\/\//i.test(u)).slice(0, 50) : [];
  } catch {
    return [];
  }
}
