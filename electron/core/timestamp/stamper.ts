import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonical-json.js';
import type { Db } from '../workspace/db.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { listAuthorities, pendingStamps, recordStampFailure, recordTokens, type Authority, type ReceivedToken, type StampRequest } from '../workspace/timestamps.js';
import { makeTimeStampRequest, readTimeStampResponse } from './rfc3161.js';
import { verifyTimeStampResponseFrom } from './verify-token.js';
import { postTimestampQuery } from './post-query.js';
import { custody } from '../store/index.js';

export interface StampPass {
  /** requests that got at least one token in this pass */
  stamped: number;
  /** tokens received, one per authority that answered */
  tokens: number;
  /** still waiting after this pass */
  pending: number;
  failures: { authority: string; error: string }[];
  /** authorities not asked this time because they ask for requests to be spaced; when the soonest may be asked */
  waitMs: number | null;
}

export interface StampOptions {
  /** how long one authority may take to answer */
  requestTimeoutMs?: number;
  /** how many pending imprints one request may cover */
  batchLimit?: number;
  signal?: AbortSignal;
}

export const BATCH_FORMAT = 'exhibit.stamp-batch';
const MAX_RESPONSE_BYTES = 1 << 20;

/** When each authority was last asked by this process, to respect the spacing some ask for. */
const lastAsked = new Map<string, number>();

/**
 * One pass over the queue: every pending imprint, oldest first, goes to every
 * configured authority at once. They are written into a digest list, with
 * the custody log's signed head (stored like any object once a token vouches
 * for it), whose SHA-256 is stamped instead, so one request per authority covers a whole batch and an
 * authority that asks for seconds between requests is never flooded. Each
 * token is checked before it is kept; nothing an authority sends is recorded
 * unless it verifies against the imprint, the nonce and a trusted root.
 */
export async function stampPending(parts: { db: Db; store: ObjectStore }, o: StampOptions = {}): Promise<StampPass> {
  const requests = await pendingStamps(parts.db, o.batchLimit ?? 1000);
  const pass: StampPass = { stamped: 0, tokens: 0, pending: requests.length, failures: [], waitMs: null };
  if (requests.length === 0) return pass;
  const authorities = await listAuthorities(parts.db);
  if (authorities.length === 0) {
    await recordStampFailure(parts.db, requests.map((r) => r.id), 'no time-stamping authority is configured (exhibit tsa add URL)');
    pass.failures.push({ authority: '-', error: 'no time-stamping authority is configured' });
    return pass;
  }

  const { imprint, list, custodyHead } = await imprintFor(parts.db, requests);
  const now = Date.now();
  const due = authorities.filter((a) => {
    const wait = (lastAsked.get(a.url) ?? -Infinity) + a.minIntervalMs - now;
    if (wait > 0) pass.waitMs = Math.min(pass.waitMs ?? wait, wait);
    return wait <= 0;
  });
  const answers = await Promise.all(due.map((a) => askAuthority(a, imprint, o)));
  const tokens: ReceivedToken[] = [];
  // The list is stored only once a token vouches for it: an offline pass leaves nothing behind.
  let batchSha256: string | null = null;
  if (list && answers.some((a) => a.ok)) batchSha256 = (await parts.store.put(list)).sha256;
  for (const [i, answer] of answers.entries()) {
    const a = due[i]!;
    if (!answer.ok) {
      pass.failures.push({ authority: a.url, error: answer.error });
      continue;
    }
    const stored = await parts.store.put(answer.der);
    tokens.push({ authorityUrl: a.url, authorityName: a.name, tokenSha256: stored.sha256, imprint, batchSha256, custodyHead, nonce: answer.nonce, genTime: answer.genTime, serial: answer.serial });
  }
  if (tokens.length > 0) {
    pass.stamped = await recordTokens(parts.db, requests, tokens);
    pass.tokens = tokens.length;
    pass.pending -= pass.stamped;
  } else if (pass.failures.length > 0) {
    await recordStampFailure(parts.db, requests.map((r) => r.id), pass.failures.map((f) => `${f.authority}: ${f.error}`).join('; '));
  }
  return pass;
}

/**
 * The SHA-256 a request stamps. With the custody log's signed head at this
 * moment, a digest list naming that head and the imprints: its token dates
 * the log up to the head, so a log recomputed from an earlier entry, even
 * with a head re-signed by the workspace key, no longer has the hash the
 * authority saw. Without a signed head (a workspace from before heads were
 * signed) a single imprint is stamped as it is.
 */
async function imprintFor(db: Db, requests: readonly StampRequest[]): Promise<{ imprint: string; list: string | null; custodyHead: CustodyHead | null }> {
  const custodyHead = await signedCustodyHead(db);
  if (requests.length === 1 && !custodyHead) return { imprint: requests[0]!.imprint, list: null, custodyHead: null };
  const list = `${canonicalJson({
    format: BATCH_FORMAT,
    formatVersion: custodyHead ? 2 : 1,
    ...(custodyHead ? { custodyHead } : {}),
    imprints: requests.map((r) => ({ kind: r.kind, subject: r.subject, sha256: r.imprint })),
  })}\n`;
  return { imprint: createHash('sha256').update(list, 'utf8').digest('hex'), list, custodyHead };
}

export interface CustodyHead {
  seq: number;
  hash: string;
}

async function signedCustodyHead(db: Db): Promise<CustodyHead | null> {
  if (!(await custody.hasSignedHeadTable(db))) return null;
  const row = await custody.signedHead(db);
  return row && row.seq !== null && row.hash !== null ? { seq: row.seq, hash: row.hash } : null;
}

type Answer = { ok: true; der: Buffer; nonce: string; genTime: string; serial: string } | { ok: false; error: string };

async function askAuthority(a: Authority, imprint: string, o: StampOptions): Promise<Answer> {
  const request = makeTimeStampRequest(imprint);
  lastAsked.set(a.url, Date.now());
  const answer = await postTimestampQuery(a.url, request.der, { timeoutMs: o.requestTimeoutMs ?? 10_000, maxBytes: MAX_RESPONSE_BYTES, ...(o.signal ? { signal: o.signal } : {}) });
  if (!answer.ok) return answer;
  const der = answer.body;
  const verified = await verifyTimeStampResponseFrom(der, { imprintHex: imprint, nonce: request.nonce, authorityRootsPem: a.roots });
  // An answer that is no token (or a refusal) is reported as such; a token that fails a check, as refused.
  if (!verified.ok) return { ok: false, error: verified.error.kind === 'not-a-token' || verified.error.kind === 'not-granted' ? verified.error.message : `its token was refused: ${verified.error.message}` };
  return { ok: true, der, nonce: request.nonce, genTime: verified.value.genTime, serial: verified.value.serial };
}

/** A token for one imprint from the first configured authority that gives a good one, in the order they are listed. */
export type OneStamp = { ok: true; token: Buffer; response: Buffer; authorityUrl: string; authorityName: string; genTime: string; serial: string } | { ok: false; error: string };

/**
 * Stamps one imprint now (a PDF signature's value, a whole PDF): authorities
 * are asked one after another, each token checked before it is used, and
 * the first good one is returned. An authority that asks for spacing and
 * was asked too recently is tried last.
 */
export async function stampOnce(db: Db, imprint: string, o: StampOptions = {}): Promise<OneStamp> {
  return stampOnceFrom(await listAuthorities(db), imprint, o);
}

/** The same, from authorities given (the team hub's dossier: the one named on its command line). */
export async function stampOnceFrom(authorities: readonly Authority[], imprint: string, o: StampOptions = {}): Promise<OneStamp> {
  if (authorities.length === 0) return { ok: false, error: 'no time-stamping authority is configured (exhibit tsa add URL)' };
  const now = Date.now();
  const ready = (a: Authority) => (lastAsked.get(a.url) ?? -Infinity) + a.minIntervalMs <= now;
  const failures: string[] = [];
  for (const a of [...authorities.filter(ready), ...authorities.filter((a) => !ready(a))]) {
    if (o.signal?.aborted) break;
    const answer = await askAuthority(a, imprint, o);
    if (!answer.ok) {
      failures.push(`${a.url}: ${answer.error}`);
      continue;
    }
    const read = readTimeStampResponse(answer.der);
    if (!read.ok) continue;
    return { ok: true, token: read.value.token, response: answer.der, authorityUrl: a.url, authorityName: a.name, genTime: answer.genTime, serial: answer.serial };
  }
  return { ok: false, error: failures.join('; ') || 'cancelled' };
}
