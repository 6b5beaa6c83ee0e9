import { z } from 'zod';
import { SHA256_PATTERN } from '../util/hash.js';

/** What travels between `exhibit push` and `exhibit hub serve`, parsed on both sides. */
const sha = z.string().regex(SHA256_PATTERN);

export const statusRequestSchema = z.strictObject({
  workspaceKeyPem: z.string().min(1),
  objects: z.array(sha).max(1_000_000),
  captures: z.array(z.string().min(1)).max(1_000_000),
});
export type StatusRequest = z.infer<typeof statusRequestSchema>;

export const statusResponseSchema = z.strictObject({
  missingObjects: z.array(sha),
  knownCaptures: z.array(z.string()),
  custodyHead: z.strictObject({ seq: z.number().int().nonnegative(), hash: sha }),
  /** the hub user the token names, for the pusher's own record */
  user: z.string(),
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

export const commitRequestSchema = z.strictObject({
  workspaceKeyPem: z.string().min(1),
  captures: z.array(pushedCaptureSchema),
  custody: z.array(pushedCustodySchema),
});
export type CommitRequest = z.infer<typeof commitRequestSchema>;

export const commitResponseSchema = z.strictObject({
  capturesAdded: z.number().int(),
  custodyAdded: z.number().int(),
  retention: z.string(),
  /** the hub's own custody entry recording this push: its receipt */
  receipt: z.strictObject({ seq: z.number().int().positive(), hash: sha }),
});
export type CommitResponse = z.infer<typeof commitResponseSchema>;

export const errorResponseSchema = z.strictObject({ error: z.string() });
