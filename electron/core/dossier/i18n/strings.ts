import type { PartialReason } from '../../capture/outcome.js';
import type { SellerStatus } from '../../catalogue/sellers.js';
import type { Availability, SourceKind } from '../../extract/types.js';
import type { TraderField } from '../../links/trader-history.js';
import type { JsonValue } from '../../util/canonical-json.js';
import type { Classification, FieldChange } from '../../watch/classify.js';
import type { CustodyAction } from '../../workspace/custody.js';

/** A custody entry's details, as stored (canonical JSON, parsed). */
export type CustodyDetails = { readonly [key: string]: JsonValue | undefined };

/** What the words of a custody entry are made from, in the dossier's language. */
export interface CustodyWordsContext {
  /** who acted: the investigator's name, else the account on the machine */
  actor: string;
  /** the entry's subject as the reader knows it: "A-1 (capture 01J…)", "ebay:1234", a case's name; else its id */
  subject: string;
  /** any id the same way */
  ref: (id: string | null | undefined) => string;
  /** a listing field's name */
  field: (name: string) => string;
  /** a field's value as the dossier prints it (prices the reader's way, availability in words) */
  value: (field: string, v: JsonValue | undefined) => string;
  outcome: (o: string) => string;
  sellerStatus: (s: string) => string;
  /** a time-stamping authority's name, from its URL */
  authority: (url: string) => string;
  /** a takedown programme's name */
  programme: (p: string) => string;
  /** a reason recorded by Exhibit itself, in the dossier's language; a reason typed by a person, as typed */
  reason: (r: string) => string;
  time: (iso: string) => string;
}

/** Every word a dossier prints, in each language it is made in. */
export interface DossierStrings {
  lang: 'en' | 'fr';
  locale: string;
  title: string;
  /** The subject of a dossier of chosen captures. */
  oneCapture: string;
  nCaptures: string;
  subtitleSeller: string;
  subtitleCase: string;
  subtitleCaptures: string;
  cover: {
    case: string;
    sellers: string;
    marketplaces: string;
    period: string;
    preparedBy: string;
    generatedAt: string;
    dossierId: string;
    /** the case's own reference (a docket or file number) */
    caseReference: string;
    /** the workspace key that signed every manifest: its fingerprint */
    signingKey: string;
    /** in a dossier of several keys (a team hub's): the key that signs the dossier manifest, the exhibits' own keys being listed in section 9 */
    manifestKey: string;
    /** the certificate the PDF itself is signed with: its SHA-256 */
    signingCertificate: string;
    exhibits: string;
    confidential: string;
  };
  toc: string;
  sections: {
    cover: string;
    contents: string;
    sellers: string;
    listings: string;
    exhibits: string;
    changes: string;
    method: string;
    custody: string;
    verify: string;
    certification: string;
  };
  seller: {
    names: string;
    ids: string;
    profile: string;
    status: string;
    statusHistory: string;
    listings: string;
    captures: string;
    firstSeen: string;
    lastSeen: string;
    mergedFrom: string;
    notes: string;
    tags: string;
    none: string;
    statuses: Record<SellerStatus, string>;
    /** the trader details its seller pages gave, where they changed from one capture to the next (#20) */
    traderChanges: string;
    traderChangesColumns: { at: string; field: string; before: string; after: string; captures: string };
    traderField: Record<TraderField, string>;
    /** "compared with" an earlier capture */
    comparedWith: string;
  };
  listingsTable: { listing: string; title: string; price: string; seller: string; captures: string; lastSeen: string; none: string };
  /** Seller accounts the evidence links to one operator (#20): a part of the sellers section */
  linked: {
    title: string;
    intro: string;
    operator: string;
    accounts: string;
    strong: string;
    weak: string;
    score: (n: number) => string;
    confirmed: string;
    shared: string;
    value: string;
    seenA: string;
    seenB: string;
    exhibit: string;
    capture: string;
    notInDossier: string;
    mirrored: string;
    kinds: Record<'vat' | 'company' | 'email' | 'phone' | 'chat' | 'website' | 'address' | 'image' | 'text', string>;
  };
  exhibit: {
    exhibit: string;
    url: string;
    finalUrl: string;
    /** the address the page's own script left in its address bar, when it differs from where the document came from */
    documentUrl: string;
    /** why a partial capture is partial */
    partialReasons: string;
    capturedAt: string;
    captureId: string;
    httpStatus: string;
    serverIp: string;
    outcome: string;
    listing: string;
    seller: string;
    screenshot: string;
    screenshotContinued: string;
    screenshotImported: string;
    screenshotNone: string;
    screenshotScale: string;
    fields: string;
    field: string;
    value: string;
    source: string;
    corrected: string;
    extractedWas: string;
    /** under a corrected value: {reason}, {extracted} */
    correctedFormat: string;
    artifacts: string;
    artifactName: string;
    size: string;
    sha256: string;
    manifest: string;
    signature: string;
    /** in a dossier of several keys: the key that signed this exhibit's manifest (its fingerprint), and whose it is */
    signedWithKey: string;
    /** the same, naming whose key it is ({name}: the investigator or worker) */
    signedWithKeyOf: string;
    imported: string;
    partial: string;
    blocked: string;
    /** the note typed when capturing, sealed in the signed manifest */
    note: string;
    /** "{kind}: {detail}", where a value was found */
    sourceFormat: string;
    sourceKinds: Record<SourceKind, string>;
    /** a source's detail where it is words of Exhibit's own ("host ebay.com", "page address"); selectors and paths are printed as recorded */
    sourceDetail: (kind: string, detail: string) => string;
    availability: Record<Availability, string>;
    /** the shipsFrom field where it holds a place (eBay's item location) rather than who ships */
    shipsFromPlace: string;
    /** reasons Exhibit itself records for a correction, in this language (a reason a person typed is printed as typed) */
    knownReasons: Record<string, string>;
    /** the caption band of every screenshot page */
    band: { url: string; captured: string; captureId: string; file: string };
  };
  /** trusted time: the machine's clock, its NTP check, and what a time-stamping authority vouches for */
  time: {
    machineClock: string;
    /** {offset} seconds, {direction} behind/ahead, {server}, {rtt} ms */
    clockChecked: string;
    behind: string;
    ahead: string;
    /** {reason} */
    clockNotChecked: string;
    /** The reason the clock check recorded (in English, as the evidence holds it), in the dossier's language. */
    clockReason: (recorded: string) => string;
    clockUnknown: string;
    /** {offset}, {direction}, {server} */
    clockWarning: string;
    timestamp: string;
    timestampTitle: string;
    /** {time}, {authority}, {serial}, {gap} e.g. "0.4 s after", {file} */
    existed: string;
    /** {amount} */
    gapBefore: string;
    gapAfter: string;
    pending: string;
    none: string;
    /** what a token proves, and no more */
    meaning: string;
    /** {time}, {authority}, {serial} */
    keyStamped: string;
    keyPending: string;
    opensslTitle: string;
    opensslIntro: string;
  };
  fieldNames: Record<string, string>;
  outcomes: Record<string, string>;
  partialReasonLabels: Record<PartialReason, string>;
  /** "How this listing was found": the watched search that found a listing, for listings that came from one */
  found: {
    title: string;
    intro: string;
    /** {listing} */
    listing: string;
    search: string;
    brand: string;
    firstSeen: string;
    resultPage: string;
    /** {n}: the exhibit number */
    exhibitRef: string;
    /** {id}, {sha}: a capture kept in the workspace, not an exhibit of this dossier */
    captureRef: string;
    /** {page}, {position} */
    position: string;
    score: string;
    /** {score} */
    scoreValue: string;
    reasons: string;
    noReason: string;
    decision: string;
    signals: Record<string, string>;
    decisions: Record<string, string>;
  };
  changes: {
    /** when no listing of the dossier has any history after its first capture */
    none: string;
    intro: string[];
    /** the caption of the listings with no history after their first capture */
    onlyFirst: string;
    /** " (exhibit A-1)" after a date */
    exhibitRef: string;
    firstSeen: string;
    lastChecked: string;
    status: string;
    statusValues: { up: string; removed: string; unknown: string };
    removedOn: string;
    reappearedOn: string;
    columns: { at: string; event: string; details: string; exhibit: string };
    events: { firstSeen: string; captured: string; changed: string; removed: string; reappeared: string; reported: string; checks: string };
    /** every field a re-capture compares: a new one must be named in each language */
    fields: Record<FieldChange['field'], string>;
    /** one change: {field}, {before}, {after} */
    change: string;
    /** a passage of a page's visible text: {text} */
    quoted: string;
    /** a field with no value */
    nothing: string;
    images: (n: number) => string;
    /** the price a capture in the dossier shows: {price} */
    price: string;
    /** {share}: "2.4%" */
    screenshotDiff: string;
    screenshotDiffMax: string;
    /** why a listing was called removed, in lower case: it follows a date, or starts a line capitalised */
    byStatus: string;
    /** {matched}: the words of the marketplace's notice */
    byNotice: string;
    /** after a removal or reappearance: how long after which report */
    afterReport: (days: number, reportedOn: string) => string;
    unchanged: (n: number) => string;
    stillRemoved: (n: number) => string;
    blocked: (n: number) => string;
    failed: (n: number) => string;
    /** a report in the events: {platform}, {programme} " (eBay VeRO)" or "", {ref} from reportRef or "" */
    reportedTo: string;
    reportRef: string;
    reports: { title: string; reportedOn: string; platform: string; programme: string; reportId: string; outcome: string };
    programmeOther: string;
    fate: { removed: (days: number) => string; cameBack: (days: number, on: string) => string; stillUp: (lastChecked: string) => string; notChecked: string };
  };
  method: {
    intro: string[];
    tools: string;
    perCapture: string;
    machine: string;
    os: string;
    browser: string;
    userAgent: string;
    viewport: string;
    network: string;
    proxyNone: string;
    profile: string;
    profileClean: string;
    profilePersistent: string;
    timeSource: string;
    timeZone: string;
    investigator: string;
    started: string;
    finished: string;
    ntpYes: string;
    ntpNo: string;
    ntpUnknown: string;
    importedNote: string;
    /** "(dossier generated by {version})" */
    generatedBy: string;
    algorithms: string;
  };
  custody: {
    intro: string;
    /** every entry printed: {n} */
    all: string;
    /** too many to print: {total}, {n} */
    subjectsOnly: string;
    /** a team hub's dossier: what its custody section holds, and how to check it */
    hubIntro: string;
    hubScope: string;
    hubHowTo: string[];
    howToTitle: string;
    howTo: string[];
    seq: string;
    at: string;
    actor: string;
    action: string;
    /** before each entry's hash */
    hash: string;
    head: string;
    /** one phrase for every action the custody log knows */
    words: Record<CustodyAction, (d: CustodyDetails, c: CustodyWordsContext) => string>;
    /** an action this version of Exhibit does not know */
    unknown: (action: string) => string;
    classifications: Record<Classification, string>;
  };
  verify: {
    intro: string[];
    /** the PDF signature: who signed (as the certificate names them); its SHA-256 is printed after */
    pdfSignatureTitle: string;
    pdfSignature: (subject: string) => string[];
    /** the PDF signature's reason, in the signature dictionary */
    /** the PDF signature's reason: the dossier, and who signed it (the investigator, or the team hub) */
    signatureReason: (dossierId: string, signedBy: string) => string;
    fingerprint: string;
    /** in a dossier of several keys (a team hub's): what replaces intro's last paragraph, then one block per key */
    keysIntro: string;
    keyTitle: (n: number, name: string | null) => string;
    /** what a key signed: the dossier manifest, the manifests of these exhibits */
    keySigned: (o: { dossier: boolean; exhibits: readonly string[] }) => string;
    stepsTitle: string;
    steps: string[];
    commands: string;
    exhibitVerify: string;
    attachmentsNone: string;
    attachmentsManifests: string;
    attachmentsAll: string;
  };
  certification: {
    title: string;
    /** the author's particulars, blanks filled in by hand before the statement (art. 202 CPC); none in English */
    identity: string[];
    paragraphs: (who: string, org: string) => string[];
    dossierTitle: string;
    dossierId: string;
    manifest: string;
    bates: string;
    pages: string;
    /** what `exhibit verify` checks, with blanks for when it was run and what it said: the signer swears to nothing not done */
    check: string[];
    checkDate: string;
    checkResult: string;
    closing: string[];
    /** the blanks at the foot: place, date, signature… */
    signature: string[];
    /** what to attach (a copy of an identity document), or null */
    annex: string | null;
  };
  page: (n: number, total: number) => string;
  unattributed: string;
  yes: string;
  no: string;
}
