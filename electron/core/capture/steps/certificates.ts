import { X509Certificate } from 'node:crypto';
import { withTimeout, type CdpSession } from '../cdp.js';
import type { SecurityDetails } from '../network-recorder.js';

export interface CertificateRecord {
  pemChain: string;
  chain: { subject: string; issuer: string; validFrom: string; validTo: string; serialNumber: string; fingerprint256: string; subjectAltName: string | null }[];
  tls: {
    protocol: string;
    cipher: string;
    keyExchange: string;
    subjectName: string;
    issuer: string;
    validFrom: string;
    validTo: string;
    sanList: string[];
    certificateTransparencyCompliance: string | null;
  } | null;
}

/** The main document's certificate chain as the browser received it, in PEM, with what TLS reported. */
export async function readCertificates(cdp: CdpSession, origin: string, security: SecurityDetails | undefined, boundMs: number): Promise<CertificateRecord> {
  const r = await withTimeout(cdp.send<{ tableNames: string[] }>('Network.getCertificate', { origin }), boundMs, 'reading the certificate chain');
  const ders = r.tableNames.map((b64) => Buffer.from(b64, 'base64'));
  const pemChain = ders.map((der) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`).join('');
  const chain = ders.map((der) => {
    const c = new X509Certificate(der);
    return { subject: c.subject, issuer: c.issuer, validFrom: c.validFrom, validTo: c.validTo, serialNumber: c.serialNumber, fingerprint256: c.fingerprint256, subjectAltName: c.subjectAltName ?? null };
  });
  const tls = security
    ? {
        protocol: security.protocol,
        cipher: security.cipher + (security.mac ? ` (${security.mac})` : ''),
        keyExchange: security.keyExchangeGroup ? `${security.keyExchange || 'TLS 1.3'} ${security.keyExchangeGroup}` : security.keyExchange,
        subjectName: security.subjectName,
        issuer: security.issuer,
        validFrom: new Date(security.validFrom * 1000).toISOString(),
        validTo: new Date(security.validTo * 1000).toISOString(),
        sanList: security.sanList,
        certificateTransparencyCompliance: security.certificateTransparencyCompliance ?? null,
      }
    : null;
  return { pemChain, chain, tls };
}
