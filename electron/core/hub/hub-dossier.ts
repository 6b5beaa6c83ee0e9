import { createPublicKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { FieldState } from '../catalogue/fields.js';
import type { SellerDetail } from '../catalogue/queries.js';
import { letterOf, sealedParts, type DossierModel, type ExhibitModel, type SellerGroup } from '../dossier/model.js';
import { paperFor, writeDossier, type AttachMode, type DossierError, type MadeDossier } from '../dossier/make-dossier.js';
import { safeFileStem } from '../dossier/file-name.js';
import type { DossierLang } from '../dossier/i18n/index.js';
import type { Paper } from '../dossier/render/pdf.js';
import { hubCaseViews, hubViews } from '../store/pg/index.js';
import { BUNDLED_ROOT_PEMS } from '../timestamp/authorities.js';
import { stampOnceFrom, type OneStamp } from '../timestamp/stamper.js';
import type { Authority } from '../workspace/timestamps.js';
import { canonicalJson, type JsonValue } from '../util/canonical-json.js';
import { newId } from '../util/ids.js';
import { err, type Result } from '../util/result.js';
import { parseManifest, type Manifest } from '../workspace/manifest.js';
import { publicKeyFingerprint, verifyEd25519 } from '../workspace/signing-key.js';
import { EXTRACTED_ARTIFACT, parseExtracted } from '../workspace/verify/extraction-checks.js';
import { hubSellerDetail } from './app-listings.js';
import { appendHubCustody } from './custody.js';
import { inHubTransaction, type HubPool } from './db.js';
import { hubSigning, HUB_SIGNER_NAME } from './dossier-identity.js';
import { CORRECTION_ACTION, hubFieldStates } from './hub-extracted.js';
import { HubObjectCorrupt, type HubObjectStore } from './object-store.js';
import { hubStampRecords } from './stamp-records.js';

export interface HubDossierOptions {
  /** the team case: its hub id, name or reference */
  caseRef: string;
  output: string;
  lang: DossierLang;
  attach?: AttachMode;
  paper?: Paper;
  /** the time-stamping authority that stamps the PDF's signature and seals the file (its token checked against the roots the hub trusts); none: the PDF is signed without */
  tsa?: string;
}

export type HubDossierError = { kind: 'no-case'; ref: string } | DossierError;

export function describeHubDossierError(e: HubDossierError): string | null {
  if (e.kind === 'no-case') return `No case ${JSON.stringify(e.ref)} on the team hub (its id, name or reference; the hub's app lists the cases). Nothing was written.`;
  if (e.kind === 'empty') return `${e.what} holds no captures on the hub: there is nothing to put in a dossier. Nothing was written.`;
  if (e.kind === 'evidence-altered') return `${e.detail}. No dossier was written; run exhibit hub verify.`;
  return null;
}

/** Refuses the dossier, naming what is wrong with the evidence. */
class Altered extends Error {}

/**
 * A court-ready dossier of a team case, made from the hub: the captures the
 * case's members bring in (its captures, those of its listings and of its
 * sellers, as a workspace's case dossier takes them), oldest first, from
 * whichever workspace or worker pushed them. Each manifest and every file is
 * read from the hub's store and re-hashed (an altered object refuses the
 * dossier, named), each manifest's signature checked with the key of the
 * workspace that signed it, each time-stamp against the roots the hub
 * trusts. The exhibits keep their own signers: the dossier attaches each
 * key and says which signed which exhibit; the hub signs the dossier
 * manifest and the PDF with its own identity (made on the first hub
 * dossier). Recorded in the hub's custody chain (dossier.made).
 */
export async function makeHubDossier(pool: HubPool, store: HubObjectStore, opts: HubDossierOptions, now = new Date()): Promise<Result<MadeDossier, HubDossierError>> {
  const k = await hubCaseViews.caseHeader(pool, opts.caseRef);
  if (!k) return err({ kind: 'no-case', ref: opts.caseRef });
  const lines = (await hubCaseViews.capturesOfCase(pool, k.id)).sort((a, b) => (a.captured_at === b.captured_at ? (a.id < b.id ? -1 : 1) : a.captured_at < b.captured_at ? -1 : 1));
  if (lines.length === 0) return err({ kind: 'empty', what: `Case ${JSON.stringify(k.name)}` });
  const dir = await fs.mkdtemp(join(tmpdir(), 'exhibit-hub-dossier-'));
  try {
    let model: DossierModel;
    let signing: Awaited<ReturnType<typeof hubSigning>>;
    const actor = `${userInfo().username} (hub administrator)`;
    try {
      model = await hubModel(pool, store, k, lines.map((l) => l.id), dir, now);
      signing = await hubSigning(pool, actor);
    } catch (e) {
      if (e instanceof Altered) return err({ kind: 'evidence-altered', detail: e.message });
      throw e;
    }
    const { key, identity } = signing;
    model.fingerprint = key.fingerprint;
    model.publicKeyPem = key.publicKeyPem;
    model.keyName = HUB_SIGNER_NAME;
    model.signer = { subject: identity.describe().subject, name: identity.describe().displayName, fingerprint: identity.fingerprint };
    const rootsPem = (await hubStampRoots(pool, store, lines[0]!.id, lines[0]!.manifest_sha256)).rootsPem;
    const noAuthority: OneStamp = { ok: false, error: 'no time-stamping authority was named (exhibit hub dossier --tsa URL)' };
    const authority: Authority | null = opts.tsa ? { url: opts.tsa, name: hostOf(opts.tsa), roots: rootsPem, minIntervalMs: 0, addedAt: now.toISOString(), removedAt: null } : null;
    const title = k.reference ? `${k.name} (${k.reference})` : k.name;
    return await writeDossier(
      {
        read: (sha) => store.get(sha),
        authorityRoots: () => Promise.resolve(new Map(model.exhibits.flatMap((x) => (x.timestamp.status === 'stamped' ? x.timestamp.tokens.map((t) => [t.authorityUrl, rootsPem] as const) : [])))),
        pdfRoots: () => Promise.resolve(rootsPem.trim() === '' ? [] : [rootsPem]),
        stamp: (imprint) => (authority ? stampOnceFrom([authority], imprint, { requestTimeoutMs: 10_000 }) : Promise.resolve(noAuthority)),
        identity,
        signManifest: (bytes) => key.sign(bytes),
        record: async (subject, details) => {
          await inHubTransaction(pool, (client) => appendHubCustody(client, { actor, action: 'dossier.made', subject, details: canonicalJson({ ...details, case: { id: String(k.id), name: k.name, reference: k.reference }, signers: keysOf(model) }) }, null));
        },
      },
      model,
      { selection: { kind: 'case', ref: opts.caseRef }, lang: opts.lang, attach: opts.attach ?? 'manifests', paper: opts.paper ?? paperFor({ lang: opts.lang }), output: opts.output },
      { title, subtitle: title, stem: safeFileStem(title) },
      String(k.id),
      now,
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Which key signed which exhibits, as the hub's custody entry records it. */
function keysOf(model: DossierModel): JsonValue {
  const by = new Map<string, string[]>();
  for (const x of model.exhibits) by.set(x.key.fingerprint, [...(by.get(x.key.fingerprint) ?? []), x.number]);
  return [...by].map(([fingerprint, exhibits]) => ({ fingerprint, exhibits }));
}

async function hubStampRoots(pool: HubPool, store: HubObjectStore, captureId: string, manifestSha256: string): Promise<{ rootsPem: string }> {
  const r = await hubStampRecords(pool, store, captureId, manifestSha256);
  return { rootsPem: [r.rootsPem, ...BUNDLED_ROOT_PEMS].filter((p) => p.trim() !== '').join('\n') };
}

/** An object of the hub's store, re-hashed as it is read; an altered or missing one refuses the dossier, named. */
async function getObject(store: HubObjectStore, sha256: string, what: string): Promise<Buffer> {
  try {
    return await store.get(sha256);
  } catch (e) {
    if (e instanceof HubObjectCorrupt) throw new Altered(`${what}: the object ${sha256} in the hub's store no longer hashes to its name (it now hashes to ${e.actual}): it was altered`);
    if ((e as { name?: string }).name === 'NoSuchKey') throw new Altered(`${what}: the object ${sha256} is missing from the hub's store`);
    throw e;
  }
}

async function hubModel(pool: HubPool, store: HubObjectStore, k: { id: number; name: string; reference: string | null }, captureIds: readonly string[], dir: string, now: Date): Promise<DossierModel> {
  const corrections = await hubViews.custodyOfCaptures(pool, captureIds, CORRECTION_ACTION);
  const bySeller = new Map<number | null, ExhibitModel[]>();
  for (const id of captureIds) {
    const line = await hubViews.captureLineById(pool, id);
    if (!line) continue;
    const where = `Capture ${id} (pushed by ${line.pushed_by} from the workspace of ${line.investigator})`;
    const manifestBytes = await getObject(store, line.manifest_sha256, `${where}, its manifest`);
    const parsed = parseManifest(manifestBytes);
    if (!parsed.ok) throw new Altered(`${where}: its manifest cannot be read (${parsed.error})`);
    const m: Manifest = parsed.value;
    // The key as the manifest names it (hex in groups of four); the hub names a workspace by the same hex without spaces.
    const fingerprint = publicKeyFingerprint(createPublicKey(line.public_key_pem));
    if (m.signer.publicKeyFingerprint !== fingerprint || fingerprint.replace(/ /g, '') !== line.workspace) throw new Altered(`${where}: its manifest names key ${m.signer.publicKeyFingerprint}, not the key of the workspace that pushed it (${fingerprint})`);
    if (!verifyEd25519(line.public_key_pem, manifestBytes, Buffer.from(line.signature, 'base64'))) throw new Altered(`${where}: its manifest's signature does not verify with key ${fingerprint}`);
    const stamps = await hubStampRecords(pool, store, id, line.manifest_sha256);
    const bad = stamps.problems[0];
    if (bad) throw new Altered(`${where}: its time-stamp from ${bad.authority} does not verify (${bad.problem})`);
    // Every file the manifest names, re-hashed from the store into a folder of this run: the PDF draws and attaches from there.
    const artifactPaths = new Map<string, string>();
    let fields: FieldState[] = [];
    for (const a of m.artifacts) {
      const bytes = await getObject(store, a.sha256, `${where}, its file ${a.name}`);
      const path = join(dir, a.sha256);
      await fs.writeFile(path, bytes, { flag: 'w', mode: 0o600 });
      artifactPaths.set(a.name, path);
      if (a.name === EXTRACTED_ARTIFACT) fields = hubFieldStates(parseExtracted(bytes.toString('utf8')) ?? null, corrections.filter((e) => e.subject === id));
    }
    const listing = line.listing_id === null ? undefined : await hubViews.listingLineOf(pool, { id: line.listing_id });
    const seller = line.seller_id === null ? undefined : await hubViews.sellerLine(pool, { id: line.seller_id });
    const exhibit: ExhibitModel = {
      number: '',
      captureId: id,
      manifest: m,
      manifestSha256: line.manifest_sha256,
      signature: line.signature,
      listing: listing ? { id: String(listing.id), marketplace: listing.marketplace, listingKey: listing.listing_key, title: listing.title } : null,
      seller: seller ? { id: String(seller.id), marketplace: seller.marketplace, sellerKey: seller.seller_key, displayName: seller.name } : null,
      fields,
      ...sealedParts(m, artifactPaths),
      timestamp: stamps.tokens.length > 0 ? { status: 'stamped', tokens: stamps.tokens } : { status: 'not-stamped' },
      key: { fingerprint, publicKeyPem: line.public_key_pem, name: line.investigator || null },
    };
    bySeller.set(line.seller_id, [...(bySeller.get(line.seller_id) ?? []), exhibit]);
  }

  const groups: SellerGroup[] = [];
  const sellers = await Promise.all([...bySeller.keys()].filter((s): s is number => s !== null).map((s) => sellerDetailOf(pool, s)));
  for (const d of sellers.sort((a, b) => label(a).localeCompare(label(b)))) groups.push({ letter: '', detail: d, exhibits: bySeller.get(Number(d.seller.id))!, traderChanges: [] });
  if (bySeller.has(null)) groups.push({ letter: '', detail: null, exhibits: bySeller.get(null)!, traderChanges: [] });
  groups.forEach((g, i) => {
    g.letter = letterOf(i);
    g.exhibits.forEach((x, j) => (x.number = `${g.letter}-${j + 1}`));
  });
  const exhibits = groups.flatMap((g) => g.exhibits);
  const starts = exhibits.map((x) => x.manifest.startedAt).sort();
  const labels = new Map<string, string>([[String(k.id), `“${k.name}”`]]);
  // What each capture's own workspace logged about it, as the hub holds its chain.
  const logged = await hubViews.custodyAboutCaptures(pool, exhibits.map((x) => x.captureId));
  return {
    id: newId(),
    generatedAt: now,
    caseName: k.name,
    caseReference: k.reference?.trim() ? k.reference.trim() : null,
    groups,
    exhibits,
    timelines: [],
    found: [],
    period: starts.length > 0 ? { from: starts[0]!, to: starts[starts.length - 1]! } : null,
    // The hub is no person: the certification is left for the one who signs it by hand to name themself.
    preparedBy: { investigator: '', organisation: '' },
    custody: logged.map((e) => ({ seq: e.seq, at: e.at, investigator: e.investigator, osUser: e.os_user, action: e.action, subject: e.subject, details: e.details, prevHash: e.prev_hash, hash: e.hash })),
    custodyScope: { kind: 'hub', logs: new Set(logged.map((e) => e.chain)).size },
    chainHead: null,
    labels,
    authorityNames: new Map(exhibits.flatMap((x) => (x.timestamp.status === 'stamped' ? x.timestamp.tokens.map((t) => [t.authorityUrl, t.authorityName] as const) : []))),
    // The hub's key and certificate are put in by makeHubDossier.
    fingerprint: '',
    publicKeyPem: '',
    signer: { subject: '', name: '', fingerprint: '' },
    keyTimestamp: { status: 'not-stamped' },
    linked: [],
  };
}

function label(d: SellerDetail): string {
  return `${d.seller.displayName ?? ''} ${d.seller.marketplace}:${d.seller.sellerKey}`.trim().toLowerCase();
}

/** A seller as the hub knows it: its ids and name, its listings and captures from every workspace (the hub keeps no statuses, tags or merges). */
async function sellerDetailOf(pool: HubPool, id: number): Promise<SellerDetail> {
  const [s, listings, captures] = await Promise.all([hubViews.sellerLine(pool, { id }), hubViews.listingsOfSeller(pool, id), hubViews.capturesOfSeller(pool, id)]);
  if (!s) throw new Error(`seller ${id} is named by a capture but is not in the hub's catalogue`);
  return hubSellerDetail(s, listings, captures);
}
