import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { SigningIdentity } from '../../identity/identity.js';
import type { OneStamp } from '../../timestamp/stamper.js';
import { signDetached } from './cms.js';
import { byteRangeFor, byteRangeText, contentsHex, findSlot, hashRanges, type PlaceholderRegion } from './placeholder.js';

/** Asks the configured authorities for a token over a SHA-256 (hex); null when none can be had (offline). */
export type Stamp = (imprintHex: string) => Promise<OneStamp>;

export interface SignatureMade {
  byteRange: [number, number, number, number];
  /** the signature time-stamp, or why there is none */
  timestamp: { ok: true; authority: string; genTime: string; serial: string } | { ok: false; error: string };
}

/**
 * Signs a PDF written with a signature placeholder, in place: fills in the
 * byte range, hashes what it covers, signs with the identity, asks for a
 * signature time-stamp, and writes the CMS into /Contents. The file is
 * fsynced before this returns.
 */
export async function signPlaceholder(path: string, region: PlaceholderRegion, identity: SigningIdentity, stamp: Stamp): Promise<SignatureMade> {
  const handle = await fs.open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.alloc(region.end - region.start);
    await handle.read(bytes, 0, bytes.length, region.start);
    const slot = findSlot(bytes, region.start, size);
    const byteRange = byteRangeFor(slot);
    await handle.write(Buffer.from(byteRangeText(byteRange), 'latin1'), 0, undefined, slot.byteRangeAt);
    const digest = await hashRanges(handle, byteRange);
    const signed = signDetached(digest, identity.privateKey, identity.certificates);
    const answer = await stamp(createHash('sha256').update(signed.signatureValue).digest('hex'));
    const der = signed.finish(answer.ok ? answer.token : null);
    await handle.write(contentsHex(der, slot), 0, undefined, slot.contentsStart + 1);
    await handle.sync();
    return {
      byteRange,
      timestamp: answer.ok ? { ok: true, authority: answer.authorityName || answer.authorityUrl, genTime: answer.genTime, serial: answer.serial } : { ok: false, error: answer.error },
    };
  } finally {
    await handle.close();
  }
}
