import { identityEvent, newWorkspaceIdentity, SigningIdentity } from '../identity/identity.js';
import { hubDossierIdentity } from '../store/pg/index.js';
import type { HubDossierIdentityRow } from '../store/pg/dossier-identity.js';
import { canonicalJson } from '../util/canonical-json.js';
import { SigningKey } from '../workspace/signing-key.js';
import { appendHubCustody } from './custody.js';
import { inHubTransaction, type HubPool } from './db.js';

/** The name the hub's certificate gives its signer: a dossier from the hub is signed by the hub, not by a person. */
export const HUB_SIGNER_NAME = 'Exhibit team hub';

export interface HubSigning {
  /** signs each hub dossier's manifest (dossier-manifest.sig) */
  key: SigningKey;
  /** signs the PDF (PAdES) */
  identity: SigningIdentity;
  created: boolean;
}

/**
 * The hub's dossier signing identity: read from the hub's database, or made
 * on the first hub dossier (an Ed25519 key and a self-signed certificate),
 * put in place only where none is, and recorded in the hub's custody chain
 * (identity.created, with the certificate whole). Never replaced: two
 * dossiers made at once both end up with the one that won. One that no
 * longer holds together is refused, never made anew.
 */
export async function hubSigning(pool: HubPool, actor: string): Promise<HubSigning> {
  const existing = await hubDossierIdentity.currentIdentity(pool);
  if (existing) return { ...fromRow(existing), created: false };
  const key = SigningKey.create();
  const identity = await newWorkspaceIdentity({ investigator: HUB_SIGNER_NAME, organisation: '' }, key.fingerprint);
  const row: HubDossierIdentityRow = { key_fingerprint: key.fingerprint, private_key_pem: key.privateKeyPem, public_key_pem: key.publicKeyPem, identity_pem: identity.toPem(), certificate_sha256: identity.fingerprint };
  const placed = await inHubTransaction(pool, async (client) => {
    if (!(await hubDossierIdentity.insertIdentity(client, row))) return false;
    const event = identityEvent(identity, 'made', null);
    await appendHubCustody(client, { actor, action: event.action, subject: null, details: canonicalJson({ ...event.details, publicKeyFingerprint: key.fingerprint, for: 'hub dossiers' }) }, null);
    return true;
  });
  if (!placed) return { ...fromRow((await hubDossierIdentity.currentIdentity(pool))!), created: false };
  return { key, identity, created: true };
}

function fromRow(r: HubDossierIdentityRow): Omit<HubSigning, 'created'> {
  const where = "the hub's dossier signing identity (table hub_dossier_identity)";
  const key = SigningKey.fromPrivatePem(r.private_key_pem);
  if (key.fingerprint !== r.key_fingerprint || key.publicKeyPem.trim() !== r.public_key_pem.trim()) throw new Error(`${where}: its key is not the one recorded (${r.key_fingerprint}); it was altered`);
  const identity = SigningIdentity.fromPem(r.identity_pem, where);
  if (identity.fingerprint !== r.certificate_sha256) throw new Error(`${where}: its certificate is not the one recorded (${r.certificate_sha256}); it was altered`);
  return { key, identity };
}
