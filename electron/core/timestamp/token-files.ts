import { z } from 'zod';
import { sha256Hex } from '../util/hash.js';
import type { ObjectStore } from '../workspace/object-store.js';
import type { TimestampRecord } from '../workspace/timestamps.js';
import { BATCH_FORMAT } from './stamper.js';
import { trustedRootsFor } from './trust.js';
import { verifyTimeStampResponse } from './verify-token.js';

/**
 * A capture's time-stamp tokens as files that travel with it (an exported
 * folder, a dossier's attachments): each TimeStampResp as received
 * (timestamp-N.tsr), the digest list it stamps when several captures were
 * stamped together (timestamp-N.list.json), and timestamps.json describing
 * them, so `openssl ts -verify` can check each with nothing else.
 */
export const tokenIndexSchema = z.object({
  format: z.literal('exhibit.timestamps'),
  formatVersion: z.literal(1),
  /** the SHA-256 the tokens vouch for: the signed manifest's */
  manifestSha256: z.string(),
  tokens: z.array(
    z.object({
      file: z.string(),
      authority: z.string(),
      authorityUrl: z.string(),
      genTime: z.string(),
      serial: z.string(),
      nonce: z.string(),
      /** what the token stamps: manifestSha256 itself, or the SHA-256 of listFile */
      imprint: z.string(),
      listFile: z.string().nullable(),
    }),
  ),
});
export type TokenIndex = z.infer<typeof tokenIndexSchema>;

export interface TokenFile {
  name: string;
  bytes: Buffer;
}

/** The files for a capture's tokens, read from the store; the index names them. */
export async function tokenFiles(store: Pick<ObjectStore, 'read'>, manifestSha256: string, tokens: readonly TimestampRecord[]): Promise<{ files: TokenFile[]; index: TokenIndex }> {
  const files: TokenFile[] = [];
  const index: TokenIndex = { format: 'exhibit.timestamps', formatVersion: 1, manifestSha256, tokens: [] };
  for (const t of tokens) {
    const base = t.name.replace(/\.tsr$/, '');
    files.push({ name: t.name, bytes: await store.read(t.tokenSha256) });
    let listFile: string | null = null;
    if (t.batchSha256) {
      listFile = `${base}.list.json`;
      files.push({ name: listFile, bytes: await store.read(t.batchSha256) });
    }
    index.tokens.push({ file: t.name, authority: t.authorityName, authorityUrl: t.authorityUrl, genTime: t.genTime, serial: t.serial, nonce: t.nonce, imprint: t.imprint, listFile });
  }
  return { files, index };
}

/** The key of authorityRoots (checkTokenFiles) whose roots are trusted for every authority: those the person checking names (exhibit verify --tsa-roots FILE). */
export const ANY_AUTHORITY = '*';

/** The commands that check each token with OpenSSL alone (ROOT: the authority's root certificate). */
export function opensslCommands(index: TokenIndex, rootFile = 'tsa-root.pem'): string[] {
  return index.tokens.map((t) =>
    t.listFile
      ? `openssl ts -verify -in ${t.file} -data ${t.listFile} -CAfile ${rootFile}   # then: grep ${index.manifestSha256} ${t.listFile}`
      : `openssl ts -verify -in ${t.file} -digest ${index.manifestSha256} -CAfile ${rootFile}`,
  );
}

export interface TokenCheck {
  file: string;
  authority: string;
  genTime: string;
  serial: string;
  problem: string | null;
}

/**
 * Checks travelling tokens against the manifest they vouch for: each file is
 * there, stamps the manifest (or a digest list naming it), carries the nonce
 * recorded, is signed by an authority allowed to time-stamp, and chains to a
 * trusted root (shipped with Exhibit, or given for its authority).
 */
export async function checkTokenFiles(index: TokenIndex, manifestSha256: string, read: (name: string) => Promise<Buffer | null>, authorityRoots: ReadonlyMap<string, string> = new Map()): Promise<TokenCheck[]> {
  const out: TokenCheck[] = [];
  for (const t of index.tokens) {
    const check: TokenCheck = { file: t.file, authority: t.authority, genTime: t.genTime, serial: t.serial, problem: null };
    out.push(check);
    if (index.manifestSha256 !== manifestSha256) {
      check.problem = `it belongs to another capture: it vouches for manifest ${index.manifestSha256.slice(0, 12)}…, this capture's is ${manifestSha256.slice(0, 12)}…`;
      continue;
    }
    if (t.listFile) {
      const list = await read(t.listFile);
      if (!list) {
        check.problem = `${t.listFile}, the digest list it stamps, is missing`;
        continue;
      }
      if (sha256Hex(list) !== t.imprint) {
        check.problem = `${t.listFile} was altered: it no longer hashes to what the token stamps`;
        continue;
      }
      if (!listNames(list, manifestSha256)) {
        check.problem = `${t.listFile} does not name this capture's manifest`;
        continue;
      }
    } else if (t.imprint !== manifestSha256) {
      check.problem = 'it stamps another document than this capture’s manifest';
      continue;
    }
    const token = await read(t.file);
    if (!token) {
      check.problem = 'the token file is missing';
      continue;
    }
    const roots = trustedRootsFor(`${authorityRoots.get(t.authorityUrl) ?? ''}${authorityRoots.get(ANY_AUTHORITY) ?? ''}`, token);
    const r = await verifyTimeStampResponse(token, { imprintHex: t.imprint, nonce: t.nonce, roots });
    if (!r.ok) {
      check.problem = `${r.error.message} (${r.error.kind})`;
      continue;
    }
    if (r.value.genTime !== t.genTime || r.value.serial !== t.serial) {
      check.problem = `the token says ${r.value.genTime}, serial ${r.value.serial}; its description says ${t.genTime}, serial ${t.serial}`;
    }
  }
  return out;
}

function listNames(list: Buffer, sha256: string): boolean {
  try {
    const parsed = z.object({ format: z.literal(BATCH_FORMAT), imprints: z.array(z.object({ sha256: z.string() })) }).safeParse(JSON.parse(list.toString('utf8')));
    return parsed.success && parsed.data.imprints.some((i) => i.sha256 === sha256);
  } catch {
    return false;
  }
}
