import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../util/durable-fs.js';
import type { Db } from './db.js';
import { custody } from '../store/index.js';

/**
 * A copy of the custody log's signed head kept outside the database, in the
 * workspace folder (custody-head.json). Whoever rolls the database back to
 * an older copy, its signed head with it, to hide the end of the log, is
 * found as long as this file names a later head.
 */
export const ANCHOR_FORMAT = 'exhibit.custody-head';

const anchorSchema = z.object({ format: z.literal(ANCHOR_FORMAT), seq: z.number().int().positive(), hash: z.string(), signature: z.string() });
export type CustodyAnchor = z.infer<typeof anchorSchema>;

export type AnchorRead = { kind: 'missing' } | { kind: 'unreadable'; detail: string } | { kind: 'ok'; anchor: CustodyAnchor };

export async function readCustodyAnchor(path: string): Promise<AnchorRead> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', detail: (e as Error).message };
  }
  try {
    const parsed = anchorSchema.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'ok', anchor: parsed.data } : { kind: 'unreadable', detail: 'not a custody head' };
  } catch {
    return { kind: 'unreadable', detail: 'not JSON' };
  }
}

/**
 * Copies the database's signed head to the file, unless the file already
 * names the same or a later one (another process may have written a later
 * head meanwhile). A head older than the database's is harmless: the file
 * is a lower bound, not the truth.
 */
export async function writeCustodyAnchor(db: Db, path: string): Promise<void> {
  const head = await custody.signedHead(db);
  if (!head || head.seq === null || head.hash === null || head.signature === null) return;
  const current = await readCustodyAnchor(path);
  if (current.kind === 'ok' && current.anchor.seq >= head.seq) return;
  const anchor: CustodyAnchor = { format: ANCHOR_FORMAT, seq: head.seq, hash: head.hash, signature: head.signature };
  await writeFileAtomic(path, `${JSON.stringify(anchor, null, 1)}\n`);
}
