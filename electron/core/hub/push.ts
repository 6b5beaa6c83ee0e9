import type { z } from 'zod';
import { readCustodyLog } from '../workspace/custody.js';
import { authorityRootMap, eachTimestamp } from '../workspace/timestamps.js';
import type { Workspace } from '../workspace/workspace.js';
import { commitResponseSchema, errorResponseSchema, statusResponseSchema, type CommitRequest, type CommitResponse, type PushedCapture } from './protocol.js';

const PUT_CONCURRENCY = 4;

export interface PushProgress {
  objectsToSend: number;
  objectsSent: number;
  bytesSent: number;
}

export type PushResult =
  | { ok: true; objectsSent: number; bytesSent: number; capturesSent: number; commit: CommitResponse | null }
  | { ok: false; error: string };

interface CaptureRow {
  id: string;
  manifest_sha256: string;
  signature: string;
  l_marketplace: string | null;
  listing_key: string | null;
  l_url: string | null;
  title: string | null;
  s_marketplace: string | null;
  seller_key: string | null;
  display_name: string | null;
}

/** What a push of these captures carries: each capture as the hub takes it, and every object they need. */
export async function gatherPush(ws: Workspace, only?: ReadonlySet<string>): Promise<{ captures: PushedCapture[]; objects: string[] }> {
  const all = await ws.db.all<CaptureRow>(
    `SELECT c.id, c.manifest_sha256, c.signature, l.marketplace AS l_marketplace, l.listing_key, l.url AS l_url, l.title,
            s.marketplace AS s_marketplace, s.seller_key, s.display_name
     FROM captures c LEFT JOIN listings l ON l.id = c.listing_id LEFT JOIN sellers s ON s.id = l.seller_id ORDER BY c.started_at, c.id`,
  );
  const rows = only ? all.filter((r) => only.has(r.id)) : all;
  const manifests = new Map(rows.map((r) => [r.id, r.manifest_sha256]));
  const objects = new Set<string>();
  for (const a of await ws.db.all<{ capture_id: string; sha256: string }>('SELECT capture_id, sha256 FROM artifacts')) if (manifests.has(a.capture_id)) objects.add(a.sha256);
  const roots = await authorityRootMap(ws.db);
  const stamps = new Map<string, PushedCapture['stamps']>();
  await eachTimestamp(ws.db, (t) => {
    if (t.kind !== 'capture' || !manifests.has(t.subject)) return;
    const list = stamps.get(t.subject) ?? [];
    list.push({ authorityUrl: t.authorityUrl, tokenSha256: t.tokenSha256, imprint: t.imprint, batchSha256: t.batchSha256, nonce: t.nonce, genTime: t.genTime, rootPem: roots.get(t.authorityUrl) ?? '' });
    stamps.set(t.subject, list);
    objects.add(t.tokenSha256);
    if (t.batchSha256) objects.add(t.batchSha256);
  });
  for (const r of rows) objects.add(r.manifest_sha256);
  const captures = rows.map((r) => ({
    id: r.id,
    manifestSha256: r.manifest_sha256,
    signature: r.signature,
    listing: r.l_marketplace !== null && r.listing_key !== null ? { marketplace: r.l_marketplace, listingKey: r.listing_key, url: r.l_url ?? '', title: r.title } : null,
    seller: r.s_marketplace !== null && r.seller_key !== null ? { marketplace: r.s_marketplace, sellerKey: r.seller_key, name: r.display_name } : null,
    stamps: stamps.get(r.id) ?? [],
  }));
  return { captures, objects: [...objects] };
}

/**
 * The workspace's custody entries after the hub's head, each with its
 * signature; an error when the hub's chain for this key is not this log's.
 */
export async function custodyAfter(ws: Workspace, head: { seq: number; hash: string }): Promise<{ ok: true; value: CommitRequest['custody'] } | { ok: false; error: string }> {
  const log = await readCustodyLog(ws.db);
  const atHead = log.find((e) => e.seq === head.seq);
  if (head.seq > 0 && atHead?.hash !== head.hash) {
    return { ok: false, error: `the hub's custody chain for this workspace (to entry ${head.seq}) is not this workspace's: nothing sent` };
  }
  const signatures = new Map(
    (await ws.db.all<{ seq: number; signature: string }>('SELECT seq, signature FROM custody_signatures WHERE seq > ?', [head.seq])).map((s) => [s.seq, s.signature]),
  );
  return { ok: true, value: log.filter((e) => e.seq > head.seq).map((e) => ({ ...e, signature: signatures.get(e.seq) ?? null })) };
}

/**
 * Sends this workspace's captures (manifests, artifacts, time-stamp tokens)
 * and its custody log to a hub. Asks first what the hub lacks, so only
 * missing objects travel and a push cut short picks up where it stopped;
 * each object goes alone and is hash-checked by the hub as it arrives. The
 * hub checks the whole push before it keeps any of it.
 */
export async function pushWorkspace(ws: Workspace, hub: { url: string; token: string }, onProgress: (p: PushProgress) => void = () => undefined): Promise<PushResult> {
  const { captures, objects } = await gatherPush(ws);
  const keyPem = ws.key.publicKeyPem;
  const status = await call(hub, 'POST', '/v1/push/status', statusResponseSchema, JSON.stringify({ workspaceKeyPem: keyPem, objects, captures: captures.map((r) => r.id) }));
  if (!status.ok) return status;
  const { missingObjects, knownCaptures, custodyHead } = status.value;
  const custody = await custodyAfter(ws, custodyHead);
  if (!custody.ok) return custody;

  const progress: PushProgress = { objectsToSend: missingObjects.length, objectsSent: 0, bytesSent: 0 };
  onProgress(progress);
  // A few objects on the wire at once: each is small next to the round trips around it.
  let next = 0;
  let failed: { ok: false; error: string } | null = null;
  const sender = async () => {
    while (failed === null && next < missingObjects.length) {
      const sha = missingObjects[next++]!;
      const bytes = await ws.store.read(sha);
      const put = await call(hub, 'PUT', `/v1/objects/${sha}`, null, bytes);
      if (!put.ok) {
        failed ??= put;
        return;
      }
      progress.objectsSent++;
      progress.bytesSent += bytes.length;
      onProgress(progress);
    }
  };
  await Promise.all(Array.from({ length: PUT_CONCURRENCY }, sender));
  if (failed) return failed;

  const known = new Set(knownCaptures);
  // A capture the hub has whose time-stamp token it lacks was stamped after it was pushed: it goes again, for its stamps.
  const lacking = new Set(missingObjects);
  const fresh = captures.filter((r) => !known.has(r.id));
  const restamped = captures.filter((r) => known.has(r.id) && r.stamps.some((t) => lacking.has(t.tokenSha256)));
  if (fresh.length === 0 && restamped.length === 0 && custody.value.length === 0) return { ok: true, objectsSent: progress.objectsSent, bytesSent: progress.bytesSent, capturesSent: 0, commit: null };
  const body: CommitRequest = { workspaceKeyPem: keyPem, captures: [...fresh, ...restamped], custody: custody.value };
  const commit = await call(hub, 'POST', '/v1/push/commit', commitResponseSchema, JSON.stringify(body));
  if (!commit.ok) return commit;
  return { ok: true, objectsSent: progress.objectsSent, bytesSent: progress.bytesSent, capturesSent: fresh.length, commit: commit.value };
}

async function call<T>(hub: { url: string; token: string }, method: string, path: string, schema: z.ZodType<T> | null, body: string | Buffer): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  let res: Response;
  try {
    res = await fetch(new URL(path, hub.url), {
      method,
      headers: { authorization: `Bearer ${hub.token}`, 'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream' },
      body,
    });
  } catch (e) {
    return { ok: false, error: `the hub at ${hub.url} cannot be reached: ${e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e)}` };
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    return { ok: false, error: `the hub answered ${res.status} with something that is not JSON` };
  }
  if (!res.ok) {
    const e = errorResponseSchema.safeParse(json);
    return { ok: false, error: `the hub refused (${res.status}): ${e.success ? e.data.error : 'no reason given'}` };
  }
  if (!schema) return { ok: true, value: undefined as T };
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: 'the hub answered with something this Exhibit does not understand' };
}
