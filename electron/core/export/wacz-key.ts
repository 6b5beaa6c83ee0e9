import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeFileNew } from '../util/durable-fs.js';
import type { Workspace } from '../workspace/workspace.js';

/**
 * The workspace's WACZ signing key: ECDSA on P-384, the only curve
 * ReplayWeb.page (wabac.js) accepts for an "anonymous" WACZ signature. It
 * signs nothing but WACZ files; the capture manifests stay signed by the
 * workspace's Ed25519 key, which in each WACZ also signs this key's public
 * half, so the two are tied together.
 *
 * The signature follows the WACZ signing spec as wabac.js checks it:
 * WebCrypto ECDSA with SHA-256 over the UTF-8 bytes of the `hash` string
 * ("sha256:" + hex), the signature in IEEE P1363 form (r‖s, 96 bytes) and
 * the public key as SubjectPublicKeyInfo DER, both in standard base64.
 */
export const WACZ_KEY_FILE = 'wacz-signing-key.pem';
export const WACZ_PUBLIC_KEY_FILE = 'wacz-signing-key.pub.pem';
const CURVE = 'secp384r1';
/** P-384: r and s are 48 bytes each. */
export const P1363_SIGNATURE_BYTES = 96;

export class WaczKey {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {}

  /** The public half as SubjectPublicKeyInfo DER in base64: the digest file's `publicKey`. */
  get publicKeyBase64(): string {
    return this.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  }

  get publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** SHA-256 of the public key's DER: what the custody log and the reports name it by. */
  get publicKeySha256(): string {
    return createHash('sha256').update(this.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  }

  /** Base64 of the P1363 ECDSA-SHA256 signature of the string's UTF-8 bytes. */
  sign(text: string): string {
    return sign('sha256', Buffer.from(text, 'utf8'), { key: this.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64');
  }

  static fromPrivatePem(pem: string | Buffer, where: string): WaczKey {
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== CURVE) {
      throw new Error(`${where} is not an ECDSA P-384 private key`);
    }
    return new WaczKey(privateKey, createPublicKey(privateKey));
  }

  static generate(): WaczKey {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: CURVE });
    return new WaczKey(privateKey, publicKey);
  }

  exportPrivatePem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
}

/** Whether a base64 P1363 signature of the text was made by this base64 SPKI P-384 key. */
export function verifyWaczSignature(publicKeyBase64: string, text: string, signatureBase64: string): { ok: true } | { ok: false; reason: string } {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return { ok: false, reason: 'publicKey is not a base64 SubjectPublicKeyInfo public key' };
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== CURVE) {
    return { ok: false, reason: `publicKey is not an ECDSA P-384 key (it is ${key.asymmetricKeyType ?? 'unknown'}${key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ''}); ReplayWeb.page verifies P-384 only` };
  }
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length !== P1363_SIGNATURE_BYTES) {
    return { ok: false, reason: `the signature is ${signature.length} bytes, not the ${P1363_SIGNATURE_BYTES} of a P-384 signature in IEEE P1363 form (r‖s)` };
  }
  try {
    if (verify('sha256', Buffer.from(text, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, signature)) return { ok: true };
  } catch {
    // an unreadable signature is a wrong one
  }
  return { ok: false, reason: 'the signature does not verify: datapackage-digest.json was altered, or signed by another key' };
}

/**
 * The workspace's WACZ key, made on first use: the private half readable by
 * its owner only (keys/wacz-signing-key.pem, 0600), the public half beside it.
 * The private half is put in place with link(), which fails rather than
 * replace a key another process made meanwhile; that one is used instead.
 * A new key is recorded in the custody log with its SHA-256.
 */
export async function waczKeyOf(ws: Workspace): Promise<{ key: WaczKey; created: boolean }> {
  const privatePath = join(ws.layout.keys, WACZ_KEY_FILE);
  const publicPath = join(ws.layout.keys, WACZ_PUBLIC_KEY_FILE);
  const existing = await fs.readFile(privatePath).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (existing) return { key: await loaded(existing, privatePath, publicPath), created: false };

  const key = WaczKey.generate();
  // Another export may make the key first: then theirs is used.
  if (!(await writeFileNew(privatePath, key.exportPrivatePem(), 0o600))) return { key: await loaded(await fs.readFile(privatePath), privatePath, publicPath), created: false };
  await writeFileAtomic(publicPath, key.publicKeyPem, 0o644);
  await ws.logEvent({
    action: 'export.made',
    subject: null,
    details: {
      kind: 'wacz-key',
      what: 'the ECDSA P-384 key that signs this workspace’s WACZ exports (datapackage-digest.json)',
      algorithm: 'ECDSA P-384 with SHA-256',
      file: `keys/${WACZ_PUBLIC_KEY_FILE}`,
      publicKey: key.publicKeyBase64,
      publicKeySha256: key.publicKeySha256,
    },
  });
  return { key, created: true };
}

async function loaded(privatePem: Buffer, privatePath: string, publicPath: string): Promise<WaczKey> {
  const key = WaczKey.fromPrivatePem(privatePem, privatePath);
  const publicPem = await fs.readFile(publicPath, 'utf8').catch(() => null);
  if (publicPem === null) await writeFileAtomic(publicPath, key.publicKeyPem, 0o644);
  else {
    let same = false;
    try {
      same = createPublicKey(publicPem).export({ type: 'spki', format: 'der' }).equals(key.publicKey.export({ type: 'spki', format: 'der' }));
    } catch {
      same = false;
    }
    if (!same) throw new Error(`${publicPath} is not the public half of ${privatePath}`);
  }
  return key;
}

/** The workspace's WACZ public key (base64 SPKI DER), if it has one; never makes one. */
export async function waczPublicKeyOf(keysDir: string): Promise<string | null> {
  const pem = await fs.readFile(join(keysDir, WACZ_PUBLIC_KEY_FILE), 'utf8').catch(() => null);
  if (pem === null) return null;
  try {
    return createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    return null;
  }
}
