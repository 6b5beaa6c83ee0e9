import { createHash, createPrivateKey, createPublicKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { cryptoEngine, formatName } from '../timestamp/rfc3161.js';

// The X.509 certificate a dossier's PDF signature is made with. A PDF reader
// (Acrobat, poppler's pdfsig) shows who signed from it: the investigator and
// the organisation. Made here, it is self-signed (ECDSA P-256, which Acrobat
// and NSS both verify); an organisation may import its own instead.

const OIDS = {
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  documentSigning: '1.3.6.1.5.5.7.3.36',
} as const;

/** Ten years: a dossier's signature is checked against the certificate's validity at signing time, which the time-stamp fixes. */
const VALIDITY_YEARS = 10;

export interface CertificateSubject {
  investigator: string;
  organisation: string;
}

/** A self-signed signing certificate and its private key (PKCS#8 PEM), for a workspace. */
export async function makeSigningCertificate(subject: CertificateSubject, workspaceFingerprint: string, now = new Date()): Promise<{ certificateDer: Buffer; privateKeyPem: string }> {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f; // positive
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  const name = distinguishedName([
    ...(subject.organisation ? [[OIDS.organisation, subject.organisation.slice(0, 64)] as const] : []),
    // The workspace key it belongs to (its first 16 hex digits): RFC 5280 caps a unit name at 64 characters.
    [OIDS.organisationalUnit, `Exhibit workspace key ${workspaceFingerprint.slice(0, 19)}`],
    [OIDS.commonName, (subject.investigator || `Exhibit workspace ${workspaceFingerprint.slice(0, 19)}`).slice(0, 64)],
  ]);
  cert.subject = name;
  cert.issuer = pkijs.RelativeDistinguishedNames.fromBER(name.toSchema().toBER(false));
  cert.notBefore.value = new Date(now.getTime() - 60_000);
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + VALIDITY_YEARS);
  cert.notAfter.value = until;
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, cryptoEngine);
  const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  // digitalSignature (bit 0) and nonRepudiation (bit 1): a signature that commits its signer.
  const keyUsage = new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 });
  cert.extensions = [
    new pkijs.Extension({ extnID: OIDS.basicConstraints, critical: true, extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false), parsedValue: new pkijs.BasicConstraints({ cA: false }) }),
    new pkijs.Extension({ extnID: OIDS.keyUsage, critical: true, extnValue: keyUsage.toBER(false) }),
    new pkijs.Extension({ extnID: OIDS.extKeyUsage, critical: false, extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [OIDS.documentSigning, OIDS.emailProtection] }).toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: OIDS.subjectKeyIdentifier, critical: false, extnValue: new asn1js.OctetString({ valueHex: createHash('sha1').update(spkiKeyBits(spki)).digest() }).toBER(false) }),
  ];
  await cert.sign(keys.privateKey, 'SHA-256', cryptoEngine);
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    certificateDer: Buffer.from(cert.toSchema(true).toBER(false)),
    privateKeyPem: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** A Name of one attribute per RDN, most general first (pkijs would put them all in one multi-valued RDN). */
function distinguishedName(parts: readonly (readonly [string, string])[]): pkijs.RelativeDistinguishedNames {
  const der = new asn1js.Sequence({
    value: parts.map(([type, value]) => new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema()] })),
  }).toBER(false);
  return pkijs.RelativeDistinguishedNames.fromBER(der);
}

/** The subjectPublicKey bits of an SPKI: what a key identifier hashes (RFC 5280 §4.2.1.2, method 1). */
function spkiKeyBits(spki: Buffer): Buffer {
  const parsed = pkijs.PublicKeyInfo.fromBER(new Uint8Array(spki));
  return Buffer.from(parsed.subjectPublicKey.valueBlock.valueHexView);
}

/** What a reader is told about a certificate. */
export interface CertificateSummary {
  subject: string;
  /** who the certificate names, as a reader would say it: "Jane Roe (Acme Legal)" */
  displayName: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, hex in groups of four, as the dossier's cover prints it */
  sha256: string;
  selfSigned: boolean;
  keyAlgorithm: string;
}

export function describeCertificate(der: Uint8Array): CertificateSummary {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(der));
  const key = createPublicKey({ key: Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der', type: 'spki' });
  const attr = (oid: string) => cert.subject.typesAndValues.find((t) => t.type === oid)?.value.valueBlock.value as string | undefined;
  const cn = attr(OIDS.commonName);
  const org = attr(OIDS.organisation);
  return {
    subject: formatName(cert.subject),
    displayName: cn ? (org && org !== cn ? `${cn} (${org})` : cn) : formatName(cert.subject),
    issuer: formatName(cert.issuer),
    serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    sha256: certificateFingerprint(der),
    selfSigned: Buffer.from(cert.subject.toSchema().toBER(false)).equals(Buffer.from(cert.issuer.toSchema().toBER(false))),
    keyAlgorithm: keyAlgorithm(key),
  };
}

/** SHA-256 of a certificate's DER, in hex groups of four: `openssl x509 -fingerprint -sha256` prints the same digits. */
export function certificateFingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').match(/.{4}/g)!.join(' ');
}

export function keyAlgorithm(key: KeyObject): string {
  if (key.asymmetricKeyType === 'ec') return `ECDSA ${key.asymmetricKeyDetails?.namedCurve ?? ''}`.trim();
  if (key.asymmetricKeyType === 'rsa') return `RSA ${key.asymmetricKeyDetails?.modulusLength ?? ''}`.trim();
  return key.asymmetricKeyType ?? 'unknown';
}

/** Whether the certificate's public key is the public half of the private key. */
export function certificateMatchesKey(certDer: Uint8Array, privateKey: KeyObject): boolean {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(certDer));
  const fromCert = Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).equals(fromCert);
}

export function certificatePem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** Every certificate in PEM text, in order, as DER. */
export function certificatesFromPem(pem: string): Buffer[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}
