import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../util/durable-fs.js';

/**
 * The workspace's Ed25519 key. It signs every capture manifest; its public
 * half travels with exports and dossiers so anyone can check a signature.
 */
export class SigningKey {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {}

  static async generate(privatePath: string, publicPath: string): Promise<SigningKey> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    // Readable by its owner only: whoever can read it can sign as this workspace.
    await writeFileAtomic(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600);
    await writeFileAtomic(publicPath, publicKey.export({ type: 'spki', format: 'pem' }), 0o644);
    return new SigningKey(privateKey, publicKey);
  }

  /** Throws when a file is missing or unreadable, or the halves do not belong together. */
  static async load(privatePath: string, publicPath: string): Promise<SigningKey> {
    const privateKey = createPrivateKey(await fs.readFile(privatePath));
    const publicKey = createPublicKey(await fs.readFile(publicPath));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${privatePath} is not an Ed25519 private key`);
    const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    if (!derived.equals(publicKey.export({ type: 'spki', format: 'der' }))) {
      throw new Error(`${publicPath} is not the public half of ${privatePath}`);
    }
    return new SigningKey(privateKey, publicKey);
  }

  /** A key kept elsewhere than in files (the team hub's, in its database); throws when it is not an Ed25519 private key. */
  static fromPrivatePem(pem: string): SigningKey {
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
    return new SigningKey(privateKey, createPublicKey(privateKey));
  }

  /** A new key, held in memory only: its keeper stores privateKeyPem. */
  static create(): SigningKey {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return new SigningKey(privateKey, publicKey);
  }

  get privateKeyPem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  get fingerprint(): string {
    return publicKeyFingerprint(this.publicKey);
  }

  get publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Base64 Ed25519 signature of the exact bytes. */
  sign(data: Uint8Array): string {
    return sign(null, data, this.privateKey).toString('base64');
  }
}

/**
 * SHA-256 of the public key's DER (SubjectPublicKeyInfo) encoding, in hex
 * groups of four: short enough to read out over the phone, and recomputable
 * with `openssl pkey -pubin -outform DER | openssl dgst -sha256`.
 */
export function publicKeyFingerprint(key: KeyObject): string {
  const hex = createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
  return hex.match(/.{4}/g)!.join(' ');
}

/** Whether a raw 64-byte Ed25519 signature of the exact bytes was made by this public key (PEM or key object). */
export function verifyEd25519(publicKey: KeyObject | string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return key.asymmetricKeyType === 'ed25519' && verify(null, data, key, signature);
  } catch {
    return false;
  }
}
