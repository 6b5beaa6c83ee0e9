import { z } from 'zod';

/**
 * The layout of the WACZ files Exhibit writes (WACZ 1.1.1,
 * https://specs.webrecorder.net/wacz/1.1.1/, signed as in
 * https://specs.webrecorder.net/wacz-auth/0.1.0/), shared by the writer and
 * the verifier:
 *
 *   archive/CAPTUREID.warc.gz          each capture's page.warc.gz, byte for byte (zip STORED)
 *   indexes/index.cdxj                 CDXJ of every WARC, sorted
 *   pages/pages.jsonl                  one page per capture that has something to replay
 *   exhibit/public-key.pem             the workspace's Ed25519 key (signs the manifests)
 *   exhibit/wacz-signing-key.pem       the P-384 key that signs datapackage-digest.json,
 *   exhibit/wacz-signing-key.sig       and the Ed25519 signature of that PEM file: the two keys tied
 *   exhibit/tsa-roots.pem              the roots the time-stamp tokens chain to, for OpenSSL
 *   exhibit/README.txt                 how to check all of it by hand
 *   exhibit/CAPTUREID/manifest.json    the capture's signed manifest, as stored
 *   exhibit/CAPTUREID/manifest.sig     its Ed25519 signature (64 raw bytes)
 *   exhibit/CAPTUREID/timestamps.json  its RFC 3161 tokens described (timestamp-N.tsr, timestamp-N.list.json)
 *   datapackage.json                   every file above with its SHA-256 and size
 *   datapackage-digest.json            the SHA-256 of datapackage.json, signed
 */
export const WACZ_VERSION = '1.1.1';
export const DATAPACKAGE = 'datapackage.json';
export const DIGEST = 'datapackage-digest.json';
export const PAGES = 'pages/pages.jsonl';
export const CDXJ_INDEX = 'indexes/index.cdxj';
export const WORKSPACE_KEY = 'exhibit/public-key.pem';
export const WACZ_KEY_PEM = 'exhibit/wacz-signing-key.pem';
export const WACZ_KEY_SIG = 'exhibit/wacz-signing-key.sig';
export const TSA_ROOTS = 'exhibit/tsa-roots.pem';
export const README = 'exhibit/README.txt';
export const SECTION_FORMAT = 'exhibit.wacz';
/** The artifact of a capture that goes to archive/. */
export const WARC_ARTIFACT = 'page.warc.gz';

export const warcPath = (captureId: string): string => `archive/${captureId}.warc.gz`;
export const captureDir = (captureId: string): string => `exhibit/${captureId}`;
export const captureFile = (captureId: string, name: string): string => `${captureDir(captureId)}/${name}`;

/** The fields wabac.js reads in an anonymous signature; the spec allows no others. */
export const ANONYMOUS_SIGNED_FIELDS = ['hash', 'created', 'software', 'version', 'signature', 'publicKey'] as const;

export const resourceSchema = z.looseObject({
  name: z.string(),
  path: z.string(),
  hash: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type Resource = z.infer<typeof resourceSchema>;

/** Exhibit's own part of datapackage.json (a custom property, which WACZ allows). */
export const sectionSchema = z.looseObject({
  format: z.literal(SECTION_FORMAT),
  formatVersion: z.literal(1),
  workspaceKeyFingerprint: z.string(),
  case: z.object({ id: z.string(), name: z.string() }).nullable(),
  captures: z.array(
    z.looseObject({
      id: z.string(),
      requestedUrl: z.string(),
      startedAt: z.string(),
      outcome: z.string(),
      manifestSha256: z.string(),
      warc: z.string().nullable(),
      page: z.string().nullable(),
    }),
  ),
});
export type Section = z.infer<typeof sectionSchema>;

export const datapackageSchema = z.looseObject({
  profile: z.string(),
  wacz_version: z.string(),
  resources: z.array(resourceSchema),
  title: z.string().optional(),
  created: z.string().optional(),
  software: z.string().optional(),
  exhibit: z.unknown().optional(),
});

export const digestSchema = z.looseObject({
  path: z.string(),
  hash: z.string(),
  signedData: z.record(z.string(), z.unknown()).optional(),
});

export const sha256Tag = (hex: string): string => `sha256:${hex}`;

/** A resource's name: its path, lower-case, folders joined with '-' (Frictionless names are unique, [a-z0-9._-]). */
export function resourceName(path: string): string {
  const simple = path.startsWith('exhibit/') ? path : path.slice(path.lastIndexOf('/') + 1);
  return simple.toLowerCase().replace(/\//g, '-');
}
