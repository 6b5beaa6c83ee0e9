import { z } from 'zod';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex, SHA256_PATTERN } from '../util/hash.js';

/** What travels between `exhibit push` and `exhibit hub serve`, parsed on both sides. */
const sha = z.string().regex(SHA256_PATTERN);

export const statusRequestSchema = z.strictObject({
  workspaceKeyPem: z.string().min(1),
  objects: z.array(sha).max(1_000_000),
  captures: z.array(z.string().min(1)).max(1_000_000),
  /** the digest of the workspace's case claims (casesDigest): the hub says whether it holds them already */
  casesSha256: sha.optional(),
});
export type StatusRequest = z.infer<typeof statusRequestSchema>;

export const statusResponseSchema = z.strictObject({
  missingObjects: z.array(sha),
  knownCaptures: z.array(z.string()),
  custodyHead: z.strictObject({ seq: z.number().int().nonnegative(), hash: sha }),
  /** the hub user the token names, for the pusher's own record */
  user: z.string(),
  /** whether the last case claims this workspace pushed have the digest asked about */
  casesKnown: z.boolean().optional(),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;

export const pushedCaptureSchema = z.strictObject({
  id: z.string().min(1),
  manifestSha256: sha,
  signature: z.string().min(1),
  listing: z.strictObject({ marketplace: z.string(), listingKey: z.string(), url: z.string(), title: z.string().nullable() }).nullable(),
  seller: z.strictObject({ marketplace: z.string(), sellerKey: z.string(), name: z.string().nullable() }).nullable(),
  stamps: z.array(
    z.strictObject({
      authorityUrl: z.string(),
      tokenSha256: sha,
      imprint: sha,
      batchSha256: sha.nullable(),
      nonce: z.string(),
      genTime: z.string(),
      rootPem: z.string(),
    }),
  ),
});
export type PushedCapture = z.infer<typeof pushedCaptureSchema>;

export const pushedCustodySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.string(),
  investigator: z.string(),
  osUser: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  details: z.string(),
  prevHash: sha,
  hash: sha,
  signature: z.string().nullable(),
});

const memberId = z.string().min(1).max(200);
const marketKey = { marketplace: z.string().min(1).max(100), key: z.string().min(1).max(2000) };

/**
 * A case as its workspace holds it: each member by the workspace's own id
 * (as its custody log names it) and by what the hub can match (a seller's or
 * listing's marketplace and key, a capture's id). `members`: added by hand;
 * `captured`: captures made for the case. The whole state, not a change:
 * a member the hub holds that is not here was removed.
 */
export const pushedCaseSchema = z.strictObject({
  id: memberId,
  name: z.string().min(1).max(200),
  reference: z.string().max(200).nullable(),
  createdAt: z.string(),
  members: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('seller'), memberId, ...marketKey }),
        z.strictObject({ kind: z.literal('listing'), memberId, ...marketKey }),
        z.strictObject({ kind: z.literal('capture'), memberId }),
      ]),
    )
    .max(100_000),
  captured: z.array(memberId).max(1_000_000),
});
export type PushedCase = z.infer<typeof pushedCaseSchema>;

export const commitRequestSchema = z.strictObject({
  workspaceKeyPem: z.string().min(1),
  captures: z.array(pushedCaptureSchema),
  custody: z.array(pushedCustodySchema),
  /** absent: the push says nothing of cases (the hub keeps what it has) */
  cases: z.array(pushedCaseSchema).max(10_000).optional(),
});
export type CommitRequest = z.infer<typeof commitRequestSchema>;

export const commitResponseSchema = z.strictObject({
  capturesAdded: z.number().int(),
  custodyAdded: z.number().int(),
  retention: z.string(),
  /** the push's cases: team cases they are in, members added and marked removed */
  cases: z.strictObject({ claimed: z.number().int(), membersAdded: z.number().int(), membersRemoved: z.number().int() }).optional(),
  /** the hub's own custody entry recording this push: its receipt */
  receipt: z.strictObject({ seq: z.number().int().positive(), hash: sha }),
});
export type CommitResponse = z.infer<typeof commitResponseSchema>;

export const errorResponseSchema = z.strictObject({ error: z.string() });

/** The digest of a push's case claims, as both sides compute it: canonical JSON, so the order they were read in is the order hashed. */
export function casesDigest(cases: readonly PushedCase[]): string {
  return sha256Hex(canonicalJson(cases));
}
