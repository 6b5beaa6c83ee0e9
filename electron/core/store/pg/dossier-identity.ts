import { z } from 'zod';
import { pgCol, rowsOf, type HubClient, type HubQueryable } from './db.js';

const identityRow = z.object({
  key_fingerprint: pgCol.text,
  private_key_pem: pgCol.text,
  public_key_pem: pgCol.text,
  identity_pem: pgCol.text,
  certificate_sha256: pgCol.text,
});
export type HubDossierIdentityRow = z.output<typeof identityRow>;

/** The hub's dossier signing identity, if it has one. */
export async function currentIdentity(q: HubQueryable): Promise<HubDossierIdentityRow | undefined> {
  return (await rowsOf(q, identityRow, 'hub_dossier_identity', 'SELECT key_fingerprint, private_key_pem, public_key_pem, identity_pem, certificate_sha256 FROM hub_dossier_identity'))[0];
}

/** Puts the identity in place where none is: false if one was there (it is never replaced). */
export async function insertIdentity(client: HubClient, r: HubDossierIdentityRow): Promise<boolean> {
  const res = await client.query(
    'INSERT INTO hub_dossier_identity (key_fingerprint, private_key_pem, public_key_pem, identity_pem, certificate_sha256) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (only_one) DO NOTHING',
    [r.key_fingerprint, r.private_key_pem, r.public_key_pem, r.identity_pem, r.certificate_sha256],
  );
  return res.rowCount === 1;
}
