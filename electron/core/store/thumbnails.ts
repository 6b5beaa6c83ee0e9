import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseOptionalRow, parseRows } from './rows.js';

/** Thumbnails kept once (migration 011): the image an address gave, and each image's perceptual hash. */

/** The image (its SHA-256 in the object store) an address last gave, if any. */
export async function imageOfUrl(db: Db, url: string): Promise<string | undefined> {
  return parseOptionalRow(z.object({ sha256: col.text }), await db.get('SELECT sha256 FROM thumbnails WHERE url = ?', [url]), 'thumbnails')?.sha256;
}

export async function rememberUrl(db: Db, url: string, sha256: string, at: string): Promise<void> {
  await db.run('INSERT INTO thumbnails (url, sha256, seen_at) VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE SET sha256 = excluded.sha256, seen_at = excluded.seen_at', [url, sha256, at]);
}

/** The image's perceptual hash: undefined when never computed, null when the bytes are no readable image. */
export async function hashOfImage(db: Db, sha256: string): Promise<string | null | undefined> {
  return parseOptionalRow(z.object({ dhash: col.textOrNull }), await db.get('SELECT dhash FROM image_hashes WHERE sha256 = ?', [sha256]), 'image_hashes')?.dhash;
}

export async function rememberHash(db: Db, sha256: string, dhash: string | null, at: string): Promise<void> {
  await db.run('INSERT OR IGNORE INTO image_hashes (sha256, dhash, hashed_at) VALUES (?, ?, ?)', [sha256, dhash, at]);
}

/** Every kept thumbnail's object, so verification counts them as referenced. */
export async function thumbnailObjects(db: Db): Promise<string[]> {
  return parseRows(z.object({ sha256: col.text }), await db.all('SELECT DISTINCT sha256 FROM thumbnails'), 'thumbnails').map((r) => r.sha256);
}

/** The capture's WARC (the first), to read the images its page loaded. */
export async function warcOfCapture(db: Db, captureId: string): Promise<{ sha256: string; bytes: number } | undefined> {
  return parseOptionalRow(
    z.object({ sha256: col.text, bytes: col.int }),
    await db.get("SELECT sha256, bytes FROM artifacts WHERE capture_id = ? AND kind = 'warc' ORDER BY name LIMIT 1", [captureId]),
    'artifacts',
  );
}
