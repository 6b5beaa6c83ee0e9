import { z } from 'zod';
import type { CaseDetail } from '../catalogue/case-detail.js';
import type { CaseMember, CaseRow } from '../catalogue/cases.js';
import type { FiledUnderSeller } from '../catalogue/file-under-seller.js';
import { ATTENTION_KINDS, type AttentionRow, type Dashboard } from '../catalogue/dashboard.js';
import type { Correction } from '../catalogue/corrections.js';
import type { FieldState } from '../catalogue/fields.js';
import type { ListingSummary, SellerDetail, SellerSummary } from '../catalogue/queries.js';
import type { ListingScore } from '../fakes/listing-score.js';
import { TRIAGE_DECISIONS } from '../fakes/terms.js';
import type { Decided, QueueItem } from '../fakes/triage.js';
import type { BrowserChoice } from '../capture/browser/find-browser.js';
import type { CaptureNote } from '../catalogue/notes.js';
import type { DossierVerifyReport } from '../dossier/verify-dossier.js';
import type { OperatorView } from '../links/operator.js';
import type { ProfileOffer } from '../links/profile-offer.js';
import type { LinksReport } from '../links/store.js';
import type { SearchResult } from '../search/search.js';
import type { ListingEvidence } from '../takedown/export.js';
import { PROGRAMMES } from '../takedown/reports.js';
import type { RecaptureStatus } from '../watch/scheduler.js';
import type { ListingTimeline, SellerTimeline, TakedownReport } from '../watch/timeline.js';
import { WATCH_TARGETS, type WatchRule } from '../watch/rules.js';
import type { CaptureSummary } from '../workspace/capture-queries.js';
import type { CustodyLine } from '../dossier/custody-lines.js';
import type { DossierCheckResult, DossierRecordView } from '../dossier/dossier-records.js';
import type { Manifest } from '../workspace/manifest.js';
import type { Settings } from '../workspace/settings.js';
import type { HubPushJobStatus } from './long-work.js';
import type { StampStatus } from '../workspace/timestamps.js';
import type { VerifyReport } from '../workspace/verify/report.js';
import type { ScreenshotComparison, ScreenshotLayout } from './viewer-handlers.js';
import type { BatchJobStatus, DossierJobStatus, MadeDossierFile, VerifyJobStatus } from './long-work.js';
import type { CaptureThumbnail } from '../store/ui-views.js';

/*
 * The one API the UI talks to, defined once. Every operation's input is a
 * zod schema, parsed from `unknown` at whichever boundary it crosses (Electron
 * IPC or the loopback HTTP transport); every result is an envelope, because
 * across IPC only data survives, not an Error's class.
 */

const id = z.string().min(1).max(200);
const sellerRef = z.string().min(1).max(400);
const text = (max: number) => z.string().max(max);
/** what a person names: MARKETPLACE:ID or Exhibit's id for a listing or seller, the name or id of a case */
const targetRef = z.strictObject({ kind: z.enum(WATCH_TARGETS), ref: z.string().min(1).max(400) });
const platform = z.string().min(1).max(64);
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'a UTC time written YYYY-MM-DDTHH:MM:SS.sssZ');

const caseMember = z.strictObject({ kind: z.enum(['seller', 'listing', 'capture']), ref: z.string().min(1).max(400) });

const dossierInput = z.strictObject({
  selection: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('seller'), ref: sellerRef }),
    z.strictObject({ kind: z.literal('case'), ref: z.string().min(1).max(200) }),
    z.strictObject({ kind: z.literal('captures'), ids: z.array(id).min(1).max(5000) }),
  ]),
  lang: z.enum(['en', 'fr']),
  attach: z.enum(['none', 'manifests', 'all']),
  bates: z.string().max(20).optional(),
  /** the paper size; by default Letter in English, A4 in French */
  paper: z.enum(['a4', 'letter']).optional(),
});

export const API = {
  'settings.get': z.strictObject({}),
  /** browserPath: the full path of the browser captures use, checked before it is kept; empty: let Exhibit find one */
  /** ntpServers: comma-separated host or host:port the clock is checked against; empty: the defaults; "none": not checked */
  'settings.update': z.strictObject({ investigator: text(200).optional(), organisation: text(200).optional(), browserPath: text(4096).optional(), ntpServers: text(1000).optional() }),
  /** the time-stamping authorities every capture is sent to (as its manifest's SHA-256 only) */
  'tsa.list': z.strictObject({}),
  /** rootPem: a root certificate (PEM) trusted for this authority's tokens; recorded in custody */
  'tsa.add': z.strictObject({ url: z.string().min(1).max(2000), name: text(200).optional(), rootPem: text(200_000).optional() }),
  'tsa.remove': z.strictObject({ url: z.string().min(1).max(2000) }),
  /** stamps what is pending now, and answers when done (bounded) */
  'stamp.run': z.strictObject({}),
  /** where the evidence lives, and the browser captures would use now */
  'workspace.info': z.strictObject({}),
  'cases.list': z.strictObject({}),
  'cases.create': z.strictObject({ name: z.string().min(1).max(200), reference: text(200).optional() }),
  'sellers.list': z.strictObject({ caseId: id.optional(), tag: text(64).optional(), status: z.enum(['active', 'reported', 'removed']).optional(), limit: z.number().int().min(1).max(100_000).optional(), offset: z.number().int().min(0).optional() }),
  'sellers.get': z.strictObject({ ref: sellerRef }),
  'sellers.setStatus': z.strictObject({ ref: sellerRef, status: z.enum(['active', 'reported', 'removed']), note: text(2000).optional() }),
  'listings.list': z.strictObject({ sellerId: id.optional(), limit: z.number().int().min(1).max(100_000).optional() }),
  'captures.get': z.strictObject({ id }),
  /** the investigator's note: a new version of it, kept beside the evidence, never in it; empty text clears it */
  'captures.note.set': z.strictObject({ id, text: text(20_000) }),
  'captures.correct': z.strictObject({ captureId: id, field: z.string().min(1).max(40), value: z.string().min(1).max(10_000), reason: text(2000) }),
  'captures.capture': z.strictObject({ urls: z.array(z.string().max(8000)).min(1).max(1000), caseRef: text(200).optional(), note: text(2000).optional() }),
  /** a page saved elsewhere, by its path on this machine (the desktop app picks it with the system's file dialog) */
  'captures.import': z.strictObject({ path: z.string().min(1).max(4096), url: z.string().min(1).max(8000), caseRef: text(200).optional(), note: text(2000).optional() }),
  search: z.strictObject({ text: z.string().min(1).max(500), limit: z.number().int().min(1).max(1000).optional() }),
  /** pasted addresses captured in the background, concurrency (1–4) at a time; batch.status follows it, batch.cancel stops it within seconds */
  'batch.start': z.strictObject({ urls: z.array(z.string().max(8000)).min(1).max(1000), concurrency: z.number().int().min(1).max(4).optional(), caseRef: text(200).optional(), note: text(2000).optional() }),
  'batch.status': z.strictObject({}),
  'batch.cancel': z.strictObject({}),
  /** the full-page screenshot's layout, for the viewer to ask for its tiles (/tile/CAPTURE/NAME/LEVEL/COL/ROW); null when none was taken */
  'captures.screenshot': z.strictObject({ id }),
  /** two captures' full-page screenshots compared, with where they differ */
  'captures.compare': z.strictObject({ before: id, after: id }),
  'dossier.make': dossierInput,
  /** the same dossier, made in the background: dossier.status follows it, dossier.cancel stops it (no file is left) */
  'dossier.start': dossierInput,
  'dossier.status': z.strictObject({}),
  'dossier.cancel': z.strictObject({}),
  'verify.workspace': z.strictObject({}),
  /** the same verification, in the background: verify.status follows it, verify.cancel stops it (and it is then not OK) */
  'verify.start': z.strictObject({}),
  'verify.status': z.strictObject({}),
  'verify.cancel': z.strictObject({}),
  'verify.dossier': z.strictObject({ dossierId: id }),
  'custody.log': z.strictObject({ subject: id.optional() }),
  'watches.list': z.strictObject({}),
  /** every: daily, weekly, hourly, or e.g. 12h, 3d, 2w */
  'watches.add': z.strictObject({ kind: z.enum(WATCH_TARGETS), ref: z.string().min(1).max(400), every: z.string().min(1).max(40) }),
  'watches.setActive': z.strictObject({ id, active: z.boolean() }),
  /** starts a run in the background and answers at once; recapture.status follows it, recapture.cancel stops it */
  'recapture.run': z.union([z.strictObject({ due: z.literal(true) }), z.strictObject({ targets: z.array(targetRef).min(1).max(100) }), z.strictObject({ rule: z.string().min(1).max(64) })]),
  'recapture.status': z.strictObject({}),
  'recapture.cancel': z.strictObject({}),
  'timeline.listing': z.strictObject({ ref: z.string().min(1).max(400) }),
  'timeline.seller': z.strictObject({ ref: sellerRef }),
  'takedown.add': z.strictObject({
    listing: z.string().min(1).max(400),
    platform,
    /** the platform's own programme when not given */
    programme: z.enum(PROGRAMMES).optional(),
    reportRef: text(200).optional(),
    /** YYYY-MM-DD; today (UTC) when not given */
    reportedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day written YYYY-MM-DD').optional(),
    note: text(2000).optional(),
  }),
  'takedown.list': z.strictObject({ platform: platform.optional() }),
  'takedown.csv': z.strictObject({ platform: platform.optional() }),
  /** all: include the listings already seen removed */
  'takedown.notice': z.strictObject({ platform, all: z.boolean().optional() }),
  /** what needs attention since the last visit */
  'dashboard.get': z.strictObject({}),
  /** the rows behind one count; since and asOf: those the counts were read with (by default the last visit, and now) */
  'dashboard.rows': z.strictObject({ kind: z.enum(ATTENTION_KINDS), since: isoTime.nullable().optional(), asOf: isoTime.optional(), limit: z.number().int().min(1).max(5000).optional(), sellerId: id.optional() }),
  /** marks everything up to asOf (the counts' asOf) seen: a setting, recorded in custody */
  'dashboard.markSeen': z.strictObject({ asOf: isoTime }),
  /** every dossier made in this workspace, newest first, each with its last check */
  'dossiers.list': z.strictObject({}),
  /** checks a dossier's PDF against its record now; the result is kept in custody (dossier.verified) */
  'dossiers.check': z.strictObject({ dossierId: id }),
  /** desktop app only: opens the dossier in the system's reader, or shows it in its folder */
  'dossiers.reveal': z.strictObject({ dossierId: id, how: z.enum(['open', 'folder']) }),
  /** desktop app only: saves a copy of one of a capture's files where the user chooses in the system's save dialog (re-hashed on the way out, recorded in custody); path null when the dialog was cancelled */
  'artifacts.saveCopy': z.strictObject({ captureId: id, name: z.string().min(1).max(200) }),
  /** a case's page, by its id or name: its sellers, listings, captures (filed or not), takedowns and dossiers */
  'cases.get': z.strictObject({ ref: z.string().min(1).max(200) }),
  /** all or none: one unknown member and nothing is added; one already there changes nothing */
  'cases.addMembers': z.strictObject({ ref: z.string().min(1).max(200), members: z.array(caseMember).min(1).max(1000) }),
  /** all or none: each must have been added to the case (a capture made for the case stays in it) */
  'cases.removeMembers': z.strictObject({ ref: z.string().min(1).max(200), members: z.array(caseMember).min(1).max(1000) }),
  /** files a capture under a seller (one in the workspace, or a new MARKETPLACE:ID), recorded as corrections of its marketplace and seller id */
  'captures.file': z.strictObject({ captureId: id, seller: sellerRef, reason: text(2000).optional() }),
  /** on: add the tag, else remove it */
  'sellers.tag': z.strictObject({ ref: sellerRef, tag: z.string().min(1).max(64), on: z.boolean() }),
  'sellers.setNotes': z.strictObject({ ref: sellerRef, notes: text(20_000) }),
  /** ref and those merged into it count under `into` from now on; nothing is rewritten, and sellers.unmerge undoes it */
  'sellers.merge': z.strictObject({ ref: sellerRef, into: sellerRef, reason: text(2000).optional() }),
  'sellers.unmerge': z.strictObject({ ref: sellerRef, reason: text(2000).optional() }),
  /** search results of watched searches, highest score first; all: the decided ones too */
  'triage.queue': z.strictObject({ all: z.boolean().optional() }),
  /** captured listings, each seller's offer scored, highest first */
  'triage.listings': z.strictObject({}),
  /** a decision on a search result, in custody; counterfeit: filed under its seller, on watch, and captured in full if not yet */
  'triage.decide': z.strictObject({ resultId: id, decision: z.enum(TRIAGE_DECISIONS), note: text(2000).optional() }),
  /** the thumbnail of a search result, or the main image of a listing, as its capture recorded it (never fetched again); null when the capture holds none */
  'triage.image': z.strictObject({ kind: z.enum(['result', 'listing']), id }),
  /** seller accounts that may be one operator with this one, each link with the evidence the two share */
  'links.forSeller': z.strictObject({ ref: sellerRef }),
  /** the investigator confirms two accounts are one operator, or rejects the link (never proposed again); a custody entry */
  'links.decide': z.strictObject({ a: sellerRef, b: sellerRef, decision: z.enum(['confirmed', 'rejected']), reason: text(2000).optional() }),
  /** the operator a seller belongs to: its accounts over time (removed, came back), the links between them with their evidence */
  'links.operator': z.strictObject({ ref: sellerRef }),
  /** every operator (strong links, confirmations) and every proposed link, the links list */
  'links.list': z.strictObject({}),
  /** a picture a listing capture showed, as its WARC recorded it (never fetched again), made small; null when the capture holds none */
  'links.image': z.strictObject({ captureId: id, url: z.string().min(1).max(4000) }),
  /** the seller profile page a listing's capture names, and its latest capture if any (capture it with captures.capture) */
  'links.profileOffer': z.strictObject({ captureId: id }),
  /** the team hub this workspace pushes to (its token is never sent back), and the pushes recorded */
  'hub.connection': z.strictObject({}),
  /** enters the hub once: its address and the person's token (kept in the workspace, never in the custody log); no token keeps the one entered */
  'hub.connect': z.strictObject({ url: text(2000), token: text(500).optional() }),
  /** pushes to the hub entered, in the background: hub.pushStatus follows it */
  'hub.pushStart': z.strictObject({}),
  'hub.pushStatus': z.strictObject({}),
} as const;

export type ApiOperation = keyof typeof API;
export type ApiInput<K extends ApiOperation> = z.infer<(typeof API)[K]>;

export interface CaptureView {
  capture: CaptureSummary;
  filing: { listingId: string | null; sellerId: string | null; caseId: string | null };
  manifest: Manifest;
  fields: FieldState[];
  /** with each entry's words, in English and French */
  custody: CustodyLine[];
  /** the full-page screenshot's tiles, in order, to fetch as /artifact/CAPTURE/NAME */
  screenshotTiles: string[];
  /** the investigator's note written since (not evidence); the note given when capturing is manifest.provenance.note */
  note: CaptureNote | null;
  /** its RFC 3161 time-stamps: the tokens received, or pending (queued, not yet stamped), or none (captured before stamping) */
  timestamp: StampStatus;
  /** when this capture was a re-check of a listing or storefront: which, and what it showed (a 404 is filed under no listing, yet re-checked one) */
  recheckOf: { kind: 'listing' | 'storefront'; listingId: string | null; sellerId: string | null; classification: string } | null;
  /** on the team hub: who pushed it, and what the hub found checking it */
  hub?: HubCaptureCheck;
}

export interface WorkspaceInfo {
  dir: string;
  publicKeyFingerprint: string;
  /** the browser a capture started now would use, and where that choice comes from; null with the reason when none */
  browser: BrowserChoice | null;
  browserProblem: string | null;
  /** the key's own time-stamp: when a third party first saw it */
  keyTimestamp: StampStatus;
  /** captures (and the key) still waiting for a time-stamp */
  pendingStamps: number;
  /** present when this is the team hub (`exhibit hub serve`): read-only, the team's evidence, the person signed in */
  hub?: HubSession;
}

/** The team hub as its app shows it: whose session, and how much the team pushed. */
export interface HubSession {
  name: string;
  user: string;
  role: 'investigator' | 'lawyer';
  sellers: number;
  captures: number;
  workspaces: number;
  people: number;
}

/** Who brought a capture to the team hub: the person whose token pushed it, and the workspace (investigator, key) it was made in. */
export interface HubPush {
  pushedBy: string;
  pushedAt: string;
  investigator: string;
  /** the workspace key's fingerprint (hex) */
  workspace: string;
}

/** A capture on a listing's page on the team hub: who pushed it, and the values its signed extracted.json gives (as corrected in its workspace). */
export interface HubListingCapture extends HubPush {
  title: string | null;
  price: string | null;
  currency: string | null;
  availability: string | null;
  /** the seller the page named (its name, else its id) */
  seller: string | null;
  /** which of these values are a correction made in the workspace, not what the page gave */
  corrected: ('title' | 'price' | 'availability' | 'seller')[];
}

/** A capture as the team hub checked it when it was opened: its manifest's signature against its workspace's key, each time-stamp against the hub's roots. */
export interface HubCaptureCheck extends HubPush {
  signature: 'valid' | 'invalid';
  stampProblems: { authority: string; problem: string }[];
}

/** A time-stamping authority as Settings shows it. */
export interface AuthorityView {
  url: string;
  name: string;
  minIntervalMs: number;
  addedAt: string;
  /** roots the investigator added for it (those shipped with Exhibit are not listed) */
  roots: { subject: string; sha256: string }[];
}

export interface StampRunResult {
  stamped: number;
  pending: number;
  failures: { authority: string; error: string }[];
}

export interface CapturedLine {
  id: string;
  requestedUrl: string;
  outcome: string;
  httpStatus: number | null;
  filing: { listingId: string | null; sellerId: string | null; caseId: string | null };
}

/** A takedown report and what became of its listing, for the Takedowns view. */
export interface TakedownLine {
  report: ListingTimeline['reports'][number];
  listing: ListingTimeline['listing'];
  /** the listing now: 'up', 'removed' or 'unknown' */
  listingStatus: ListingTimeline['status'];
  lastChecked: string | null;
  seller: { id: string; marketplace: string; sellerKey: string; displayName: string | null } | null;
  evidence: ListingEvidence | null;
}

/** A seller of a case added by hand and merged since into another: shown, and removable, under the seller it stands under now. */
export interface MergedMember {
  id: string;
  /** MARKETPLACE:ID */
  label: string;
  displayName: string | null;
}

/** On the team hub: one workspace's claim that something is in a case, held or since removed there. */
export interface HubCaseMember {
  kind: 'seller' | 'listing' | 'capture';
  /** the hub's id of the seller or listing, or the capture's id */
  memberId: string;
  /** MARKETPLACE:ID, or the capture's id */
  label: string;
  /** added by hand, or a capture made for the case */
  how: 'added' | 'captured';
  /** the workspace that claimed it: its investigator, its key's fingerprint, its name for the case */
  investigator: string;
  workspace: string;
  caseName: string;
  /** when the workspace added it (its signed custody entry), and the hub user who pushed that */
  addedAt: string;
  addedBy: string;
  /** when the workspace removed it, and who pushed that; null while held */
  removedAt: string | null;
  removedBy: string | null;
}

export type CaseView = Omit<CaseDetail, 'sellers'> & {
  sellers: (CaseDetail['sellers'][number] & { mergedMembers: MergedMember[] })[];
  /** on the team hub: every workspace's member claims, held and removed */
  hubMembers?: HubCaseMember[];
};

export interface ApiOutputs {
  'settings.get': Settings;
  'settings.update': Settings;
  'tsa.list': AuthorityView[];
  'tsa.add': AuthorityView[];
  'tsa.remove': AuthorityView[];
  'stamp.run': StampRunResult;
  'workspace.info': WorkspaceInfo;
  'cases.list': CaseRow[];
  'cases.create': { id: string; name: string };
  'sellers.list': SellerSummary[];
  /** pushes: on the team hub, who pushed each capture */
  'sellers.get': SellerDetail & { thumbnails: Record<string, CaptureThumbnail>; pushes?: Record<string, HubPush> };
  'sellers.setStatus': { ok: true };
  'listings.list': ListingSummary[];
  'captures.get': CaptureView;
  'captures.note.set': CaptureNote;
  'captures.correct': Correction;
  'captures.capture': CapturedLine[];
  'captures.import': CapturedLine & { kind: 'html' | 'mhtml' | 'screenshot' };
  search: SearchResult;
  'batch.start': BatchJobStatus;
  'batch.status': BatchJobStatus;
  'batch.cancel': BatchJobStatus;
  'captures.screenshot': ScreenshotLayout | null;
  'captures.compare': ScreenshotComparison;
  'dossier.make': MadeDossierFile;
  'dossier.start': DossierJobStatus;
  'dossier.status': DossierJobStatus;
  'dossier.cancel': DossierJobStatus;
  'verify.workspace': VerifyReport;
  'verify.start': VerifyJobStatus;
  'verify.status': VerifyJobStatus;
  'verify.cancel': VerifyJobStatus;
  'verify.dossier': DossierVerifyReport;
  'custody.log': CustodyLine[];
  'watches.list': WatchRule[];
  'watches.add': WatchRule;
  'watches.setActive': WatchRule;
  'recapture.run': RecaptureStatus;
  'recapture.status': RecaptureStatus;
  'recapture.cancel': RecaptureStatus;
  /** hub: on the team hub, each capture's values and who pushed it */
  'timeline.listing': ListingTimeline & { hub?: Record<string, HubListingCapture> };
  'timeline.seller': SellerTimeline;
  'takedown.add': TakedownReport;
  'takedown.list': TakedownLine[];
  'takedown.csv': { fileName: string; text: string; rows: number };
  'takedown.notice': { platform: string; text: string };
  'dashboard.get': Dashboard;
  'dashboard.rows': (AttentionRow & { sellerName: string | null })[];
  'dashboard.markSeen': Dashboard;
  'dossiers.list': DossierRecordView[];
  'dossiers.check': DossierCheckResult;
  'dossiers.reveal': { path: string };
  'artifacts.saveCopy': { path: string | null };
  'cases.get': CaseView;
  'cases.addMembers': { caseId: string; added: (CaseMember & { memberId: string; added: boolean })[] };
  'cases.removeMembers': { caseId: string; removed: (CaseMember & { memberId: string })[] };
  'captures.file': FiledUnderSeller;
  'sellers.tag': SellerDetail;
  'sellers.setNotes': SellerDetail;
  'sellers.merge': SellerMergeView;
  'sellers.unmerge': SellerMergeView;
  'triage.queue': QueueItem[];
  'triage.listings': ListingScore[];
  'triage.decide': Decided & { capturing: 'started' | 'queued' | null };
  'triage.image': { dataUrl: string; captureId: string; url: string } | null;
  'links.forSeller': LinksReport;
  'links.decide': { seq: number; a: string; b: string; decision: 'confirmed' | 'rejected' };
  'links.operator': OperatorView;
  'links.list': LinksReport;
  'links.image': { dataUrl: string; width: number; height: number; captureId: string; url: string } | null;
  'links.profileOffer': ProfileOffer | null;
  'hub.connection': HubConnectionView;
  'hub.connect': HubConnectionView;
  'hub.pushStart': HubPushJobStatus;
  'hub.pushStatus': HubPushJobStatus;
}

/** The team hub as the settings show it: never its token. */
export interface HubConnectionView {
  url: string | null;
  tokenSet: boolean;
  /** the pushes this workspace recorded, newest first */
  pushes: { custodySeq: number; at: string; hubUrl: string; hubUser: string; captures: number; objectsSent: number; receiptSeq: number }[];
}

/** A merge or its undoing, as the seller page reports it. */
export interface SellerMergeView {
  mergeId: string;
  absorbed: { id: string; label: string };
  into: { id: string; label: string };
  members: string[];
}

/** An expected failure, said so a person can act on it. */
export interface ApiError {
  kind: 'invalid-input' | 'not-found' | 'refused' | 'failed';
  message: string;
}

export type ApiResponse<K extends ApiOperation> = { ok: true; value: ApiOutputs[K] } | { ok: false; error: ApiError };

export function isApiOperation(op: string): op is ApiOperation {
  return Object.hasOwn(API, op);
}
