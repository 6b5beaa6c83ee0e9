import { createPrivateKey, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { cryptoEngine } from '../timestamp/rfc3161.js';
import { err, ok, type Result } from '../util/result.js';
import { certificateMatchesKey } from './certificate.js';

const BAGS = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
} as const;

export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** the certificate of the private key first, then the rest of its chain as the file gives it */
  certificates: Buffer[];
}

export type Pkcs12Problem =
  | { kind: 'not-pkcs12'; message: string }
  | { kind: 'wrong-passphrase'; message: string }
  | { kind: 'incomplete'; message: string };

/**
 * Opens a PKCS#12 (.p12/.pfx) file: checks its integrity MAC with the
 * passphrase, decrypts its bags, and returns the one private key with the
 * certificate that belongs to it. A file with no key, several keys or no
 * matching certificate is refused, saying which.
 */
export async function readPkcs12(bytes: Uint8Array, passphrase: string): Promise<Result<Pkcs12Contents, Pkcs12Problem>> {
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(bytes);
  } catch (e) {
    return err({ kind: 'not-pkcs12', message: `it is not a PKCS#12 file (${(e as Error).message})` });
  }
  const password = new TextEncoder().encode(passphrase).buffer as ArrayBuffer;
  try {
    await pfx.parseInternalValues({ password, checkIntegrity: true }, cryptoEngine);
  } catch (e) {
    const m = (e as Error).message ?? String(e);
    return err(/integrity|password|MAC|verif/i.test(m) ? { kind: 'wrong-passphrase', message: 'the passphrase is wrong (the file’s integrity check fails with it)' } : { kind: 'not-pkcs12', message: `it cannot be read as PKCS#12 (${m})` });
  }
  const keys: KeyObject[] = [];
  const certs: Buffer[] = [];
  try {
    const safe = pfx.parsedValue?.authenticatedSafe;
    if (!safe) return err({ kind: 'not-pkcs12', message: 'it holds no authenticated safe' });
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password })) }, cryptoEngine);
    for (const contents of safe.parsedValue?.safeContents ?? []) {
      for (const bag of contents.value.safeBags) {
        if (bag.bagId === BAGS.shroudedKey) {
          const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
          // protected in pkijs's typings, but the documented way to decrypt the bag
          await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }, c: pkijs.ICryptoEngine): Promise<void> }).parseInternalValues({ password }, cryptoEngine);
          if (shrouded.parsedValue) keys.push(keyObject(shrouded.parsedValue.toSchema().toBER(false)));
        } else if (bag.bagId === BAGS.key) {
          keys.push(keyObject((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false)));
        } else if (bag.bagId === BAGS.cert) {
          const cert = bag.bagValue as pkijs.CertBag;
          if (cert.certId === BAGS.x509Certificate && cert.parsedValue instanceof pkijs.Certificate) certs.push(Buffer.from(cert.parsedValue.toSchema(true).toBER(false)));
        }
      }
    }
  } catch (e) {
    const m = (e as Error).message ?? String(e);
    if (/Unknown "contentEncryptionAlgorithm"|1\.2\.840\.113549\.1\.12\.1\./.test(m)) {
      return err({ kind: 'not-pkcs12', message: 'it is encrypted with a legacy algorithm (RC2 or 3DES, PKCS#12 v1 PBE) that Exhibit does not read; convert it with: openssl pkcs12 -legacy -in OLD.p12 -nodes | openssl pkcs12 -export -out NEW.p12' });
    }
    return err({ kind: 'wrong-passphrase', message: `its contents cannot be decrypted with this passphrase (${m})` });
  }
  if (keys.length === 0) return err({ kind: 'incomplete', message: 'it holds no private key (export it again with the key included)' });
  if (keys.length > 1) return err({ kind: 'incomplete', message: `it holds ${keys.length} private keys; export the one signing identity alone` });
  const key = keys[0]!;
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') return err({ kind: 'incomplete', message: `its key is ${key.asymmetricKeyType ?? 'of an unknown type'}; PDF readers verify RSA and ECDSA signatures` });
  const own = certs.findIndex((c) => certificateMatchesKey(c, key));
  if (own < 0) return err({ kind: 'incomplete', message: `none of its ${certs.length} certificate(s) belongs to its private key` });
  return ok({ privateKey: key, certificates: [certs[own]!, ...certs.filter((_, i) => i !== own)] });
}

function keyObject(der: ArrayBuffer): KeyObject {
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}
