import { z } from 'zod';
import { canonicalJson, type JsonValue } from '../util/canonical-json.js';
import { SHA256_PATTERN } from '../util/hash.js';

export const MANIFEST_FORMAT = 'exhibit.capture-manifest';
export const MANIFEST_FORMAT_VERSION = 1;

/** Artifact names become file names in exports: keep them portable. */
export const ARTIFACT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Manifests are parsed from JSON text, so what is inside an object is JSON: only its shape is checked. */
const jsonObject = z.custom<{ [key: string]: JsonValue }>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected a JSON object');

export const manifestArtifactSchema = z.strictObject({
  name: z.string().regex(ARTIFACT_NAME_PATTERN),
  kind: z.string().min(1),
  sha256: z.string().regex(SHA256_PATTERN),
  bytes: z.number().int().nonnegative(),
  mediaType: z.string().min(1),
});

export const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  captureId: z.string().min(1),
  requestedUrl: z.string(),
  finalUrl: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  outcome: z.string().min(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  artifacts: z.array(manifestArtifactSchema),
  provenance: jsonObject,
  signer: z.strictObject({ algorithm: z.literal('Ed25519'), publicKeyFingerprint: z.string() }),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestArtifact = z.infer<typeof manifestArtifactSchema>;

/** The exact bytes that are hashed, signed and stored. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(canonicalJson(manifest), 'utf8');
}

export function parseManifest(bytes: Uint8Array | string): { ok: true; value: Manifest } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  return { ok: true, value: parsed.data };
}
