import { z } from 'zod';
import { pgCol, rowsOf, type HubClient, type HubQueryable } from './db.js';

/**
 * Objects received under their content-addressed key and not yet named by the
 * catalogue: a push on its way. A row is claimed ('receiving') before the
 * bytes are written, so two uploads of one hash never write the key at once,
 * and becomes 'received' once the bytes were hashed to the key's hash. The
 * push's commit takes the rows of the objects it names, in the transaction
 * that catalogues them.
 */
const shaRow = z.object({ sha256: pgCol.text });

/** Claims the hash for an upload; false when another upload holds it (a claim left by a hub that died mid-upload is taken over after `deadAfterSeconds`). */
export async function claim(q: HubQueryable, sha256: string, userId: number, deadAfterSeconds: number): Promise<boolean> {
  const rows = await rowsOf(
    q,
    shaRow,
    'hub_uploads',
    `INSERT INTO hub_uploads (sha256, user_id, state) VALUES ($1, $2, 'receiving')
     ON CONFLICT (sha256) DO UPDATE SET user_id = EXCLUDED.user_id, touched_at = now()
       WHERE hub_uploads.state = 'receiving' AND hub_uploads.touched_at < now() - make_interval(secs => $3)
     RETURNING sha256`,
    [sha256, userId, deadAfterSeconds],
  );
  return rows.length === 1;
}

/** The bytes arrived and hash to the key's hash. */
export async function markReceived(q: HubQueryable, sha256: string, size: number): Promise<void> {
  await q.query("UPDATE hub_uploads SET state = 'received', size = $2, touched_at = now() WHERE sha256 = $1", [sha256, size]);
}

/** Gives a claim up (the bytes were wrong, or did not all arrive). */
export async function release(q: HubQueryable, sha256: string): Promise<void> {
  await q.query("DELETE FROM hub_uploads WHERE sha256 = $1 AND state = 'receiving'", [sha256]);
}

/** Of these hashes, those received and waiting for a commit; each is touched, so no clean-up takes it while its push goes on. */
export async function touchReceived(q: HubQueryable, shas: readonly string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const rows = await rowsOf(q, shaRow, 'hub_uploads', "UPDATE hub_uploads SET touched_at = now() WHERE sha256 = ANY($1) AND state = 'received' RETURNING sha256", [shas]);
  return new Set(rows.map((r) => r.sha256));
}

/** Takes these received objects for the catalogue, inside its transaction: the hashes taken. */
export async function takeForCommit(client: HubClient, shas: readonly string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const rows = await rowsOf(client, shaRow, 'hub_uploads', "DELETE FROM hub_uploads WHERE sha256 = ANY($1) AND state = 'received' RETURNING sha256", [shas]);
  return new Set(rows.map((r) => r.sha256));
}

/** Takes every received object of this user (their push was refused); the caller deletes the bytes before its transaction ends. */
export async function takeAllOfUser(client: HubClient, userId: number): Promise<string[]> {
  return (await rowsOf(client, shaRow, 'hub_uploads', "DELETE FROM hub_uploads WHERE user_id = $1 AND state = 'received' RETURNING sha256", [userId])).map((r) => r.sha256);
}

/**
 * The user's push is going on: nothing of theirs is a leftover. Written at
 * most once a minute (a leftover is an hour old), not once per object: a
 * worker sends six objects a capture, and each write of the row is a new
 * row version for PostgreSQL to clean up.
 */
export async function noteActivity(q: HubQueryable, userId: number): Promise<void> {
  await q.query("UPDATE hub_users SET last_push_at = now() WHERE id = $1 AND (last_push_at IS NULL OR last_push_at < now() - interval '60 seconds')", [userId]);
}

/**
 * Takes the uploads of pushes that stopped (killed, never resumed), anyone's:
 * neither the upload nor anything of its user's moved for `seconds`. The
 * caller deletes the bytes before its transaction ends.
 */
export async function takeStale(client: HubClient, seconds: number): Promise<string[]> {
  const rows = await rowsOf(
    client,
    shaRow,
    'hub_uploads',
    `DELETE FROM hub_uploads u USING hub_users h
     WHERE h.id = u.user_id AND u.touched_at < now() - make_interval(secs => $1)
       AND (h.last_push_at IS NULL OR h.last_push_at < now() - make_interval(secs => $1))
     RETURNING u.sha256`,
    [seconds],
  );
  return rows.map((r) => r.sha256);
}

/** How many uploads wait for a commit. */
export async function pendingCount(q: HubQueryable): Promise<number> {
  return (await rowsOf(q, z.object({ n: pgCol.bigint }), 'hub_uploads', 'SELECT COUNT(*) AS n FROM hub_uploads'))[0]?.n ?? 0;
}
