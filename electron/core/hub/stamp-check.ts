import type { TokenInfo } from '../timestamp/rfc3161.js';
import { verifyTimeStampResponseFrom } from '../timestamp/verify-token.js';
import { err, ok, type Result } from '../util/result.js';
import { parseBatch } from '../workspace/verify/timestamp-checks.js';

/** A time-stamp the hub holds, as its catalogue names it. */
export interface HubStamp {
  capture_id: string;
  authority: string;
  token_sha256: string;
  imprint: string;
  batch_sha256: string | null;
  nonce: string;
  gen_time: string;
}

/**
 * One time-stamp checked against its capture's manifest: the token (and the
 * digest list it stamps, when batched) read through `bytesOf`, the token's
 * chain against the hub's roots (rootsPem, with Exhibit's), never a pusher's.
 * `hub verify` and the hub's capture page say the same thing about a stamp.
 */
export async function checkHubStamp(s: HubStamp, manifestSha256: string, bytesOf: (sha256: string) => Promise<Buffer | undefined>, rootsPem: string): Promise<Result<TokenInfo, string>> {
  const token = await bytesOf(s.token_sha256);
  if (!token) return err(`its token ${s.token_sha256} cannot be read`);
  if (s.batch_sha256 !== null) {
    const batch = await bytesOf(s.batch_sha256);
    const list = batch ? parseBatch(batch) : null;
    if (s.imprint !== s.batch_sha256 || !list?.imprints.some((i) => i.kind === 'capture' && i.subject === s.capture_id && i.sha256 === manifestSha256)) {
      return err(`the digest list it stamps (${s.batch_sha256}) cannot be read or does not name this capture's manifest`);
    }
  } else if (s.imprint !== manifestSha256) {
    return err("it stamps another document, not this capture's manifest");
  }
  const v = await verifyTimeStampResponseFrom(token, { imprintHex: s.imprint, nonce: s.nonce, authorityRootsPem: rootsPem });
  if (!v.ok) return err(v.error.message);
  if (v.value.genTime !== s.gen_time) return err(`the token says ${v.value.genTime}, the hub says ${s.gen_time}`);
  return ok(v.value);
}
