import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ok, type Result } from '../util/result.js';
import { trustedRootsForSigned } from './trust.js';
import {
  OID, certificateDer, cryptoEngine, describeToken, formatName, integerHex, parseTimeStampResponse, problem, shortHex,
  type ParsedToken, type TokenInfo, type TokenProblem,
} from './rfc3161.js';

export interface TokenExpectation {
  /** SHA-256 of the document, 64 hex digits. */
  imprintHex: string;
  /** The nonce we sent; checked only when a string. */
  nonce?: string | null;
  /** Trusted roots: PEM text (one or more certificates) or DER. */
  roots: readonly (string | Uint8Array)[];
}

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512',
};

/**
 * Checks a TimeStampResp against the document digest, our nonce and the roots we trust,
 * reporting the first thing wrong in the order a reader would ask about it.
 */
export async function verifyTimeStampResponse(der: Uint8Array, expect: TokenExpectation): Promise<Result<TokenInfo, TokenProblem>> {
  const parsed = parseTimeStampResponse(der);
  if (!parsed.ok) return parsed;
  return verifyParsed(parsed.value, expect);
}

/**
 * verifyTimeStampResponse with the roots trustedRootsFor gives (Exhibit's,
 * the authority's, a pinned root the token carries), the token read once:
 * the same checks, for the paths that verify a token per capture.
 */
export async function verifyTimeStampResponseFrom(der: Uint8Array, expect: Omit<TokenExpectation, 'roots'> & { authorityRootsPem: string }): Promise<Result<TokenInfo, TokenProblem>> {
  const parsed = parseTimeStampResponse(der);
  if (!parsed.ok) return parsed;
  return verifyParsed(parsed.value, { imprintHex: expect.imprintHex, nonce: expect.nonce ?? null, roots: trustedRootsForSigned(expect.authorityRootsPem, parsed.value.signed) });
}

async function verifyParsed(t: ParsedToken, expect: TokenExpectation): Promise<Result<TokenInfo, TokenProblem>> {
  const imprint = t.tst.messageImprint;
  const algorithm = imprint.hashAlgorithm.algorithmId;
  if (algorithm !== OID.sha256) return problem('wrong-imprint', `the token was made with hash algorithm ${HASHES[algorithm] ?? algorithm}, not SHA-256, so it cannot be matched to the document`);
  const got = Buffer.from(imprint.hashedMessage.valueBlock.valueHexView).toString('hex');
  const want = expect.imprintHex.toLowerCase();
  if (got !== want) return problem('wrong-imprint', `the token time-stamps a different document (imprint ${shortHex(got)} vs expected ${shortHex(want)})`);
  if (typeof expect.nonce === 'string') {
    const sent = expect.nonce.toLowerCase().replace(/^0+(?=.)/, '');
    const echoed = t.tst.nonce ? integerHex(t.tst.nonce) : null;
    if (echoed !== sent) return problem('wrong-nonce', `the token does not answer our request (nonce ${echoed === null ? 'missing' : shortHex(echoed)} vs sent ${shortHex(sent)}); it may be a replayed answer`);
  }
  const trusted = expect.roots.flatMap(readCertificates);
  // pkijs insists on the original document for TSTInfo content, and we hold only its digest, which
  // we compared above. Presented as plain data, the CMS checks (message digest, signature) are the same.
  t.signed.encapContentInfo.eContentType = OID.data;
  const genTime = t.tst.genTime;

  let signer: pkijs.Certificate;
  try {
    const r = await t.signed.verify({ signer: 0, checkChain: false, extendedMode: true, checkDate: genTime }, cryptoEngine);
    if (r.signatureVerified !== true || !r.signerCertificate) return problem('bad-signature', "the authority's signature on the token is not valid: the token was altered or not signed by its certificate");
    signer = r.signerCertificate;
  } catch (e) {
    return signatureProblem(e);
  }
  const authority = `"${formatName(signer.subject)}"`;
  const usage = timeStampingUsageProblem(signer);
  if (usage) return problem('no-timestamping-usage', `the certificate of ${authority} is not reserved for time-stamping (${usage}), as RFC 3161 §2.3 requires`);
  const ess = essProblem(t, signer);
  if (ess) return problem('untrusted', ess);
  try {
    if (!(await t.signed.verify({ signer: 0, checkChain: true, trustedCerts: trusted, checkDate: genTime }, cryptoEngine))) {
      return problem('bad-signature', "the authority's signature on the token is not valid");
    }
  } catch (e) {
    const why = trusted.length === 0 ? ': no trusted roots were given' : reason(e);
    return problem('untrusted', `the certificate of ${authority} does not lead to any trusted root at the time-stamp's date (${genTime.toISOString()})${why}`);
  }
  return ok(describeToken(t, signer));
}

function signatureProblem(e: unknown): { ok: false; error: TokenProblem } {
  const code = e instanceof pkijs.SignedDataVerifyError ? e.code : -1;
  if (code === 2 || code === 3) return problem('untrusted', "the token does not carry the certificate of whoever signed it, so the signature cannot be attributed to an authority");
  if (code === 15 && /digest/i.test(String((e as Error).message))) return problem('bad-signature', 'the token was altered after the authority signed it (its content no longer matches the signed digest)');
  return problem('bad-signature', `the authority's signature on the token cannot be checked${reason(e)}`);
}

function reason(e: unknown): string {
  const m = e instanceof Error ? e.message : (e as { resultMessage?: unknown } | null)?.resultMessage;
  if (typeof m !== 'string' || m === '' || m.includes('undefined')) return '';
  return ` (${m.replace(/^Validation of signer's certificate failed: /, '')})`;
}

/** RFC 3161 §2.3: exactly one extendedKeyUsage, critical, holding only id-kp-timeStamping. */
function timeStampingUsageProblem(cert: pkijs.Certificate): string | null {
  const ekus = (cert.extensions ?? []).filter((x) => x.extnID === OID.extKeyUsage);
  if (ekus.length === 0) return 'it has no extended key usage';
  if (ekus.length > 1) return 'it has several extended key usage fields';
  const eku = ekus[0]!;
  if (!eku.critical) return 'its extended key usage is not marked critical';
  const purposes = eku.parsedValue instanceof pkijs.ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  if (purposes.length !== 1 || purposes[0] !== OID.timeStamping) return `its extended key usage is ${purposes.join(', ') || 'unreadable'}, not time-stamping alone`;
  return null;
}

/** The signed ESSCertID(v2) names the signing certificate: a substituted certificate must not pass. */
function essProblem(t: ParsedToken, signer: pkijs.Certificate): string | null {
  const attrs = t.signed.signerInfos[0]?.signedAttrs?.attributes ?? [];
  const v2 = attrs.find((a) => a.type === OID.signingCertificateV2);
  const v1 = attrs.find((a) => a.type === OID.signingCertificate);
  const attr = v2 ?? v1;
  if (!attr) return null;
  const unreadable = 'the token names its signing certificate in a form that cannot be read';
  const certs = (attr.values[0] as asn1js.Sequence | undefined)?.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return unreadable;
  let hashName = 'sha1';
  let fields = first.valueBlock.value;
  if (v2) {
    hashName = 'sha256';
    const algorithm = fields[0];
    if (algorithm instanceof asn1js.Sequence) {
      const oid = algorithm.valueBlock.value[0];
      const name = oid instanceof asn1js.ObjectIdentifier ? HASHES[oid.valueBlock.toString()] : undefined;
      if (!name) return unreadable;
      hashName = name;
      fields = fields.slice(1);
    }
  }
  const hash = fields[0];
  if (!(hash instanceof asn1js.OctetString)) return unreadable;
  const actual = createHash(hashName).update(certificateDer(signer)).digest();
  if (actual.equals(Buffer.from(hash.valueBlock.valueHexView))) return null;
  return `the token was signed with a certificate other than the one it names (${v2 ? 'ESSCertIDv2' : 'ESSCertID'} ${shortHex(Buffer.from(hash.valueBlock.valueHexView).toString('hex'))} vs ${shortHex(actual.toString('hex'))})`;
}

/** Roots are configuration: one that cannot be read is a bug, not a verdict on the token. */
function readCertificates(root: string | Uint8Array): pkijs.Certificate[] {
  const ders = typeof root === 'string'
    ? [...root.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'))
    : [root];
  if (ders.length === 0) throw new TypeError('a trusted root given as text holds no PEM certificate');
  return ders.map((der) => {
    try {
      return pkijs.Certificate.fromBER(new Uint8Array(der));
    } catch (e) {
      throw new TypeError(`a trusted root is not a readable X.509 certificate: ${(e as Error).message}`);
    }
  });
}
