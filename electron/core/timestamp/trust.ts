import { X509Certificate, createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { BUNDLED_ROOT_FINGERPRINTS, BUNDLED_ROOT_PEMS } from './authorities.js';

const PINNED = new Set(BUNDLED_ROOT_FINGERPRINTS.map((p) => p.sha256));

/**
 * The roots a token may chain to: those shipped with Exhibit, those the
 * investigator added for its authority, and a self-signed root the token
 * carries itself when its SHA-256 is one pinned here (never on the token's
 * word alone).
 */
export function trustedRootsFor(authorityRootsPem: string, tokenDer: Uint8Array): (string | Uint8Array)[] {
  return rootsWithPinned(authorityRootsPem, tokenCertificates(tokenDer));
}

/** trustedRootsFor, from the certificates of a token already parsed (its SignedData): the token is not read again. */
export function trustedRootsForSigned(authorityRootsPem: string, signed: pkijs.SignedData): (string | Uint8Array)[] {
  return rootsWithPinned(authorityRootsPem, signedCertificates(signed));
}

function rootsWithPinned(authorityRootsPem: string, tokenCerts: readonly Buffer[]): (string | Uint8Array)[] {
  const roots: (string | Uint8Array)[] = [...BUNDLED_ROOT_PEMS];
  if (authorityRootsPem.trim() !== '') roots.push(authorityRootsPem);
  for (const der of tokenCerts) {
    if (!PINNED.has(createHash('sha256').update(der).digest('hex'))) continue;
    try {
      const cert = new X509Certificate(der);
      if (cert.checkIssued(cert) && cert.verify(cert.publicKey)) roots.push(der);
    } catch {
      // not a certificate Node can read: it is not a root anyone pinned
    }
  }
  return roots;
}

/** The certificates a TimeStampResp's token carries, as DER; none when it cannot be read. */
export function tokenCertificates(responseDer: Uint8Array): Buffer[] {
  try {
    const asn = asn1js.fromBER(new Uint8Array(responseDer).buffer);
    if (asn.offset === -1) return [];
    const response = new pkijs.TimeStampResp({ schema: asn.result });
    if (!response.timeStampToken) return [];
    return signedCertificates(new pkijs.SignedData({ schema: response.timeStampToken.content }));
  } catch {
    return [];
  }
}

function signedCertificates(signed: pkijs.SignedData): Buffer[] {
  return (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate).map((c) => Buffer.from(c.toSchema().toBER()));
}

/** The root a verified token chains to, among the given roots: its subject and SHA-256, for the report. */
export function describeRoot(pemOrDer: string | Uint8Array): { subject: string; sha256: string } | null {
  try {
    const cert = new X509Certificate(typeof pemOrDer === 'string' ? pemOrDer : Buffer.from(pemOrDer));
    return { subject: cert.subject.replace(/\n/g, ', '), sha256: cert.fingerprint256.replace(/:/g, '').toLowerCase() };
  } catch {
    return null;
  }
}

/** Roots as one PEM text, for `openssl ts -verify -CAfile` (each certificate once). */
export function rootsAsPem(roots: readonly (string | Uint8Array)[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of roots) {
    const blocks = typeof r === 'string' ? (r.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) : [Buffer.from(r)];
    for (const b of blocks) {
      try {
        const cert = new X509Certificate(b);
        if (seen.has(cert.fingerprint256)) continue;
        seen.add(cert.fingerprint256);
        out.push(`# ${cert.subject.replace(/\n/g, ', ')}\n# SHA-256 ${cert.fingerprint256.replace(/:/g, '').toLowerCase()}\n${cert.toString().trim()}\n`);
      } catch {
        // not a certificate: nothing to offer OpenSSL
      }
    }
  }
  return out.join('\n');
}
