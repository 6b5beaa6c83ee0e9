import { createHash, randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SHA256_PATTERN } from '../util/hash.js';
import { err, ok, type Result } from '../util/result.js';

/** What a time-stamp token says, in plain values. */
export interface TokenInfo {
  /** ISO-8601 UTC with milliseconds. */
  genTime: string;
  /** Lowercase hex, no leading zeros. */
  serial: string;
  policy: string;
  imprintHex: string;
  nonce: string | null;
  /** Subject of the signer certificate, "CN=…, O=…, C=…" (empty if the token carries no certificate). */
  authority: string;
  /** SHA-256 of the signer certificate DER (empty if the token carries no certificate). */
  signerCertSha256: string;
  accuracyMs: number | null;
}

export type TokenProblem = {
  kind: 'not-a-token' | 'not-granted' | 'wrong-imprint' | 'wrong-nonce' | 'bad-signature' | 'untrusted' | 'no-timestamping-usage';
  message: string;
};

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

// pkijs otherwise picks whatever crypto global it finds first; pin it to Node's WebCrypto.
export const cryptoEngine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });
pkijs.setEngine('node', cryptoEngine);

/** A parsed, granted response whose token holds a TSTInfo. Signature not checked. */
export interface ParsedToken {
  signed: pkijs.SignedData;
  tst: pkijs.TSTInfo;
  /** The TimeStampToken ContentInfo, byte for byte as received. */
  token: Buffer;
}

export function problem(kind: TokenProblem['kind'], message: string): { ok: false; error: TokenProblem } {
  return err({ kind, message });
}

/** TimeStampReq v1 for a SHA-256 digest, with a fresh nonce and certReq so the token carries the TSA certificate. */
export function makeTimeStampRequest(imprintHex: string): { der: Buffer; nonce: string } {
  if (!SHA256_PATTERN.test(imprintHex)) throw new TypeError(`imprint must be 64 lowercase hex digits (a SHA-256), got ${JSON.stringify(imprintHex.slice(0, 80))}`);
  let nonce = 0n;
  while (nonce === 0n) nonce = BigInt(`0x${randomBytes(8).toString('hex')}`);
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      // NULL parameters, as OpenSSL and most TSAs write them.
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: Buffer.from(imprintHex, 'hex') }),
    }),
    nonce: asn1js.Integer.fromBigInt(nonce),
    certReq: true,
  });
  return { der: Buffer.from(req.toSchema().toBER()), nonce: nonce.toString(16) };
}

/** What an authority answered, read but not verified: for the record, not for trust. */
export function readTimeStampResponse(der: Uint8Array): Result<{ info: TokenInfo; token: Buffer }, TokenProblem> {
  const parsed = parseTimeStampResponse(der);
  if (!parsed.ok) return parsed;
  return ok({ info: describeToken(parsed.value, findSignerCertificate(parsed.value.signed)), token: parsed.value.token });
}

export function parseTimeStampResponse(der: Uint8Array): Result<ParsedToken, TokenProblem> {
  const notToken = (why: string) => problem('not-a-token', `the file is not a usable RFC 3161 time-stamp response: ${why}`);
  const bytes = new Uint8Array(der);
  const asn1 = asn1js.fromBER(bytes);
  if (asn1.offset === -1 || asn1.offset !== bytes.byteLength) return notToken('it is not a single DER structure');
  let resp: pkijs.TimeStampResp;
  try {
    resp = new pkijs.TimeStampResp({ schema: asn1.result });
  } catch {
    return notToken('its structure is not a TimeStampResp');
  }
  const status = resp.status.status as number;
  if (status !== 0 && status !== 1) return problem('not-granted', `the authority refused to time-stamp (${describeStatus(resp.status)})`);
  const contentInfo = resp.timeStampToken;
  if (!contentInfo) return notToken('the authority granted the request but sent no token');
  if (contentInfo.contentType !== OID.signedData) return notToken('the token is not CMS SignedData');
  let signed: pkijs.SignedData;
  let tst: pkijs.TSTInfo;
  try {
    signed = new pkijs.SignedData({ schema: contentInfo.content });
    const e = signed.encapContentInfo;
    if (e.eContentType !== OID.tstInfo || !e.eContent) return notToken('the token does not hold time-stamp information (TSTInfo)');
    tst = pkijs.TSTInfo.fromBER(e.eContent.getValue());
  } catch {
    return notToken('the token content cannot be read as TSTInfo');
  }
  if (Number.isNaN(tst.genTime.getTime())) return notToken('the token has no readable time');
  // Keep the token exactly as received: re-encoding could change bytes someone else will hash.
  const raw = (asn1.result as asn1js.Sequence).valueBlock.value[1]!.valueBeforeDecodeView;
  return ok({ signed, tst, token: Buffer.from(raw) });
}

export function describeToken(t: ParsedToken, signer: pkijs.Certificate | null): TokenInfo {
  const a = t.tst.accuracy;
  return {
    genTime: t.tst.genTime.toISOString(),
    serial: integerHex(t.tst.serialNumber),
    policy: t.tst.policy,
    imprintHex: Buffer.from(t.tst.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex'),
    nonce: t.tst.nonce ? integerHex(t.tst.nonce) : null,
    authority: signer ? formatName(signer.subject) : tsaName(t.tst),
    signerCertSha256: signer ? createHash('sha256').update(certificateDer(signer)).digest('hex') : '',
    accuracyMs: a ? (a.seconds ?? 0) * 1000 + (a.millis ?? 0) + (a.micros ?? 0) / 1000 : null,
  };
}

/** The certificate the first SignerInfo names, if the token carries it. */
export function findSignerCertificate(signed: pkijs.SignedData): pkijs.Certificate | null {
  const sid: unknown = signed.signerInfos[0]?.sid;
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  if (!(sid instanceof asn1js.BaseBlock)) return null;
  // [0] SubjectKeyIdentifier: pkijs matches it against the SHA-1 of the public key; so do we.
  const block = sid as asn1js.Constructed & asn1js.Primitive;
  const keyId = Buffer.from(block.idBlock.isConstructed ? (block.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView : block.valueBlock.valueHexView);
  return certs.find((c) => keyId.equals(createHash('sha1').update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest())) ?? null;
}

export function certificateDer(cert: pkijs.Certificate): Buffer {
  return Buffer.from(cert.toSchema().toBER());
}

/** Lowercase hex without leading zeros: the same form for a nonce we sent and one we read back. */
export function integerHex(value: asn1js.Integer): string {
  return value.toBigInt().toString(16);
}

export function shortHex(hex: string): string {
  return hex.length > 12 ? `${hex.slice(0, 4)}…${hex.slice(-2)}` : hex;
}

const STATUS_NAMES = ['granted', 'grantedWithMods', 'rejection', 'waiting', 'revocationWarning', 'revocationNotification'];
const FAIL_INFO: Record<number, string> = { 0: 'badAlg', 2: 'badRequest', 5: 'badDataFormat', 14: 'timeNotAvailable', 15: 'unacceptedPolicy', 16: 'unacceptedExtension', 17: 'addInfoNotAvailable', 25: 'systemFailure' };

function describeStatus(info: pkijs.PKIStatusInfo): string {
  const status = info.status as number;
  const parts = [`status ${STATUS_NAMES[status] ?? String(status)}`];
  const texts = (info.statusStrings ?? []).map((s) => s.valueBlock.value).filter((s) => s !== '');
  if (texts.length > 0) parts.push(texts.map((s) => JSON.stringify(s)).join(', '));
  if (info.failInfo) {
    const bits = info.failInfo.valueBlock.valueHexView;
    const failures = Object.entries(FAIL_INFO).filter(([bit]) => ((bits[Number(bit) >> 3] ?? 0) & (0x80 >> (Number(bit) & 7))) !== 0).map(([, name]) => name);
    if (failures.length > 0) parts.push(`failure: ${failures.join(', ')}`);
  }
  return parts.join('; ');
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.5': 'SERIALNUMBER', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.9': 'STREET', '2.5.4.10': 'O', '2.5.4.11': 'OU',
  '2.5.4.97': 'organizationIdentifier', '1.2.840.113549.1.9.1': 'emailAddress', '0.9.2342.19200300.100.1.25': 'DC',
};

/** RFC 4514 order (most specific first), e.g. "CN=Example TSA, O=Example, C=GB". */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const v: unknown = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
      const text = typeof v === 'string' ? v : Buffer.from(tv.value.valueBeforeDecodeView).toString('hex');
      return `${ATTRIBUTE_NAMES[tv.type] ?? tv.type}=${text.replace(/[,+"\\<>;]/g, '\\$&')}`;
    })
    .reverse()
    .join(', ');
}

function tsaName(tst: pkijs.TSTInfo): string {
  // GeneralName directoryName [4]: the token names its authority even without a certificate.
  const v: unknown = tst.tsa?.value;
  return tst.tsa?.type === 4 && v instanceof pkijs.RelativeDistinguishedNames ? formatName(v) : '';
}
