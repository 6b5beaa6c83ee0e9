import type { HubCaptureCheck } from '../api/contract.js';
import { hubViews } from '../store/pg/index.js';
import type { TimestampRecord } from '../workspace/timestamps.js';
import type { HubPool } from './db.js';
import type { HubObjectStore } from './object-store.js';
import { hubTrustedRootsPem } from './roots.js';
import { checkHubStamp } from './stamp-check.js';

/**
 * A hub capture's time-stamps as the workspace names them (TimestampRecord:
 * what the capture page shows, what an exported folder's timestamps.json
 * describes), each checked first against the manifest and the hub's roots;
 * those that do not check out are set apart with the reason.
 */
export async function hubStampRecords(
  pool: HubPool,
  store: HubObjectStore,
  captureId: string,
  manifestSha256: string,
): Promise<{ tokens: TimestampRecord[]; problems: HubCaptureCheck['stampProblems']; rootsPem: string }> {
  const rootsPem = await hubTrustedRootsPem(pool);
  const tokens: TimestampRecord[] = [];
  const problems: HubCaptureCheck['stampProblems'] = [];
  for (const [i, s] of (await hubViews.stampsOf(pool, captureId)).entries()) {
    const checked = await checkHubStamp({ capture_id: captureId, ...s }, manifestSha256, (sha) => store.get(sha).catch(() => undefined), rootsPem);
    if (!checked.ok) {
      problems.push({ authority: s.authority, problem: checked.error });
      continue;
    }
    tokens.push({
      seq: i + 1,
      kind: 'capture',
      subject: captureId,
      // named as the workspace names them (timestamp-N.tsr, in the order they were given), so a folder from the hub is the one its workspace writes
      name: `timestamp-${i + 1}.tsr`,
      authorityUrl: s.authority,
      authorityName: checked.value.authority || s.authority,
      tokenSha256: s.token_sha256,
      imprint: s.imprint,
      subjectImprint: manifestSha256,
      batchSha256: s.batch_sha256,
      nonce: s.nonce,
      genTime: checked.value.genTime,
      serial: checked.value.serial,
      stampedAt: checked.value.genTime,
    });
  }
  return { tokens, problems, rootsPem };
}
