import { captureFields, type FieldState } from '../catalogue/fields.js';
import { foundBy, type FoundBy } from '../fakes/monitors.js';
import { sellerDetail, type SellerDetail } from '../catalogue/queries.js';
import { PARTIAL_REASONS, type PartialReason } from '../capture/outcome.js';
import type { JsonValue } from '../util/canonical-json.js';
import { computeWorkspaceLinks, type SellerLink } from '../links/store.js';
import { traderDetailsChanges, type TraderDetailsEvent } from '../links/trader-history.js';
import { listingTimeline, type ListingTimeline } from '../watch/timeline.js';
import { cases, dossiers } from '../store/index.js';
import type { CustodyEntry } from '../workspace/custody.js';
import { parseManifest, type Manifest } from '../workspace/manifest.js';
import type { Workspace } from '../workspace/workspace.js';
import { listAuthorities, stampStatus, type StampStatus } from '../workspace/timestamps.js';
import type { Selected } from './selection.js';

/** One capture as the dossier shows it. Screenshots are named by path: the model never holds image data. */
export interface ExhibitModel {
  /** … (the letter is the seller, the number the capture) */
  number: string;
  captureId: string;
  manifest: Manifest;
  manifestSha256: string;
  /** base64 Ed25519 signature of the manifest */
  signature: string;
  listing: { id: string; marketplace: string; listingKey: string; title: string | null } | null;
  seller: { id: string; marketplace: string; sellerKey: string; displayName: string | null } | null;
  fields: FieldState[];
  /** the full-page screenshot: its tiles in order, as files in the object store, each with its SHA-256 */
  screenshot: { tiles: { path: string; name: string; sha256: string }[]; width: number; height: number } | null;
  /** the note typed when capturing, sealed in the signed manifest; null when none was given */
  note: string | null;
  /** where each artifact is in the object store */
  artifactPaths: Map<string, string>;
  mainDocument: { serverIp: string | null; serverPort: number | null; protocol: string | null } | null;
  /** the document's own address at the end of the capture, when it differs from the network's */
  documentUrl: string | null;
  partialReasons: PartialReason[];
  environment: Record<string, JsonValue> | null;
  /** its RFC 3161 time-stamps, or why it has none */
  timestamp: StampStatus;
  /** the Ed25519 key that signed its manifest (the one its manifest names), and whose it is when known */
  key: SignerKey;
}

/** A key that signed manifests: its fingerprint (hex in groups of four), its public half, and the investigator or worker it belongs to. */
export interface SignerKey {
  fingerprint: string;
  publicKeyPem: string;
  name: string | null;
}

/**
 * Every key a dossier holds, the one that signs its dossier manifest first,
 * then those of its exhibits in the order they first appear; each with the
 * exhibits whose manifests it signed. A workspace dossier holds one.
 */
export function dossierKeys(model: Pick<DossierModel, 'fingerprint' | 'publicKeyPem' | 'keyName' | 'exhibits'>): (SignerKey & { exhibits: string[] })[] {
  const keys = new Map<string, SignerKey & { exhibits: string[] }>();
  keys.set(model.fingerprint, { fingerprint: model.fingerprint, publicKeyPem: model.publicKeyPem, name: model.keyName ?? null, exhibits: [] });
  for (const x of model.exhibits) {
    const k = keys.get(x.key.fingerprint) ?? { ...x.key, exhibits: [] };
    if (k.name === null) k.name = x.key.name;
    k.exhibits.push(x.number);
    keys.set(x.key.fingerprint, k);
  }
  return [...keys.values()];
}

export interface SellerGroup {
  letter: string;
  detail: SellerDetail | null;
  exhibits: ExhibitModel[];
  /** where the trader details its seller pages gave changed from one capture to the next */
  traderChanges: TraderDetailsEvent[];
}

export interface DossierModel {
  id: string;
  generatedAt: Date;
  caseName: string | null;
  /** the case's own reference (a docket or file number), when the dossier is a case's and it has one */
  caseReference: string | null;
  groups: SellerGroup[];
  exhibits: ExhibitModel[];
  /** the history of each listing the exhibits show, in the order they first appear */
  timelines: ListingTimeline[];
  /** how the listings that came from a watched search were found */
  found: FoundBy[];
  period: { from: string; to: string } | null;
  preparedBy: { investigator: string; organisation: string };
  /** the custody log up to its head: every entry, or for a very long log those about the dossier's subjects and the workspace */
  custody: CustodyEntry[];
  /** all: the whole log; subjects: those about the dossier's subjects; hub: a team hub's dossier, the entries about its captures from the logs of the workspaces that made them */
  custodyScope: { kind: 'all' } | { kind: 'subjects'; total: number } | { kind: 'hub'; logs: number };
  chainHead: { seq: number; hash: string } | null;
  /** what the custody entries name: a listing, seller or case id → how the reader knows it */
  labels: Map<string, string>;
  /** time-stamping authorities' names by URL (removed ones too: their tokens stay) */
  authorityNames: Map<string, string>;
  /** the key that signs the dossier manifest (a workspace's, which signed its captures too; or the team hub's) */
  fingerprint: string;
  publicKeyPem: string;
  /** whose that key is, when the dossier says it (the hub's) */
  keyName?: string | null;
  /** the certificate the PDF is signed with: its subject, who it names, and its SHA-256 (hex in groups of four) */
  signer: { subject: string; name: string; fingerprint: string };
  /** when a time-stamping authority first saw the workspace key */
  keyTimestamp: StampStatus;
  /** the operators (linked seller accounts) that include a seller of this dossier, with the links between their accounts */
  linked?: LinkedOperator[];
}

export interface LinkedOperator {
  accounts: string[];
  links: SellerLink[];
}

/** Exhibit letters: A…Z, then AA, AB… */
export function letterOf(i: number): string {
  let n = i;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

/**
 * Everything a dossier prints, read from the workspace: each capture's
 * signed manifest (checked to parse; verification is `exhibit verify`'s
 * job), its filing, its fields as extracted and corrected, and the custody
 * entries about it. Captures are grouped by seller, each group in time order.
 * Each listing's history is read here too, so that drawing reads nothing.
 */
export async function buildDossierModel(ws: Workspace, selected: Selected, dossierId: string, generatedAt: Date, signer: DossierModel['signer']): Promise<DossierModel> {
  const exhibitsBySeller = new Map<string | null, ExhibitModel[]>();
  const groupIdOf = new Map<string, string>();
  for (const id of selected.captureIds) {
    const row = await dossiers.exhibitCaptureRow(ws.db, id);
    if (!row) continue;
    const parsed = parseManifest(await ws.store.read(row.manifestSha256));
    if (!parsed.ok) throw new Error(`the manifest of capture ${id} cannot be read (${parsed.error}); run exhibit verify`);
    const m = parsed.value;
    const listing = row.listingId ? ((await dossiers.exhibitListingRow(ws.db, row.listingId)) ?? null) : null;
    const seller = row.sellerId ? ((await dossiers.exhibitSellerRow(ws.db, row.sellerId)) ?? null) : null;
    const group = seller ? (seller.mergedInto ?? seller.id) : null;
    if (seller) groupIdOf.set(seller.id, group!);
    const artifactPaths = new Map(m.artifacts.map((a) => [a.name, ws.store.pathOf(a.sha256)]));
    const exhibit: ExhibitModel = {
      number: '',
      captureId: id,
      manifest: m,
      manifestSha256: row.manifestSha256,
      signature: row.signature,
      listing,
      seller: seller ? { id: seller.id, marketplace: seller.marketplace, sellerKey: seller.sellerKey, displayName: seller.displayName } : null,
      fields: [...(await captureFields(ws.db, id)).values()],
      ...sealedParts(m, artifactPaths),
      timestamp: await stampStatus(ws.db, 'capture', id),
      key: { fingerprint: ws.key.fingerprint, publicKeyPem: ws.key.publicKeyPem, name: null },
    };
    const list = exhibitsBySeller.get(group) ?? [];
    list.push(exhibit);
    exhibitsBySeller.set(group, list);
  }

  const groups: SellerGroup[] = [];
  const sellerIds = [...exhibitsBySeller.keys()].filter((k): k is string => k !== null);
  const details = await Promise.all(sellerIds.map((sid) => sellerDetail(ws.db, sid)));
  const ordered = sellerIds.map((sid, i) => ({ sid, detail: details[i] ?? null })).sort((a, b) => label(a.detail).localeCompare(label(b.detail)));
  for (const { sid, detail } of ordered) groups.push({ letter: '', detail, exhibits: exhibitsBySeller.get(sid)!, traderChanges: await traderDetailsChanges(ws.db, ws.store, sid) });
  if (exhibitsBySeller.has(null)) groups.push({ letter: '', detail: null, exhibits: exhibitsBySeller.get(null)!, traderChanges: [] });
  groups.forEach((g, i) => {
    g.letter = letterOf(i);
    g.exhibits.forEach((x, j) => (x.number = `${g.letter}-${j + 1}`));
  });
  const exhibits = groups.flatMap((g) => g.exhibits);

  const timelines: ListingTimeline[] = [];
  for (const listingId of new Set(exhibits.flatMap((x) => (x.listing ? [x.listing.id] : [])))) {
    const t = await listingTimeline(ws.db, listingId);
    if (t) timelines.push(t);
  }

  const found = await foundBy(ws.db, [...new Map(exhibits.flatMap((x) => (x.listing ? [[x.listing.id, { ...x.listing, url: x.manifest.finalUrl ?? x.manifest.requestedUrl }] as const] : []))).values()]);

  const starts = exhibits.map((x) => x.manifest.startedAt).sort();
  const settings = await ws.settings();
  const subjects = new Set<string>([...exhibits.map((x) => x.captureId)]);
  for (const x of exhibits) {
    if (x.listing) subjects.add(x.listing.id);
    if (x.seller) subjects.add(x.seller.id);
  }
  for (const g of groups) for (const s of [g.detail?.seller, ...(g.detail?.merged ?? [])]) if (s) subjects.add(s.id);
  if (selected.caseId) subjects.add(selected.caseId);
  subjects.add(ws.key.fingerprint.replace(/ /g, ''));
  const { custody, scope, head } = await custodyOf(ws, subjects);
  const labels = new Map<string, string>();
  for (const x of exhibits) {
    if (x.listing) labels.set(x.listing.id, `${x.listing.marketplace}:${x.listing.listingKey}`);
    if (x.seller) labels.set(x.seller.id, `${x.seller.marketplace}:${x.seller.sellerKey}`);
  }
  for (const g of groups) for (const s of [g.detail?.seller, ...(g.detail?.merged ?? [])]) if (s) labels.set(s.id, `${s.marketplace}:${s.sellerKey}`);
  const caseRow = selected.caseId ? await cases.caseNameAndReference(ws.db, selected.caseId) : undefined;
  if (selected.caseId && caseRow) labels.set(selected.caseId, `“${caseRow.name}”`);
  const authorityNames = new Map((await listAuthorities(ws.db, { all: true })).map((a) => [a.url, a.name]));

  return {
    id: dossierId,
    generatedAt,
    caseName: selected.caseName,
    caseReference: caseRow?.reference?.trim() ? caseRow.reference.trim() : null,
    groups,
    exhibits,
    timelines,
    found,
    period: starts.length > 0 ? { from: starts[0]!, to: starts[starts.length - 1]! } : null,
    preparedBy: { investigator: settings.investigator, organisation: settings.organisation },
    custody,
    custodyScope: scope,
    chainHead: head,
    labels,
    authorityNames,
    fingerprint: ws.key.fingerprint,
    signer,
    publicKeyPem: ws.key.publicKeyPem,
    keyTimestamp: await stampStatus(ws.db, 'key', ws.key.fingerprint.replace(/ /g, '')),
    linked: await linkedOperators(ws, groups),
  };
}

/** Past this many entries the dossier prints those about its subjects and the workspace, not the whole log. */
export const CUSTODY_PRINT_LIMIT = 2000;

/**
 * The custody log up to its head, read once: every entry from #1; or, for a
 * log over CUSTODY_PRINT_LIMIT entries, the entries about the dossier's
 * subjects and every workspace-level entry (no subject), in order.
 */
async function custodyOf(ws: Workspace, subjects: ReadonlySet<string>): Promise<{ custody: CustodyEntry[]; scope: DossierModel['custodyScope']; head: { seq: number; hash: string } | null }> {
  const head = (await dossiers.custodyHead(ws.db)) ?? null;
  if (!head) return { custody: [], scope: { kind: 'all' }, head };
  const total = await dossiers.custodyCount(ws.db, head.seq);
  if (total <= CUSTODY_PRINT_LIMIT) return { custody: await dossiers.custodyUpTo(ws.db, head.seq), scope: { kind: 'all' }, head };
  return { custody: await dossiers.custodyAboutUpTo(ws.db, head.seq, subjects), scope: { kind: 'subjects', total }, head };
}

function label(d: SellerDetail | null): string {
  return d ? `${d.seller.displayName ?? ''} ${d.seller.marketplace}:${d.seller.sellerKey}`.trim().toLowerCase() : '\uffff';
}

/** What an exhibit shows of its signed manifest's provenance: the screenshot, the sealed note, the server, the addresses, why it is partial, the machine. */
export function sealedParts(
  m: Manifest,
  artifactPaths: Map<string, string>,
): Pick<ExhibitModel, 'screenshot' | 'note' | 'artifactPaths' | 'mainDocument' | 'documentUrl' | 'partialReasons' | 'environment'> {
  const p = m.provenance as Record<string, JsonValue>;
  return {
    screenshot: screenshotOf(m, artifactPaths),
    note: typeof p.note === 'string' && p.note.trim() !== '' ? p.note : null,
    artifactPaths,
    mainDocument: (p.mainDocument as ExhibitModel['mainDocument']) ?? null,
    documentUrl: documentUrlOf(p.urls),
    partialReasons: m.outcome === 'partial' ? partialReasonsOf(p.partialReasons) : [],
    environment: (p.environment as Record<string, JsonValue> | undefined) ?? null,
  };
}

/** The full-page screenshot's tiles in order, or an imported screenshot, or none (a failed load has none). */
function screenshotOf(m: Manifest, paths: Map<string, string>): ExhibitModel['screenshot'] {
  const sha = new Map(m.artifacts.map((a) => [a.name, a.sha256]));
  const shot = (m.provenance as { screenshot?: { width: number; height: number; tiles: { name: string }[] } | null }).screenshot;
  if (shot && Array.isArray(shot.tiles) && shot.tiles.length > 0) {
    const tiles = shot.tiles.flatMap((t) => (paths.has(t.name) && sha.has(t.name) ? [{ name: t.name, path: paths.get(t.name)!, sha256: sha.get(t.name)! }] : []));
    if (tiles.length === shot.tiles.length) return { tiles, width: shot.width, height: shot.height };
  }
  const full = m.artifacts.filter((a) => a.kind === 'screenshot-full').sort((a, b) => (a.name < b.name ? -1 : 1));
  if (full.length > 0) return { tiles: full.map((a) => ({ name: a.name, path: paths.get(a.name)!, sha256: a.sha256 })), width: 0, height: 0 };
  const imported = m.artifacts.find((a) => a.kind === 'imported-original' && a.mediaType === 'image/png');
  if (imported) return { tiles: [{ name: imported.name, path: paths.get(imported.name)!, sha256: imported.sha256 }], width: 0, height: 0 };
  return null;
}

function documentUrlOf(urls: JsonValue | undefined): string | null {
  const u = urls as { document?: unknown; differ?: unknown } | undefined;
  return u && u.differ === true && typeof u.document === 'string' ? u.document : null;
}

function partialReasonsOf(reasons: JsonValue | undefined): PartialReason[] {
  if (!Array.isArray(reasons)) return [];
  return reasons.flatMap((r) => {
    const reason = (r as { reason?: unknown } | null)?.reason;
    return typeof reason === 'string' && PARTIAL_REASONS.has(reason) ? [reason as PartialReason] : [];
  });
}

/**
 * The operators a seller of the dossier belongs to (strong links and the
 * investigator's confirmations), each with every link between its accounts.
 */
async function linkedOperators(ws: Workspace, groups: readonly SellerGroup[]): Promise<LinkedOperator[]> {
  const inDossier = new Set<string>();
  for (const g of groups) for (const s of [g.detail?.seller, ...(g.detail?.merged ?? [])]) if (s) inDossier.add(s.id);
  if (inDossier.size === 0) return [];
  const r = await computeWorkspaceLinks(ws.db, ws.store);
  if (!r.ok) return [];
  const out: LinkedOperator[] = [];
  r.value.operatorIds.forEach((ids, i) => {
    if (!ids.some((id) => inDossier.has(id))) return;
    const members = new Set(ids);
    out.push({ accounts: r.value.operators[i]!, links: r.value.links.filter((l) => members.has(l.a) && members.has(l.b)) });
  });
  return out;
}
