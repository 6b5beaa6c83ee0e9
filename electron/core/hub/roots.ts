import { X509Certificate } from 'node:crypto';
import { userInfo } from 'node:os';
import { hubRoots } from '../store/pg/index.js';
import { canonicalJson } from '../util/canonical-json.js';
import { appendHubCustody } from './custody.js';
import { inHubTransaction, type HubPool, type HubQueryable } from './db.js';

export type RootsAdded = { ok: true; added: { subject: string; sha256: string }[]; present: number } | { ok: false; error: string };

/**
 * Adds the time-stamping authorities' roots the hub trusts, from PEM text
 * (one certificate or several). Each new root is a custody entry of the
 * hub's. Text holding no readable certificate changes nothing.
 */
export async function addHubTsaRoots(pool: HubPool, pemText: string): Promise<RootsAdded> {
  const blocks = pemText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return { ok: false, error: 'the file holds no PEM certificate (-----BEGIN CERTIFICATE-----)' };
  const certs: { pem: string; subject: string; sha256: string }[] = [];
  for (const [i, pem] of blocks.entries()) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch (e) {
      return { ok: false, error: `certificate ${i + 1} in the file cannot be read: ${(e as Error).message}` };
    }
    if (!cert.ca) return { ok: false, error: `certificate ${i + 1} (${cert.subject.replace(/\n/g, ', ')}) is not a CA certificate: a root is` };
    certs.push({ pem: `${pem}\n`, subject: cert.subject.replace(/\n/g, ', '), sha256: cert.fingerprint256.replace(/:/g, '').toLowerCase() });
  }
  const actor = `${userInfo().username} (hub administrator)`;
  return inHubTransaction<RootsAdded>(pool, async (client) => {
    const added: { subject: string; sha256: string }[] = [];
    for (const c of certs) {
      if (!(await hubRoots.addRoot(client, c))) continue;
      added.push({ subject: c.subject, sha256: c.sha256 });
      await appendHubCustody(client, { actor, action: 'tsa-root.added', subject: c.sha256, details: canonicalJson({ subject: c.subject, sha256: c.sha256 }) }, null);
    }
    return { ok: true, added, present: certs.length - added.length };
  });
}

/** The roots the hub's administrator configured, as one PEM text: with those shipped with Exhibit, they alone decide whether a time-stamp is trusted. */
export async function hubTrustedRootsPem(q: HubQueryable): Promise<string> {
  return (await hubRoots.allRoots(q)).map((r) => r.pem).join('');
}
