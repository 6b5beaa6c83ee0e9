import type { z } from 'zod';
import { cases as caseStore, custody, pushes } from '../store/index.js';
import { appendCustody } from '../workspace/custody.js';
import { authorityRootMap, eachTimestamp, timestampsOf, type TimestampRecord } from '../workspace/timestamps.js';
import type { Workspace } from '../workspace/workspace.js';
import { casesDigest, commitResponseSchema, errorResponseSchema, statusResponseSchema, type CommitRequest, type CommitResponse, type PushedCapture, type PushedCase } from './protocol.js';

const PUT_CONCURRENCY = 4;

export interface PushProgress {
  objectsToSend: number;
  objectsSent: number;
  bytesSent: number;
}

export type PushResult =
  | {
      ok: true;
      /** the hub user the token names */
      user: string;
      objectsSent: number;
      /** objects of this push the hub had already */
      objectsAlreadyThere: number;
      bytesSent: number;
      capturesSent: number;
      commit: CommitResponse | null;
      /** the workspace's custody entry recording the push; null when it carried no evidence (nothing, or only the records of earlier pushes) */
      recorded: number | null;
    }
  | { ok: false; error: string };

/** The custody action recording a push in the workspace's own log. */
export const PUSH_RECORDED = 'hub.pushed';

/** What a push of these captures carries: each capture as the hub takes it, and every object they need. */
export async function gatherPush(ws: Workspace, only?: ReadonlySet<string>): Promise<{ captures: PushedCapture[]; objects: string[] }> {
  const rows = await pushes.captureRows(ws.db, only);
  const manifests = new Map(rows.map((r) => [r.id, r.manifest_sha256]));
  const objects = new Set<string>();
  for (const a of await pushes.artifactHashes(ws.db, only)) if (manifests.has(a.capture_id)) objects.add(a.sha256);
  const roots = await authorityRootMap(ws.db);
  const stamps = new Map<string, PushedCapture['stamps']>();
  const add = (t: TimestampRecord) => {
    if (t.kind !== 'capture' || !manifests.has(t.subject)) return;
    const list = stamps.get(t.subject) ?? [];
    list.push({ authorityUrl: t.authorityUrl, tokenSha256: t.tokenSha256, imprint: t.imprint, batchSha256: t.batchSha256, nonce: t.nonce, genTime: t.genTime, rootPem: roots.get(t.authorityUrl) ?? '' });
    stamps.set(t.subject, list);
    objects.add(t.tokenSha256);
    if (t.batchSha256) objects.add(t.batchSha256);
  };
  // A few captures: their own tokens; the whole workspace: every token, streamed.
  if (only) for (const id of only) (await timestampsOf(ws.db, 'capture', id)).forEach(add);
  else await eachTimestamp(ws.db, add);
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
 * The workspace's cases a push carries (store/cases.ts casesForPush says
 * which), each member named by the workspace's id, as its custody log does,
 * and by the marketplace's key the hub matches on.
 */
export async function gatherCases(ws: Workspace): Promise<PushedCase[]> {
  return (await caseStore.casesForPush(ws.db)).map((c) => ({
    id: c.id,
    name: c.name,
    reference: c.reference,
    createdAt: c.createdAt,
    members: c.members.flatMap((m): PushedCase['members'] => {
      if (m.kind === 'capture') return [{ kind: 'capture', memberId: m.memberId }];
      // A member whose seller or listing is gone from the catalogue cannot be matched: the hub then refuses the push, naming it.
      return m.marketplace !== null && m.key !== null ? [{ kind: m.kind, memberId: m.memberId, marketplace: m.marketplace, key: m.key }] : [];
    }),
    captured: c.captured,
  }));
}

/**
 * The workspace's custody entries after the hub's head, each with its
 * signature; an error when the hub's chain for this key is not this log's.
 */
export async function custodyAfter(ws: Workspace, head: { seq: number; hash: string }): Promise<{ ok: true; value: CommitRequest['custody'] } | { ok: false; error: string }> {
  // From the head on, not the whole log: a worker pushes after every capture, and its log only grows.
  const log = await custody.entriesFrom(ws.db, head.seq);
  const atHead = log.find((e) => e.seq === head.seq);
  if (head.seq > 0 && atHead?.hash !== head.hash) {
    return { ok: false, error: `the hub's custody chain for this workspace (to entry ${head.seq}) is not this workspace's: nothing sent` };
  }
  const signatures = await pushes.custodySignaturesAfter(ws.db, head.seq);
  return { ok: true, value: log.filter((e) => e.seq > head.seq).map((e) => ({ ...e, signature: signatures.get(e.seq) ?? null })) };
}

/**
 * Sends this workspace's captures (manifests, artifacts, time-stamp tokens)
 * and its custody log to a hub. Asks first what the hub lacks, so only
 * missing objects travel and a push cut short picks up where it stopped;
 * each object goes alone, a few at once, and is hash-checked by the hub as
 * it arrives. The hub checks the whole push before it keeps any of it. A
 * push the hub took evidence from is recorded in this workspace's custody
 * log (hub.pushed: the hub, its user, what was sent, the hub's receipt).
 */
export async function pushWorkspace(ws: Workspace, hub: { url: string; token: string }, onProgress: (p: PushProgress) => void = () => undefined): Promise<PushResult> {
  const { captures, objects } = await gatherPush(ws);
  const cases = await gatherCases(ws);
  const casesSha256 = cases.length > 0 ? casesDigest(cases) : undefined;
  const keyPem = ws.key.publicKeyPem;
  const status = await call(hub, 'POST', '/v1/push/status', statusResponseSchema, JSON.stringify({ workspaceKeyPem: keyPem, objects, captures: captures.map((r) => r.id), casesSha256 }));
  if (!status.ok) return status;
  const { missingObjects, knownCaptures, custodyHead, user } = status.value;
  // Sent when they changed since the last push (or a hub that does not say): the hub holds the rest.
  const sendCases = casesSha256 !== undefined && status.value.casesKnown !== true;
  const custody = await custodyAfter(ws, custodyHead);
  if (!custody.ok) return custody;

  const progress: PushProgress = { objectsToSend: missingObjects.length, objectsSent: 0, bytesSent: 0 };
  onProgress(progress);
  let next = 0;
  let failed: { ok: false; error: string } | null = null;
  const sender = async () => {
    while (failed === null && next < missingObjects.length) {
      const sha = missingObjects[next++]!;
      const bytes = await ws.store.read(sha);
      const put = await putObject(hub, sha, bytes);
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
  const sent = { user, objectsSent: progress.objectsSent, objectsAlreadyThere: objects.length - missingObjects.length, bytesSent: progress.bytesSent, capturesSent: fresh.length };
  if (fresh.length === 0 && restamped.length === 0 && custody.value.length === 0 && !sendCases) return { ok: true, ...sent, commit: null, recorded: null };
  const body: CommitRequest = { workspaceKeyPem: keyPem, captures: [...fresh, ...restamped], custody: custody.value, ...(sendCases ? { cases } : {}) };
  const commit = await call(hub, 'POST', '/v1/push/commit', commitResponseSchema, JSON.stringify(body));
  if (!commit.ok) return commit;
  // Only the records of earlier pushes went: recording this one would leave one more to send, every time.
  const evidence = fresh.length > 0 || restamped.length > 0 || progress.objectsSent > 0 || custody.value.some((e) => e.action !== PUSH_RECORDED);
  const recorded = evidence
    ? await recordPush(ws, {
        hubUrl: hub.url,
        hubUser: user,
        captures: [...fresh, ...restamped].map((c) => c.id),
        objectsSent: progress.objectsSent,
        bytesSent: progress.bytesSent,
        custodySent: custody.value.length,
        receipt: commit.value.receipt,
      })
    : null;
  return { ok: true, ...sent, commit: commit.value, recorded };
}

/** The push in the workspace's custody log and its row, in one transaction. The token is in neither. */
async function recordPush(ws: Workspace, p: Omit<pushes.PushRecord, 'custodySeq' | 'at'>): Promise<number> {
  return ws.db.transaction(async (tx) => {
    const entry = await appendCustody(tx, {
      action: PUSH_RECORDED,
      subject: p.hubUrl,
      details: { hub: p.hubUrl, user: p.hubUser, captures: p.captures, objectsSent: p.objectsSent, bytesSent: p.bytesSent, custodySent: p.custodySent, receipt: p.receipt },
    });
    await pushes.insertPush(tx, { ...p, custodySeq: entry.seq, at: entry.at });
    return entry.seq;
  });
}

/** One object; sent again shortly while another push is sending the same bytes. */
async function putObject(hub: { url: string; token: string }, sha: string, bytes: Buffer): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  for (let attempt = 0; ; attempt++) {
    const put = await call(hub, 'PUT', `/v1/objects/${sha}`, null, bytes);
    if (put.ok || put.status !== 409 || attempt >= 50) return put;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function call<T>(hub: { url: string; token: string }, method: string, path: string, schema: z.ZodType<T> | null, body: string | Buffer): Promise<{ ok: true; value: T } | { ok: false; error: string; status?: number }> {
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
    return { ok: false, status: res.status, error: `the hub refused (${res.status}): ${e.success ? e.data.error : 'no reason given'}` };
  }
  if (!schema) return { ok: true, value: undefined as T };
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: 'the hub answered with something this Exhibit does not understand' };
}
