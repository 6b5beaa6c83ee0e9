/**
 * The team hub's signing identity for dossiers (exhibit hub dossier): an
 * Ed25519 key that signs each dossier's manifest, and an X.509 certificate
 * with its private key that signs the PDF. One row, made on the first hub
 * dossier and never replaced (the CHECK keeps it to one row; the hub's code
 * only ever inserts it where none is). Whoever can read the hub's database
 * can sign as the hub, as whoever can write it can alter its catalogue.
 */
export const hubSchema007 = `
CREATE TABLE hub_dossier_identity (
  only_one           BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_one),
  key_fingerprint    TEXT NOT NULL,
  private_key_pem    TEXT NOT NULL,
  public_key_pem     TEXT NOT NULL,
  identity_pem       TEXT NOT NULL,
  certificate_sha256 TEXT NOT NULL,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;
