import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../../timestamp/rfc3161.js';

// The CMS a PDF signature holds (PAdES baseline, ETSI EN 319 142-1 with
// SubFilter ETSI.CAdES.detached): SignedData over the PDF's byte range,
// detached, with the signed attributes content-type, message-digest and
// signing-certificate-v2 (no signing-time: PAdES puts the time in the
// signature dictionary's /M, and the authority's in the signature
// time-stamp), and the signature time-stamp token as an unsigned attribute.

export const CMS_OID = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

export interface SignedAttributes {
  /** SHA-256 of the signed bytes */
  digest: Buffer;
  certificate: Buffer;
}

/** The signed attributes, in DER order, as pkijs attributes. */
function signedAttributes(a: SignedAttributes): pkijs.Attribute[] {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(a.certificate));
  // ESSCertIDv2 with SHA-256 (the default, so no algorithm field) and the issuer and serial (RFC 5035).
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: createHash('sha256').update(a.certificate).digest() }),
      new asn1js.Sequence({
        value: [new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }), cert.serialNumber],
      }),
    ],
  });
  const attributes = [
    new pkijs.Attribute({ type: CMS_OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: CMS_OID.messageDigest, values: [new asn1js.OctetString({ valueHex: a.digest })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })] }),
  ];
  // DER sorts a SET OF by its members' encodings.
  return attributes.sort((x, y) => Buffer.compare(Buffer.from(x.toSchema().toBER(false)), Buffer.from(y.toSchema().toBER(false))));
}

function signatureAlgorithm(key: KeyObject): pkijs.AlgorithmIdentifier {
  if (key.asymmetricKeyType === 'ec') return new pkijs.AlgorithmIdentifier({ algorithmId: CMS_OID.ecdsaWithSha256 });
  if (key.asymmetricKeyType === 'rsa') return new pkijs.AlgorithmIdentifier({ algorithmId: CMS_OID.sha256WithRsa, algorithmParams: new asn1js.Null() });
  throw new Error(`a ${key.asymmetricKeyType ?? 'unknown'} key cannot sign a PDF (RSA or ECDSA only)`);
}

/** What the signature is computed over: the signed attributes as a SET (tag 0x31), not as the [0] they are stored as. */
function signingInput(attrs: pkijs.SignedAndUnsignedAttributes): Buffer {
  const der = Buffer.from(attrs.toSchema().toBER(false));
  der[0] = 0x31;
  return der;
}

export interface Signed {
  signerInfo: pkijs.SignerInfo;
  /** the signature value: what a signature time-stamp stamps */
  signatureValue: Buffer;
  finish(timeStampToken: Buffer | null): Buffer;
}

/** Signs the digest; `finish` adds the signature time-stamp token (when there is one) and gives the CMS DER. */
export function signDetached(digest: Buffer, privateKey: KeyObject, certificates: readonly Buffer[]): Signed {
  const certificate = certificates[0]!;
  const cert = pkijs.Certificate.fromBER(new Uint8Array(certificate));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signedAttributes({ digest, certificate }) });
  const signatureValue = sign('sha256', signingInput(signedAttrs), privateKey);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: signatureAlgorithm(privateKey),
    signature: new asn1js.OctetString({ valueHex: signatureValue }),
  });
  return {
    signerInfo,
    signatureValue,
    finish(token) {
      if (token) {
        signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
          type: 1,
          attributes: [new pkijs.Attribute({ type: CMS_OID.signatureTimeStampToken, values: [asn1js.fromBER(token).result] })],
        });
      }
      const signed = new pkijs.SignedData({
        version: 1,
        digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
        encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
        certificates: certificates.map((c) => pkijs.Certificate.fromBER(new Uint8Array(c))),
        signerInfos: [signerInfo],
      });
      const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) });
      return Buffer.from(info.toSchema().toBER(false));
    },
  };
}

/** The length of the DER element at the start of the buffer (a signature's /Contents is padded with zeros after it). */
export function derElementLength(buf: Buffer): number {
  if (buf.length < 2) return 0;
  const first = buf[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || buf.length < 2 + n) return 0;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[2 + i]!;
  return 2 + n + len;
}

export interface CmsCheck {
  /** the problems found, in words; empty when the signature holds */
  problems: string[];
  /** the signer's certificate, DER, when the CMS carries it */
  signer: Buffer | null;
  /** the certificates the CMS carries */
  certificates: Buffer[];
  /** the signature time-stamp token (a ContentInfo), and the imprint it must carry */
  timeStamp: { token: Buffer; imprint: string } | null;
}

function signedDataOf(der: Buffer): pkijs.SignedData {
  const info = pkijs.ContentInfo.fromBER(new Uint8Array(der));
  if (info.contentType !== OID.signedData) throw new Error(`content type ${info.contentType}`);
  return new pkijs.SignedData({ schema: info.content });
}

const certificatesOf = (signed: pkijs.SignedData): Buffer[] =>
  (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate).map((c) => Buffer.from(c.toSchema(true).toBER(false)));

const timeStampTokenOf = (si: pkijs.SignerInfo | undefined) => si?.unsignedAttrs?.attributes.find((a) => a.type === CMS_OID.signatureTimeStampToken)?.values[0];

/** The certificates a CMS signature carries, and its signature time-stamp token: the validation data a DSS holds. Nothing is checked. */
export function carriedCertificates(der: Buffer): { certificates: Buffer[]; timeStampToken: Buffer | null } {
  const signed = signedDataOf(der);
  const ts = timeStampTokenOf(signed.signerInfos[0]);
  return { certificates: certificatesOf(signed), timeStampToken: ts ? Buffer.from(ts.toBER(false)) : null };
}

/** Checks a detached CMS signature against the SHA-256 of what it signs. */
export function checkDetached(der: Buffer, digest: Buffer): CmsCheck {
  const out: CmsCheck = { problems: [], signer: null, certificates: [], timeStamp: null };
  let signed: pkijs.SignedData;
  try {
    signed = signedDataOf(der);
  } catch (e) {
    out.problems.push(`its signature is not a CMS SignedData (${(e as Error).message})`);
    return out;
  }
  out.certificates = certificatesOf(signed);
  const si = signed.signerInfos[0];
  if (signed.signerInfos.length !== 1 || !si) {
    out.problems.push(`its signature has ${signed.signerInfos.length} signers, not one`);
    return out;
  }
  const sid: unknown = si.sid;
  const signerCert = (signed.certificates ?? []).find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate && sid instanceof pkijs.IssuerAndSerialNumber && c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  if (!signerCert) {
    out.problems.push('its signature does not carry the signer’s certificate');
    return out;
  }
  out.signer = Buffer.from(signerCert.toSchema(true).toBER(false));
  const attrs = si.signedAttrs?.attributes ?? [];
  const attr = (type: string) => attrs.find((a) => a.type === type)?.values[0];
  if (si.digestAlgorithm.algorithmId !== OID.sha256) out.problems.push(`its signature uses digest ${si.digestAlgorithm.algorithmId}, not SHA-256`);
  const md = attr(CMS_OID.messageDigest);
  if (!(md instanceof asn1js.OctetString) || !Buffer.from(md.valueBlock.valueHexView).equals(digest)) {
    out.problems.push('the bytes its signature covers have changed since signing (the message digest does not match)');
  }
  const ess = attr(OID.signingCertificateV2);
  const essHash = ess instanceof asn1js.Sequence ? (((ess.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.OctetString | undefined) : undefined;
  if (!essHash || !Buffer.from(essHash.valueBlock.valueHexView).equals(createHash('sha256').update(out.signer).digest())) {
    out.problems.push('its signing-certificate-v2 attribute is missing or names another certificate');
  }
  const raw = si.signedAttrs ? Buffer.from(si.signedAttrs.encodedValue) : null;
  let valid = false;
  if (raw && raw.length > 0) {
    const input = Buffer.from(raw);
    input[0] = 0x31;
    try {
      const key = createPublicKey({ key: Buffer.from(signerCert.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der', type: 'spki' });
      valid = verify('sha256', input, key, Buffer.from(si.signature.valueBlock.valueHexView));
    } catch {
      valid = false;
    }
  }
  if (!valid) out.problems.push('its signature value does not verify with the signer’s certificate');
  const ts = timeStampTokenOf(si);
  if (ts) {
    out.timeStamp = { token: Buffer.from(ts.toBER(false)), imprint: createHash('sha256').update(Buffer.from(si.signature.valueBlock.valueHexView)).digest('hex') };
  }
  return out;
}

/** A TimeStampResp (status granted) around a token, for the checks that read responses. */
export function grantedResponse(token: Buffer): Buffer {
  return Buffer.from(new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] }), asn1js.fromBER(token).result] }).toBER(false));
}
