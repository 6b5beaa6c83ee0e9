import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTimeStampRequest, readTimeStampResponse } from '../../../electron/core/timestamp/rfc3161.js';
import { verifyTimeStampResponse } from '../../../electron/core/timestamp/verify-token.js';
import { sha256Hex } from '../../../electron/core/util/hash.js';
import { suiteTempDir } from '../../helpers/tmp.js';
import { startTsa, type Tsa } from '../../helpers/tsa.mjs';

const IMPRINT = sha256Hex('listing-capture manifest');

/** POSTs a fresh request for the imprint, as the app will. */
async function stamp(tsa: Tsa, imprintHex = IMPRINT): Promise<{ der: Buffer; nonce: string }> {
  const req = makeTimeStampRequest(imprintHex);
  const res = await fetch(tsa.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: req.der });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
  return { der: Buffer.from(await res.arrayBuffer()), nonce: req.nonce };
}

/** The SignerInfo's signature value, found by walking TimeStampResp → ContentInfo → SignedData. */
function signatureValue(der: Buffer): Buffer {
  const resp = asn1js.fromBER(new Uint8Array(der)).result as asn1js.Sequence;
  const contentInfo = resp.valueBlock.value[1] as asn1js.Sequence;
  const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const signerInfo = (signedData.valueBlock.value.at(-1) as asn1js.Set).valueBlock.value[0] as asn1js.Sequence;
  const signature = signerInfo.valueBlock.value.find((b) => b instanceof asn1js.OctetString) as asn1js.OctetString;
  return Buffer.from(signature.valueBlock.valueHexView);
}

const fail = async (der: Uint8Array, roots: string[], nonce?: string) => {
  const r = await verifyTimeStampResponse(der, { imprintHex: IMPRINT, nonce, roots });
  if (r.ok) throw new Error('expected the token to be refused');
  return r.error;
};

describe('RFC 3161 time-stamp tokens against a real local TSA', () => {
  let tsa: Tsa;
  let other: Tsa;
  let nonCritical: Tsa;
  let noUsage: Tsa;
  let dir: string;

  beforeAll(async () => {
    dir = suiteTempDir();
    [tsa, other, nonCritical, noUsage] = await Promise.all([
      startTsa(),
      startTsa({ name: 'Other Authority' }),
      startTsa({ eku: 'non-critical', name: 'Lax Authority' }),
      startTsa({ eku: 'none', name: 'Plain Authority' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([tsa, other, nonCritical, noUsage].map((t) => t?.close()));
  });

  it('verifies a fresh token and reads what it says', async () => {
    const { der, nonce } = await stamp(tsa);
    const r = await verifyTimeStampResponse(der, { imprintHex: IMPRINT, nonce, roots: [tsa.rootPem] });
    if (!r.ok) throw new Error(r.error.message);
    const info = r.value;
    expect(info.genTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(info.genTime) - Date.now())).toBeLessThan(5_000);
    expect(info.serial).toMatch(/^[1-9a-f][0-9a-f]*$/);
    expect(info.policy).toBe('1.2.3.4.1');
    expect(info.imprintHex).toBe(IMPRINT);
    expect(info.nonce).toBe(nonce);
    expect(info.authority).toBe('CN=Exhibit Test TSA, O=Exhibit Tests, C=GB');
    expect(info.signerCertSha256).toBe(sha256Hex(new X509Certificate(tsa.tsaCertPem).raw));
    expect(info.accuracyMs).toBe(1000);
    // Reading without verifying gives the same facts and the token exactly as the authority sent it.
    const read = readTimeStampResponse(der);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.info).toEqual(info);
    expect(der.subarray(der.length - read.value.token.length).equals(read.value.token)).toBe(true);
    // Serials come from the authority's counter: the next token has another.
    const next = readTimeStampResponse((await stamp(tsa)).der);
    expect(next.ok && next.value.info.serial).not.toBe(info.serial);
  });

  it('gives a token that OpenSSL verifies with the command a lawyer would run', async () => {
    const { der } = await stamp(tsa);
    const file = join(dir, 'resp.tsr');
    writeFileSync(file, der);
    const v = spawnSync('openssl', ['ts', '-verify', '-digest', IMPRINT, '-in', file, '-CAfile', tsa.rootPath], { encoding: 'utf8' });
    expect(v.stdout + v.stderr).toContain('Verification: OK');
    expect(v.status).toBe(0);
  });

  it('makes requests OpenSSL reads as SHA-256, with a nonce and a certificate request', () => {
    const req = makeTimeStampRequest(IMPRINT);
    const file = join(dir, 'req.tsq');
    writeFileSync(file, req.der);
    const text = spawnSync('openssl', ['ts', '-query', '-in', file, '-text'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text).toContain('Certificate required: yes');
    expect(text.replace(/\s+/g, ' ').toLowerCase()).toContain(`nonce: 0x${req.nonce.padStart(req.nonce.length + (req.nonce.length % 2), '0')}`);
    expect(req.nonce).toMatch(/^[1-9a-f][0-9a-f]{0,15}$/);
    expect(makeTimeStampRequest(IMPRINT).nonce).not.toBe(req.nonce);
  });

  it('refuses an imprint that is not 64 lowercase hex digits', () => {
    for (const bad of ['zz'.repeat(32), IMPRINT.toUpperCase(), IMPRINT.slice(1), '', `${IMPRINT}00`]) {
      expect(() => makeTimeStampRequest(bad)).toThrow(TypeError);
    }
  });

  it('tells a token for another document from a token for this one', async () => {
    const { der } = await stamp(tsa, sha256Hex('some other document'));
    const e = await fail(der, [tsa.rootPem]);
    expect(e.kind).toBe('wrong-imprint');
    expect(e.message).toContain(`imprint ${sha256Hex('some other document').slice(0, 4)}…`);
    expect(e.message).toContain(`expected ${IMPRINT.slice(0, 4)}…${IMPRINT.slice(-2)}`);
  });

  it('refuses a token over another hash algorithm, which cannot match a SHA-256', async () => {
    const query = join(dir, 'sha512.tsq');
    const q = spawnSync('openssl', ['ts', '-query', '-digest', createHash('sha512').update('x').digest('hex'), '-sha512', '-cert', '-out', query]);
    expect(q.status).toBe(0);
    const res = await fetch(tsa.url, { method: 'POST', body: readFileSync(query) });
    const e = await fail(Buffer.from(await res.arrayBuffer()), [tsa.rootPem]);
    expect(e.kind).toBe('wrong-imprint');
    expect(e.message).toContain('sha512');
  });

  it('tells an answer to someone else\'s request by its nonce', async () => {
    const { der } = await stamp(tsa);
    expect((await fail(der, [tsa.rootPem], makeTimeStampRequest(IMPRINT).nonce)).kind).toBe('wrong-nonce');
    // Without a nonce to compare, the same token passes.
    expect((await verifyTimeStampResponse(der, { imprintHex: IMPRINT, roots: [tsa.rootPem] })).ok).toBe(true);
  });

  it('calls a tampered token a bad signature, not an untrusted one', async () => {
    const { der, nonce } = await stamp(tsa);
    const sig = signatureValue(der);
    const flipped = Buffer.from(der);
    flipped[der.indexOf(sig) + sig.length - 1]! ^= 0x01;
    expect((await fail(flipped, [tsa.rootPem], nonce)).kind).toBe('bad-signature');

    // Policy 1.2.3.4.1 → 1.2.3.4.2 inside the signed TSTInfo: still readable, no longer what was signed.
    const policy = Buffer.from('06042a030401', 'hex');
    const at = der.indexOf(policy);
    expect(at).toBeGreaterThan(0);
    const edited = Buffer.from(der);
    edited[at + policy.length - 1] = 0x02;
    const read = readTimeStampResponse(edited);
    expect(read.ok && read.value.info.policy).toBe('1.2.3.4.2');
    const e = await fail(edited, [tsa.rootPem], nonce);
    expect(e.kind).toBe('bad-signature');
    expect(e.message).toContain('altered');
  });

  it('does not trust a genuine token against another authority\'s root', async () => {
    const { der, nonce } = await stamp(tsa);
    const e = await fail(der, [other.rootPem], nonce);
    expect(e.kind).toBe('untrusted');
    expect(e.message).toContain('CN=Exhibit Test TSA');
    expect((await fail(der, [], nonce)).kind).toBe('untrusted');
    // Roots as a PEM bundle or as DER both work.
    const bundle = await verifyTimeStampResponse(der, { imprintHex: IMPRINT, nonce, roots: [other.rootPem + tsa.rootPem] });
    expect(bundle.ok).toBe(true);
    const asDer = await verifyTimeStampResponse(der, { imprintHex: IMPRINT, nonce, roots: [new X509Certificate(tsa.rootPem).raw] });
    expect(asDer.ok).toBe(true);
  });

  it('refuses tokens signed with a certificate not reserved for time-stamping (RFC 3161 §2.3)', async () => {
    for (const [lax, why] of [[nonCritical, 'not marked critical'], [noUsage, 'no extended key usage']] as const) {
      const { der, nonce } = await stamp(lax);
      const e = await fail(der, [lax.rootPem], nonce);
      expect(e).toMatchObject({ kind: 'no-timestamping-usage' });
      expect(e.message).toContain(why);
      // The signature itself is sound and the chain is good: only the usage is wrong. OpenSSL agrees.
      const file = join(dir, 'lax.tsr');
      writeFileSync(file, der);
      const v = spawnSync('openssl', ['ts', '-verify', '-digest', IMPRINT, '-in', file, '-CAfile', lax.rootPath], { encoding: 'utf8' });
      expect(v.stdout + v.stderr).toContain('unsuitable certificate purpose');
    }
  });

  it('reports garbage as not a token and a refusal as not granted, when reading and when verifying', async () => {
    tsa.setMode('garbage');
    const garbage = (await stamp(tsa)).der;
    tsa.setMode('rejection');
    const rejection = (await stamp(tsa)).der;
    tsa.setMode('ok');
    for (const der of [garbage, Buffer.alloc(0), Buffer.from('3000', 'hex')]) {
      expect((await fail(der, [tsa.rootPem])).kind).toBe('not-a-token');
      expect(readTimeStampResponse(der)).toMatchObject({ ok: false, error: { kind: 'not-a-token' } });
    }
    const e = await fail(rejection, [tsa.rootPem]);
    expect(e.kind).toBe('not-granted');
    expect(e.message).toContain('rejection');
    expect(e.message).toContain('"test rejection"');
    expect(e.message).toContain('badRequest');
    expect(readTimeStampResponse(rejection)).toEqual({ ok: false, error: e });
  });
});

describe('the local TSA helper', () => {
  let tsa: Tsa;
  beforeAll(async () => {
    tsa = await startTsa({ name: 'Helper TSA' });
  });
  afterAll(async () => {
    await tsa?.close();
  });
  const post = (signal?: AbortSignal) => fetch(tsa.url, { method: 'POST', body: makeTimeStampRequest(IMPRINT).der, signal });

  it('counts requests and answers 500 in http-error mode', async () => {
    const before = tsa.requests;
    tsa.setMode('http-error');
    expect((await post()).status).toBe(500);
    tsa.setMode('ok');
    expect((await post()).status).toBe(200);
    expect(tsa.requests).toBe(before + 2);
  });

  it('refuses connections when down, and listens again on the same port', async () => {
    const before = tsa.requests;
    tsa.setMode('down');
    await expect(post()).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    tsa.setMode('ok');
    const res = await post();
    expect(res.status).toBe(200);
    expect((await verifyTimeStampResponse(Buffer.from(await res.arrayBuffer()), { imprintHex: IMPRINT, roots: [tsa.rootPem] })).ok).toBe(true);
    expect(tsa.requests).toBe(before + 1);
  });

  it('hangs without answering, and close() ends the hung request', async () => {
    tsa.setMode('hang');
    await expect(post(AbortSignal.timeout(500))).rejects.toMatchObject({ name: 'TimeoutError' });
    const pending = post();
    const settled = pending.then(() => 'answered', () => 'ended');
    await new Promise((r) => setTimeout(r, 200));
    await tsa.close();
    expect(await settled).toBe('ended');
    await expect(post()).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });
});
