import { z } from 'zod';
import { SHA256_PATTERN } from '../util/hash.js';
import { tokenIndexSchema } from '../timestamp/token-files.js';

export const DOSSIER_MANIFEST_FORMAT = 'exhibit.dossier-manifest';

/** Names of the attachments every dossier carries, whatever --attach says. */
export const DOSSIER_ATTACHMENTS = { manifest: 'dossier-manifest.json', signature: 'dossier-manifest.sig', publicKey: 'public-key.pem' } as const;

/** The roots the dossier's time-stamp tokens chain to, attached when any exhibit is stamped. */
export const TSA_ROOTS_ATTACHMENT = 'tsa-roots.pem';

/** An exhibit's files inside the PDF, e.g. "A-1_manifest.json", "A-1_screenshot-full.png". */
export function attachmentName(exhibit: string, file: string): string {
  return `${exhibit}_${file}`;
}

/**
 * The file a signing key's public half is attached as: public-key.pem when
 * the dossier holds one key (every workspace dossier), else one file per
 * key named by the start of its fingerprint (public-key-1a2b3c4d5e6f7a8b.pem).
 */
export function publicKeyFileName(fingerprint: string, keys: number): string {
  return keys <= 1 ? DOSSIER_ATTACHMENTS.publicKey : `public-key-${fingerprint.replace(/ /g, '').slice(0, 16)}.pem`;
}

const sha = z.string().regex(SHA256_PATTERN);

/**
 * What a dossier claims, signed with the workspace key and attached to the
 * PDF: each exhibit's capture, manifest hash and signature, every file's
 * hash, and the pages it is printed on. `exhibit verify FILE.pdf` checks the
 * pages, the attachments and the signatures against it.
 */
export const dossierManifestSchema = z.strictObject({
  format: z.literal(DOSSIER_MANIFEST_FORMAT),
  formatVersion: z.literal(1),
  dossierId: z.string().min(1),
  generatedAt: z.string(),
  lang: z.enum(['en', 'fr']),
  attach: z.enum(['none', 'manifests', 'all']),
  publicKeyFingerprint: z.string(),
  /**
   * Every key the dossier holds, each attached as its own file, when there
   * is more than one (a team hub's dossier: captures signed by several
   * workspaces and workers, the dossier manifest by the hub). Absent: the
   * one key is publicKeyFingerprint, attached as public-key.pem.
   */
  keys: z.array(z.strictObject({ fingerprint: z.string(), file: z.string(), name: z.string().nullable() })).optional(),
  exhibits: z.array(
    z.strictObject({
      number: z.string(),
      captureId: z.string(),
      requestedUrl: z.string(),
      startedAt: z.string(),
      manifestSha256: sha,
      signature: z.string(),
      /** the key that signed its manifest, when the dossier holds several (else publicKeyFingerprint) */
      publicKeyFingerprint: z.string().optional(),
      pages: z.strictObject({ first: z.number().int().positive(), last: z.number().int().positive() }),
      artifacts: z.array(z.strictObject({ name: z.string(), sha256: sha, bytes: z.number().int().nonnegative() })),
      /** its time-stamp tokens, attached as NUMBER_timestamp-N.tsr (and the digest list each stamps, if any) */
      timestamps: z.array(tokenIndexSchema.shape.tokens.element).optional(),
    }),
  ),
});

export type DossierManifest = z.infer<typeof dossierManifestSchema>;
