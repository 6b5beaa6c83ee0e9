import { createPrivateKey, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { fsyncDir, writeFileAtomic, writeFileNew } from '../util/durable-fs.js';
import type { CustodyEvent } from '../workspace/custody.js';
import type { Workspace } from '../workspace/workspace.js';
import { certificateFingerprint, certificateMatchesKey, certificatePem, certificatesFromPem, describeCertificate, makeSigningCertificate, type CertificateSubject, type CertificateSummary } from './certificate.js';

/**
 * The workspace's signing identity for PDFs: an X.509 certificate (with its
 * chain, when imported) and its private key, in one owner-only file,
 * keys/pdf-signing-identity.pem. One file, put in place with link(), so a
 * crash never leaves a key without its certificate.
 */
export const IDENTITY_FILE = 'pdf-signing-identity.pem';

export class SigningIdentity {
  constructor(
    readonly privateKey: KeyObject,
    /** the signer's certificate first, then its chain */
    readonly certificates: readonly Buffer[],
  ) {}

  get certificate(): Buffer {
    return this.certificates[0]!;
  }

  get fingerprint(): string {
    return certificateFingerprint(this.certificate);
  }

  describe(): CertificateSummary {
    return describeCertificate(this.certificate);
  }

  toPem(): string {
    return `${this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}${this.certificates.map(certificatePem).join('')}`;
  }

  static fromPem(pem: string, where: string): SigningIdentity {
    const key = createPrivateKey(pem);
    const certs = certificatesFromPem(pem);
    if (certs.length === 0) throw new Error(`${where} holds no certificate`);
    if (!certificateMatchesKey(certs[0]!, key)) throw new Error(`${where}: its certificate does not belong to its private key`);
    return new SigningIdentity(key, certs);
  }
}

/** The custody event that records an identity: its certificate whole, so a dossier signed with it can be matched to it later. */
export function identityEvent(identity: SigningIdentity, how: 'made' | 'imported', replaced: string | null): CustodyEvent {
  const c = identity.describe();
  return {
    action: how === 'made' ? 'identity.created' : 'identity.imported',
    subject: null,
    details: {
      subject: c.subject,
      issuer: c.issuer,
      serial: c.serial,
      notAfter: c.notAfter,
      algorithm: c.keyAlgorithm,
      certificateSha256: c.sha256,
      certificate: identity.certificate.toString('base64'),
      chain: identity.certificates.length - 1,
      ...(replaced ? { replaced } : {}),
    },
  };
}

export async function newWorkspaceIdentity(subject: CertificateSubject, workspaceFingerprint: string, now?: Date): Promise<SigningIdentity> {
  const made = await makeSigningCertificate(subject, workspaceFingerprint, now);
  return new SigningIdentity(createPrivateKey(made.privateKeyPem), [made.certificateDer]);
}

/** Writes the identity file where none is (owner-only): false if one appeared first. */
export function placeIdentity(keysDir: string, identity: SigningIdentity): Promise<boolean> {
  return writeFileNew(join(keysDir, IDENTITY_FILE), identity.toPem(), 0o600);
}

async function readIdentity(keysDir: string): Promise<SigningIdentity | null> {
  const path = join(keysDir, IDENTITY_FILE);
  const pem = await fs.readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  return pem === null ? null : SigningIdentity.fromPem(pem, path);
}

/**
 * The workspace's signing identity, made on first use for a workspace older
 * than identities (and logged in custody), else read from keys/.
 */
export async function identityOf(ws: Workspace): Promise<{ identity: SigningIdentity; created: boolean }> {
  const existing = await readIdentity(ws.layout.keys);
  if (existing) return { identity: existing, created: false };
  const settings = await ws.settings();
  const made = await newWorkspaceIdentity(settings, ws.key.fingerprint);
  if (!(await placeIdentity(ws.layout.keys, made))) return { identity: (await readIdentity(ws.layout.keys))!, created: false };
  await ws.logEvent(identityEvent(made, 'made', null));
  return { identity: made, created: true };
}

/** The identity, if the workspace has one; never makes one. */
export function identityIfAny(ws: Workspace): Promise<SigningIdentity | null> {
  return readIdentity(ws.layout.keys);
}

/**
 * Puts an imported identity in place of the current one. The one it replaces
 * is kept beside it (keys/retired/, owner-only), never deleted: dossiers
 * signed with it stay matched to this workspace through the custody log.
 */
export async function replaceIdentity(ws: Workspace, identity: SigningIdentity): Promise<{ replaced: string | null }> {
  const path = join(ws.layout.keys, IDENTITY_FILE);
  const current = await readIdentity(ws.layout.keys);
  if (current) {
    const retired = join(ws.layout.keys, 'retired');
    await fs.mkdir(retired, { recursive: true, mode: 0o700 });
    const target = join(retired, `${basename(IDENTITY_FILE, '.pem')}-${current.fingerprint.replace(/ /g, '').slice(0, 16)}-${Date.now()}.pem`);
    await fs.link(path, target);
    await fsyncDir(retired);
  }
  await writeFileAtomic(path, identity.toPem(), 0o600);
  await ws.logEvent(identityEvent(identity, 'imported', current?.fingerprint ?? null));
  return { replaced: current?.fingerprint ?? null };
}
