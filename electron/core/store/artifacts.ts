import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseOptionalRow, parseRows } from './rows.js';

/** Artifact rows: each stored file of a capture, by name, with its hash, size and media type. */

export interface ArtifactRowInput {
  name: string;
  kind: string;
  sha256: string;
  bytes: number;
  mediaType: string;
}

/** One artifact of a capture, inside the caller's transaction. */
export async function insertArtifact(tx: Db, captureId: string, a: ArtifactRowInput): Promise<void> {
  await tx.run('INSERT INTO artifacts (capture_id, name, kind, sha256, bytes, media_type) VALUES (?, ?, ?, ?, ?, ?)', [captureId, a.name, a.kind, a.sha256, a.bytes, a.mediaType]);
}

const fileRow = z.object({ sha256: col.text, mediaType: col.text, kind: col.text });

/** A capture's artifact by name: its object, media type and kind; undefined when there is none by that name. */
export async function artifactNamed(db: Db, captureId: string, name: string): Promise<{ sha256: string; mediaType: string; kind: string } | undefined> {
  const row = await db.get('SELECT sha256, media_type AS mediaType, kind FROM artifacts WHERE capture_id = ? AND name = ?', [captureId, name]);
  return parseOptionalRow(fileRow, row, 'artifacts');
}

const stripRow = z.object({ name: col.text, sha256: col.text });
export type ScreenshotStrip = z.infer<typeof stripRow>;

/** The PNG strips of a capture's full-page screenshot, in name order (the order they join in). */
export async function screenshotStrips(db: Db, captureId: string): Promise<ScreenshotStrip[]> {
  const rows = await db.all("SELECT name, sha256 FROM artifacts WHERE capture_id = ? AND kind = 'screenshot-full' AND media_type = 'image/png' ORDER BY name", [captureId]);
  return parseRows(stripRow, rows, 'artifacts');
}

/** One PNG strip of a capture's full-page screenshot, by name; undefined when there is no such strip. */
export async function screenshotStrip(db: Db, captureId: string, name: string): Promise<ScreenshotStrip | undefined> {
  const row = await db.get("SELECT name, sha256 FROM artifacts WHERE capture_id = ? AND name = ? AND kind = 'screenshot-full' AND media_type = 'image/png'", [captureId, name]);
  return parseOptionalRow(stripRow, row, 'artifacts');
}

const hashRow = z.object({ sha256: col.text });

/** The objects of a capture's full-page screenshot (whatever their media type), in name order. */
export async function fullScreenshotHashes(db: Db, captureId: string): Promise<string[]> {
  const rows = await db.all("SELECT sha256 FROM artifacts WHERE capture_id = ? AND kind = 'screenshot-full' ORDER BY name", [captureId]);
  return parseRows(hashRow, rows, 'artifacts').map((r) => r.sha256);
}
