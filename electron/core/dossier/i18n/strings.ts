import type { FieldChange } from '../../watch/classify.js';

/** Every word a dossier prints, in each language it is made in. */
export interface DossierStrings {
  lang: 'en' | 'fr';
  locale: string;
  title: string;
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
  };
  listingsTable: { listing: string; title: string; price: string; seller: string; captures: string; lastSeen: string };
  exhibit: {
    exhibit: string;
    url: string;
    finalUrl: string;
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
    artifacts: string;
    artifactName: string;
    size: string;
    sha256: string;
    manifest: string;
    signature: string;
    imported: string;
    partial: string;
    blocked: string;
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
  };
  custody: { intro: string; seq: string; at: string; actor: string; action: string; subject: string; head: string; entries: string; truncated: string };
  verify: {
    intro: string[];
    fingerprint: string;
    stepsTitle: string;
    steps: string[];
    commands: string;
    exhibitVerify: string;
    attachmentsNone: string;
    attachmentsManifests: string;
    attachmentsAll: string;
  };
  certification: { title: string; paragraphs: (who: string, org: string) => string[]; name: string; title2: string; date: string; place: string; signature: string };
  page: (n: number, total: number) => string;
  unattributed: string;
  yes: string;
  no: string;
}
