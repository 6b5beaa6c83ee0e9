import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, jsonText, parseOptionalRow, parseRows } from './rows.js';

/** What a push to the team hub reads of the workspace, and the record it leaves. */

const captureRow = z.object({
  id: col.text,
  manifest_sha256: col.text,
  signature: col.text,
  l_marketplace: col.textOrNull,
  listing_key: col.textOrNull,
  l_url: col.textOrNull,
  title: col.textOrNull,
  s_marketplace: col.textOrNull,
  seller_key: col.textOrNull,
  display_name: col.textOrNull,
});
export type PushCaptureRow = z.output<typeof captureRow>;

/**
 * Every capture with its listing and seller (as filed), oldest first; or
 * only these captures (a worker pushing the one it just made reads that one,
 * not a log that grows with every capture).
 */
export async function captureRows(db: Db, only?: ReadonlySet<string>): Promise<PushCaptureRow[]> {
  const rows = await db.all(
    `SELECT c.id, c.manifest_sha256, c.signature, l.marketplace AS l_marketplace, l.listing_key, l.url AS l_url, l.title,
            s.marketplace AS s_marketplace, s.seller_key, s.display_name
     FROM captures c LEFT JOIN listings l ON l.id = c.listing_id LEFT JOIN sellers s ON s.id = l.seller_id
     ${only ? 'WHERE c.id IN (SELECT value FROM json_each(?))' : ''} ORDER BY c.started_at, c.id`,
    only ? [JSON.stringify([...only])] : [],
  );
  return parseRows(captureRow, rows, 'captures (for a push)');
}

/** Every artifact's capture and hash; or only these captures'. */
export async function artifactHashes(db: Db, only?: ReadonlySet<string>): Promise<{ capture_id: string; sha256: string }[]> {
  const rows = only ? await db.all('SELECT capture_id, sha256 FROM artifacts WHERE capture_id IN (SELECT value FROM json_each(?))', [JSON.stringify([...only])]) : await db.all('SELECT capture_id, sha256 FROM artifacts');
  return parseRows(z.object({ capture_id: col.text, sha256: col.text }), rows, 'artifacts (for a push)');
}

/** The custody entries' signatures after `seq`. */
export async function custodySignaturesAfter(db: Db, seq: number): Promise<Map<number, string>> {
  const rows = parseRows(z.object({ seq: col.int, signature: col.text }), await db.all('SELECT seq, signature FROM custody_signatures WHERE seq > ?', [seq]), 'custody_signatures');
  return new Map(rows.map((r) => [r.seq, r.signature]));
}

export interface PushRecord {
  custodySeq: number;
  at: string;
  hubUrl: string;
  hubUser: string;
  captures: string[];
  objectsSent: number;
  bytesSent: number;
  custodySent: number;
  receipt: { seq: number; hash: string };
}

/** Inside the transaction that appends the push's custody entry. */
export async function insertPush(tx: Db, p: PushRecord): Promise<void> {
  await tx.run(
    'INSERT INTO hub_pushes (custody_seq, at, hub_url, hub_user, captures, objects_sent, bytes_sent, custody_sent, receipt_seq, receipt_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [p.custodySeq, p.at, p.hubUrl, p.hubUser, JSON.stringify(p.captures), p.objectsSent, p.bytesSent, p.custodySent, p.receipt.seq, p.receipt.hash],
  );
}

const pushRow = z
  .object({
    custody_seq: col.int,
    at: col.text,
    hub_url: col.text,
    hub_user: col.text,
    captures: jsonText(z.array(z.string())),
    objects_sent: col.int,
    bytes_sent: col.int,
    custody_sent: col.int,
    receipt_seq: col.int,
    receipt_hash: col.text,
  })
  .transform(
    (r): PushRecord => ({
      custodySeq: r.custody_seq,
      at: r.at,
      hubUrl: r.hub_url,
      hubUser: r.hub_user,
      captures: r.captures,
      objectsSent: r.objects_sent,
      bytesSent: r.bytes_sent,
      custodySent: r.custody_sent,
      receipt: { seq: r.receipt_seq, hash: r.receipt_hash },
    }),
  );

/** Every push recorded, oldest first. */
export async function allPushes(db: Db): Promise<PushRecord[]> {
  return parseRows(pushRow, await db.all('SELECT * FROM hub_pushes ORDER BY custody_seq'), 'hub_pushes');
}

/** The hub this workspace pushes to, when one was entered. */
export async function hubConnection(db: Db): Promise<{ url: string; token: string } | undefined> {
  return parseOptionalRow(z.object({ url: col.text, token: col.text }), await db.get('SELECT url, token FROM hub_connection WHERE id = 1'), 'hub_connection');
}

export async function setHubConnection(db: Db, c: { url: string; token: string }): Promise<void> {
  await db.run('INSERT INTO hub_connection (id, url, token) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET url = excluded.url, token = excluded.token', [c.url, c.token]);
}
