import { clip, interval, list, num, obj, str } from './details.js';
import type { CustodyDetails, CustodyWordsContext, DossierStrings } from './strings.js';
import { fieldNamesIn } from '../../terms/field-names.js';
import { traderFieldNamesIn } from '../../terms/trader-fields.js';

export const en: DossierStrings = {
  lang: 'en',
  locale: 'en-GB',
  title: 'Evidence Dossier',
  oneCapture: '1 capture',
  nCaptures: '{n} captures',
  subtitleSeller: 'Online marketplace listings of one seller',
  subtitleCase: 'Online marketplace listings',
  subtitleCaptures: 'Captured web pages',
  cover: {
    case: 'Case',
    sellers: 'Seller(s)',
    marketplaces: 'Marketplace(s)',
    period: 'Period covered',
    preparedBy: 'Prepared by',
    generatedAt: 'Generated',
    dossierId: 'Dossier ID',
    caseReference: 'Case reference',
    signingKey: 'Workspace signing key (SHA-256 fingerprint)',
    manifestKey: 'Dossier manifest signing key (SHA-256 fingerprint; each exhibit\'s key: section 9)',
    signingCertificate: 'PDF signature certificate (SHA-256)',
    exhibits: 'Exhibits',
    confidential: 'Every exhibit in this dossier was captured, hashed and signed by Exhibit at the time of capture. Section 9 explains how to check that nothing has changed since.',
  },
  toc: 'Contents',
  sections: {
    cover: 'Cover',
    contents: 'Contents',
    sellers: 'Seller summary',
    listings: 'Listings',
    exhibits: 'Exhibits',
    changes: 'Changes over time',
    method: 'Method and environment',
    custody: 'Chain of custody',
    verify: 'How to verify this dossier',
    certification: 'Certification',
  },
  seller: {
    names: 'Names seen',
    ids: 'Seller IDs',
    profile: 'Profile',
    status: 'Status',
    statusHistory: 'Status history',
    listings: 'Listings',
    captures: 'Captures',
    firstSeen: 'First seen',
    lastSeen: 'Last seen',
    mergedFrom: 'Accounts treated as the same operator',
    notes: 'Notes',
    tags: 'Tags',
    none: 'none',
    statuses: { active: 'active', reported: 'reported', removed: 'removed' },
    traderChanges: 'Trader details changed',
    traderChangesColumns: { at: 'UTC', field: 'Field', before: 'Before', after: 'After', captures: 'Captures' },
    traderField: traderFieldNamesIn('en'),
    comparedWith: 'compared with',
  },
  listingsTable: { listing: 'Listing', title: 'Title', price: 'Price', seller: 'Seller', captures: 'Captures', lastSeen: 'Last seen', none: 'No capture in this dossier was identified as a marketplace listing.' },
  linked: {
    title: 'Linked accounts',
    intro: 'Seller accounts that the evidence links to one operator: accounts sharing a registration number, phone, e-mail or chat handle, or several weaker items together (strong links), and those the investigator confirmed as one operator. Each shared item is shown where it was seen: the exhibit (or capture), the file and the field, as the page wrote it.',
    operator: 'Operator',
    accounts: 'Accounts',
    strong: 'strong link',
    weak: 'weak link',
    score: (n) => `score ${n}`,
    confirmed: 'confirmed by the investigator',
    shared: 'Shared',
    value: 'Value',
    seenA: 'Seen on the first account',
    seenB: 'Seen on the second account',
    exhibit: 'Exhibit',
    capture: 'capture',
    notInDossier: 'not in this dossier',
    mirrored: 'mirrored copy',
    kinds: { vat: 'VAT number', company: 'Company number', email: 'E-mail', phone: 'Phone', chat: 'Chat handle', website: 'Web site', address: 'Address', image: 'Picture', text: 'Listing text' },
  },
  exhibit: {
    exhibit: 'Exhibit',
    url: 'Requested URL',
    finalUrl: 'Final URL',
    documentUrl: 'Address the page showed (its script can rewrite it)',
    partialReasons: 'Why partial',
    capturedAt: 'Captured',
    captureId: 'Capture ID',
    httpStatus: 'HTTP status',
    serverIp: 'Server IP',
    outcome: 'Outcome',
    listing: 'Listing',
    seller: 'Seller',
    screenshot: 'Full-page screenshot',
    screenshotContinued: 'Full-page screenshot, continued',
    screenshotImported: "No screenshot: this is an imported file (see its attachment or the workspace).",
    screenshotNone: 'No screenshot: the page could not be captured (see the outcome above).',
    screenshotScale: 'Shown at {scale}% of its captured size ({width} × {height} px); pixels {from}–{to} of {height}.',
    fields: 'Extracted listing fields',
    field: 'Field',
    value: 'Value',
    source: 'Found in',
    corrected: 'corrected by the investigator',
    extractedWas: 'extracted value',
    correctedFormat: 'corrected by the investigator: {reason}; extracted value: {extracted}',
    artifacts: 'Artifacts and their SHA-256 hashes',
    artifactName: 'File',
    size: 'Size',
    sha256: 'SHA-256',
    manifest: 'Signed manifest (manifest.json)',
    signature: 'Ed25519 signature of the manifest',
    signedWithKey: 'Manifest signed with the key whose SHA-256 fingerprint is:',
    signedWithKeyOf: 'Manifest signed with the key of {name}, whose SHA-256 fingerprint is:',
    imported: 'Imported, not captured by Exhibit: this page was saved by other means and brought into Exhibit, which hashed and signed it on import.',
    partial: 'Captured in part',
    blocked: 'Blocked page: a captcha, robot check or login wall was shown instead of the listing.',
    note: 'Note recorded at capture (part of the signed evidence)',
    sourceFormat: '{kind}: {detail}',
    sourceKinds: {
      'json-ld': 'structured data (JSON-LD)',
      microdata: 'structured data (microdata)',
      meta: 'meta tag',
      canonical: 'canonical link',
      selector: 'page element',
      url: 'page address',
      script: 'script data',
    },
    sourceDetail: (_kind, detail) => detail,
    availability: { 'in-stock': 'in stock', 'out-of-stock': 'out of stock', preorder: 'pre-order', limited: 'limited stock', discontinued: 'discontinued', unknown: 'unknown' },
    shipsFromPlace: 'Item location',
    knownReasons: {},
    band: { url: 'URL', captured: 'Captured', captureId: 'Capture ID', file: 'SHA-256 of {name}' },
  },
  time: {
    machineClock: 'Machine clock',
    clockChecked: '{offset} s {direction} NTP server {server} (round trip {rtt} ms), checked when the capture session began',
    behind: 'behind',
    ahead: 'ahead of',
    clockNotChecked: 'not checked against NTP: {reason}',
    clockReason: (recorded) => recorded,
    clockUnknown: 'not checked against NTP (captured before Exhibit checked the clock)',
    clockWarning: "Warning: when this capture session began, the capturing machine's clock was {offset} s {direction} NTP server {server}. The times read from that clock are off by about as much; the time-stamp below does not depend on it.",
    timestamp: 'Time-stamp',
    timestampTitle: 'Time-stamps (RFC 3161)',
    existed: 'The signed manifest existed no later than {time} — {authority}, serial {serial}; {gap} the machine\'s finish time (file {file})',
    gapBefore: '{amount} before',
    gapAfter: '{amount} after',
    pending: 'Time-stamp pending: no time-stamping authority could be reached when this capture was made; it is queued and stamped when one can be.',
    none: 'None: captured before Exhibit time-stamped captures.',
    meaning:
      'A time-stamp token is issued by an independent time-stamping authority (RFC 3161). It proves that the signed manifest, and so every file whose SHA-256 it lists, existed no later than the time the authority gives; it says nothing about how much earlier. The capturing machine\'s own clock is shown beside it, with the gap between the two.',
    keyStamped: 'The workspace key was first time-stamped: it existed no later than {time} ({authority}, serial {serial}).',
    keyPending: 'The workspace key has not yet been time-stamped (pending).',
    opensslTitle: 'Checking a time-stamp with OpenSSL alone',
    opensslIntro:
      'Each exhibit\'s time-stamp tokens are attached to this PDF (A-1_timestamp-1.tsr…), with tsa-roots.pem, the root certificates they chain to (compare their SHA-256 fingerprints with those the authority publishes). Save the attachments, then for each token:',
  },
  fieldNames: fieldNamesIn('en'),
  outcomes: {
    complete: 'captured completely',
    partial: 'captured in part',
    blocked: 'blocked (captcha or robot check)',
    'not-found': 'not found (HTTP 404)',
    gone: 'removed (HTTP 410)',
    'http-error': 'HTTP error',
    'server-error': 'server error (5xx)',
    'dns-failure': 'host name not found',
    'connection-refused': 'connection refused',
    'tls-error': 'TLS certificate rejected',
    'redirect-loop': 'redirect loop',
    'network-error': 'network error',
    download: 'a download, not a page',
    imported: 'imported, not captured by Exhibit',
  },
  partialReasonLabels: {
    'step-incomplete': 'a step ran out of time or failed',
    deadline: "the capture's deadline passed; what was gathered by then was sealed",
    unresponsive: 'the page stopped answering (a script that never yields)',
    'script-stopped': 'a script that never yielded was stopped so the page could be captured',
    'renderer-crashed': 'the page crashed the browser tab (out of memory or too deep)',
    'too-large': 'the page is larger than a capture keeps; the excess is noted, not kept',
    'empty-page': 'the server answered, but the page is empty',
    cancelled: 'the investigator cancelled the capture while it ran; what was gathered by then was sealed',
  },
  found: {
    title: 'How the listings were found',
    intro:
      'These listings were found by a watched marketplace search: Exhibit captured its result pages as evidence, read each result, and gave it a suspicion score, a weighted sum of the signals listed with what was seen. The score points an investigator to a listing; it proves nothing by itself.',
    listing: 'Listing {listing}',
    search: 'Search',
    brand: 'For the brand',
    firstSeen: 'First found',
    resultPage: 'Result page captured',
    exhibitRef: 'exhibit {n}',
    captureRef: 'capture {id} (kept in the workspace; manifest SHA-256 {sha})',
    position: 'page {page}, result {position}',
    score: 'Suspicion score',
    scoreValue: '{score} of 100',
    reasons: 'Reasons',
    noReason: 'no signal',
    decision: 'Triage decision',
    signals: {
      'price-low': 'Price far under the catalogue retail price',
      'replica-words': 'Replica words in the title or text',
      'official-image': 'An official image reused',
      'unauthorised-brand': 'Brand name from a seller not authorised',
      'seller-signals': 'Seller signals',
      'removed-before': 'A listing of this seller already removed',
    },
    decisions: { counterfeit: 'counterfeit', genuine: 'genuine', 'test-buy': 'needs a test buy' },
  },
  changes: {
    none: 'No listing in this dossier was captured or checked again after its first capture, or reported to its marketplace.',
    intro: [
      'For each listing in this dossier: when it was first seen and last checked, what each later capture showed against the last capture that showed the listing, when it was removed or reappeared, and the takedown reports made about it.',
      "A change is a change of price, title, seller, availability or images (counted, not reproduced), given with its value before and after. The share of the full-page screenshot that differs is given for information only: marketplace pages change banners and recommendations on every load. A listing is called removed only on evidence: an HTTP 404 or 410 response, or the marketplace's own notice; a blocked or failed check says nothing about it. Re-checks that found nothing changed are counted, not listed. A capture that is not an exhibit of this dossier is named by its capture ID: it is kept in the workspace, with its custody entries.",
    ],
    onlyFirst: 'Listings seen once, not captured or checked again since',
    exhibitRef: ' (exhibit {n})',
    firstSeen: 'First seen',
    lastChecked: 'Last checked',
    status: 'Status',
    statusValues: { up: 'online at the last check', removed: 'removed at the last check', unknown: 'unknown: no check showed the listing or its removal' },
    removedOn: 'Removed on',
    reappearedOn: 'Reappeared on',
    columns: { at: 'Date (UTC)', event: 'Event', details: 'Details', exhibit: 'Exhibit or capture' },
    events: { firstSeen: 'First seen', captured: 'Captured again', changed: 'Changed', removed: 'Removed', reappeared: 'Reappeared', reported: 'Reported', checks: 'Re-checks' },
    fields: { price: 'Price', title: 'Title', seller: 'Seller', availability: 'Availability', images: 'Images', listing: 'Listing shown', text: 'Visible text' },
    change: '{field}: {before} → {after}',
    quoted: '“{text}”',
    nothing: '(none)',
    images: (n) => (n === 1 ? '1 image' : `${n} images`),
    price: 'Price: {price}',
    screenshotDiff: '{share} of the screenshot differs',
    screenshotDiffMax: 'At most {share} of the screenshot differs',
    byStatus: 'the page answered HTTP {status}',
    byNotice: "the page shows the marketplace's notice “{matched}”",
    afterReport: (days, on) => (days === 0 ? `The same day as the report of ${on}` : `${dayCount(days)} after the report of ${on}`),
    unchanged: (n) => (n === 1 ? 'Checked once, unchanged' : `Checked ${n} times, unchanged`),
    stillRemoved: (n) => (n === 1 ? 'Checked once, still removed' : `Checked ${n} times, still removed`),
    blocked: (n) => `${n} ${n === 1 ? 'check' : 'checks'} blocked (captcha or robot check)`,
    failed: (n) => `${n} ${n === 1 ? 'check' : 'checks'} failed (network or server error)`,
    reportedTo: 'To {platform}{programme}{ref}',
    reportRef: ', report {ref}',
    reports: { title: 'Takedown reports', reportedOn: 'Reported on', platform: 'Platform', programme: 'Programme', reportId: 'Report ID', outcome: 'What became of it' },
    programmeOther: 'other',
    fate: {
      removed: (days) => removedAfter(days),
      cameBack: (days, on) => `${removedAfter(days)}; came back on ${on}`,
      stillUp: (last) => `still up at the last check (${last})`,
      notChecked: 'not checked since the report',
    },
  },
  method: {
    intro: [
      'Each page was captured by Exhibit in a Chromium browser controlled through the Chrome DevTools Protocol. For each capture Exhibit loads the address, waits for the page to load, scrolls through it so that content loaded on demand appears, waits for the network to fall quiet (within fixed time limits), and then records: a full-page screenshot, a screenshot of the visible window, an MHTML archive, a WARC file of every request and response with the server address of each, the rendered page and the document as received, the visible text, a network log (HAR), the TLS certificate chain, the redirect chain and the environment described below.',
      'Every file is hashed with SHA-256 as it is stored. The list of files and their hashes (the manifest) is written in canonical JSON and signed with the workspace\'s Ed25519 key. The capture, its files and a custody-log entry are recorded together in one database transaction; the custody log is append-only and each entry carries the hash of the one before it.',
      'The environment of each capture is set out below after the prerequisites of the French standard NF Z67-147 for statements of findings on the internet: the machine and operating system, the browser, the network connection and any proxy, the state of the browser profile (a fresh profile with empty cache, cookies and storage, unless stated), and the time source.',
    ],
    tools: 'Tools and versions',
    perCapture: 'Environment of each capture',
    machine: 'Machine',
    os: 'Operating system',
    browser: 'Browser',
    userAgent: 'User agent',
    viewport: 'Window',
    network: 'Network',
    proxyNone: 'direct connection, no proxy',
    profile: 'Browser profile',
    profileClean: 'fresh profile: empty cache, no cookies, no storage',
    profilePersistent: 'persistent profile "{name}": cookies and logins kept between captures',
    timeSource: 'Time source',
    timeZone: 'Time zone',
    investigator: 'Investigator',
    started: 'Started',
    finished: 'Finished',
    ntpYes: 'system clock, synchronised with a network time server',
    ntpNo: 'system clock, not synchronised with a network time server',
    ntpUnknown: 'system clock (synchronisation not known)',
    importedNote: 'imported file: no capture environment (see the exhibit)',
    generatedBy: '(dossier generated by {version})',
    algorithms: 'Ed25519 (RFC 8032); SHA-256 (FIPS 180-4); canonical JSON (RFC 8785)',
  },
  custody: {
    intro: "The workspace's custody log records, as it happens, every event that touches the evidence: each entry is numbered, dated, names who acted, and carries the hash of the entry before it, so that an entry cannot be changed, removed or slipped in without breaking every hash after it.",
    all: 'All {n} entries of the log are printed, from #1 to the head of the chain when this dossier was made.',
    subjectsOnly: 'The log holds {total} entries, too many to print in full: printed here are the {n} entries about the captures, listings, sellers and case in this dossier, and every entry about the workspace itself (its creation, settings, time-stamping authorities, key and verifications). The numbers that are missing belong to other matters; the whole log is in the workspace.',
    hubIntro:
      "Each workspace or worker keeps its own custody log, recording as it happens every event that touches its evidence: each entry numbered, dated, naming who acted, and carrying the hash of the entry before it. The team hub holds each log as it was pushed, signed by the workspace's key.",
    hubScope: 'Printed here are the {n} entries about the captures in this dossier, from the logs of the {logs} workspaces and workers that made them, in time order. Each log numbers its own entries: the "By" column says whose log an entry is in.',
    hubHowTo: [
      "Each entry's hash is the SHA-256 of the canonical JSON (RFC 8785) of {action, actor: {investigator, osUser}, at, details, prevHash, seq, subject}, where prevHash is the hash of the entry before it in the same log (64 zeros for entry #1).",
      'exhibit hub verify recomputes every hash of every log the hub holds and walks each chain from #1 to its head; in the workspace that made a capture, exhibit log --json prints its whole log and exhibit verify checks it.',
    ],
    howToTitle: 'Checking the chain',
    howTo: [
      "Each entry's hash is the SHA-256 of the canonical JSON (RFC 8785) of {action, actor: {investigator, osUser}, at, details, prevHash, seq, subject}, where details is the entry's details as stored and prevHash is the hash of the entry before it (64 zeros for entry #1). The details are in the workspace: exhibit log --json prints every entry in full, and exhibit verify recomputes every hash and walks the chain from #1 to its head.",
      'Compare the hashes printed here with that output: the head of the chain below must be the hash of the last entry printed, and an entry that differs, or is missing, changes every hash that follows it.',
    ],
    seq: '#',
    at: 'Time (UTC)',
    actor: 'By',
    action: 'Event',
    hash: 'SHA-256',
    head: 'Head of the custody chain when this dossier was made',
    words: custodyWords(),
    unknown: (action) => `Event “${action}” (recorded by a later version of Exhibit)`,
    classifications: { first: 'first capture of the listing', unchanged: 'unchanged', changed: 'changed', removed: 'removed', blocked: 'blocked (captcha or robot check)', error: 'failed (network or server error)' },
  },
  verify: {
    intro: [
      'Each exhibit lists the SHA-256 hash of every file captured and of its signed manifest. Anyone can recompute a hash with common tools and compare it with the value printed here: a single changed byte gives a completely different hash.',
      'The manifests are signed with the Ed25519 key of the workspace in which the captures were made. The public key\'s fingerprint is:',
    ],
    fingerprint: 'Public-key fingerprint (SHA-256 of the key)',
    keysIntro:
      'The exhibits come from the team hub: each manifest is signed with the Ed25519 key of the workspace or worker that made the capture, as printed on the exhibit\'s page. Each key is attached to this PDF (public-key-….pem, named by the start of its fingerprint), with its fingerprint here:',
    keyTitle: (n, name) => `Key ${n}${name ? ` — ${name}` : ''}`,
    keySigned: ({ dossier, exhibits }) =>
      `Signed ${[dossier ? 'the dossier manifest (dossier-manifest.json)' : '', exhibits.length > 0 ? `the manifest${exhibits.length > 1 ? 's' : ''} of exhibit${exhibits.length > 1 ? 's' : ''} ${exhibits.join(', ')}` : ''].filter((x) => x).join(' and ')}.`,
    pdfSignatureTitle: 'The signature of this PDF',
    pdfSignature: (subject) => [
      `This PDF is signed (PAdES) by ${subject}, with the certificate whose SHA-256 fingerprint is printed below and on the cover. A PDF reader's signature panel shows who signed it and whether the file has changed since; on the command line, poppler's "pdfsig DOSSIER.pdf" checks the same.`,
      'The signature carries a time-stamp from a time-stamping authority, and a document time-stamp then seals the whole file with the certificates needed to check it later. A dossier made without a network is signed without them; "exhibit stamp DOSSIER.pdf" adds the document time-stamp afterwards, as an update that changes nothing the pages show. The roots the time-stamps chain to are attached as tsa-roots.pem, for "openssl ts -verify".',
    ],
    signatureReason: (id, by) => `Exhibit dossier ${id}: signed by ${by}`,
    stepsTitle: 'Checking a file by hand',
    steps: [
      'Export the capture\'s files (exhibit export-capture CAPTURE_ID FOLDER), or save the attachments of this PDF.',
      'Compute the SHA-256 of each file and compare it with the value printed in the exhibit:',
    ],
    commands: 'Linux: sha256sum FILE\nmacOS: shasum -a 256 FILE\nWindows: certutil -hashfile FILE SHA256',
    exhibitVerify: 'With Exhibit: "exhibit verify DOSSIER.pdf" re-hashes every file attached to this PDF, checks each manifest\'s signature and compares the hashes printed on its pages; "exhibit verify FOLDER" does the same for an exported capture; "exhibit verify" checks the whole workspace.',
    attachmentsNone: 'This PDF carries the signed dossier manifest and the public key as attachments; the captured files are in the workspace.',
    attachmentsManifests: 'This PDF carries, as attachments, every capture\'s signed manifest and signature, the dossier manifest and the public key.',
    attachmentsAll: 'This PDF carries, as attachments, every captured file of every exhibit, each capture\'s signed manifest and signature, the dossier manifest and the public key: it alone holds its evidence.',
  },
  certification: {
    title: 'Certification of authenticity of records generated by an electronic process (Federal Rules of Evidence 902(13) and 902(14))',
    identity: [],
    paragraphs: (who, org) => [
      `I, the undersigned${who ? ` (${who})` : ''}, declare:`,
      `1. I am over eighteen years of age and competent to make this certification. I am employed by or act for ${org || '________________'} and I am a qualified person, by reason of my training and my knowledge of the process described in this dossier, to certify the records it contains.`,
      '2. The exhibits in this dossier are records generated by an electronic process or system, Exhibit, which captures web pages as described in the section "Method and environment". That process produces an accurate result: it records what the web page served to the browser at the time of capture, and each record carries the time of capture and the address it was captured from.',
      '3. Each file of each exhibit was identified at the time of capture by its SHA-256 hash value, a process of digital identification, and the list of those values (the manifest) was signed with the key of the workspace that made the capture. The hash values printed in this dossier are those recorded at capture.',
      '4. These records were made at or near the time of the events they record, by or from information transmitted by a person with knowledge, in the course of a regularly conducted activity, and it was a regular practice of that activity to make them.',
    ],
    dossierTitle: 'This certification concerns the dossier:',
    dossierId: 'Dossier ID',
    manifest: 'SHA-256 of its signed manifest (dossier-manifest.json, attached)',
    bates: 'Bates range',
    pages: 'Pages',
    check: [
      '5. Whether each file is a true copy of the record captured can be checked by running "exhibit verify DOSSIER.pdf": it recomputes the SHA-256 of every file attached to this PDF, checks the signature of each manifest and of the dossier manifest, checks each time-stamp token, and compares the hash values printed on each exhibit\'s pages with those recorded. If that check was run, its date and result:',
    ],
    checkDate: 'Date of the check',
    checkResult: 'Result',
    closing: ['I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.'],
    signature: ['Name', 'Title and organisation', 'Place', 'Date', 'Signature'],
    annex: null,
  },
  page: (n, total) => `Page ${n} of ${total}`,
  unattributed: 'Captures not attributed to a seller',
  yes: 'yes',
  no: 'no',
};

function dayCount(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

function removedAfter(days: number): string {
  return days === 0 ? 'removed the same day as the report' : `removed ${dayCount(days)} after the report`;
}

function quoted(v: string): string {
  return `“${v}”`;
}

/** A setting's value; an empty one is said to be so. */
function setting(v: string): string {
  return v === '' ? '(none)' : quoted(v);
}

const SETTINGS: Record<string, string> = { investigator: 'investigator', organisation: 'organisation', browserPath: 'browser', ntpServers: 'NTP servers' };
const MEMBERS: Record<string, string> = { seller: 'seller', listing: 'listing', capture: 'capture' };
const UNITS = { h: 'h', min: 'min', day: (n: number) => (n === 1 ? 'day' : `${n} days`) };

function exportWords(d: CustodyDetails, c: CustodyWordsContext): string {
  switch (str(d.kind)) {
    case 'dossier':
      return `Dossier made by ${c.actor}: ${str(d.file)}, ${str(d.pages)} pages, ${str(d.lang) === 'fr' ? 'in French' : 'in English'} (dossier ${str(d.dossierId)})`;
    case 'capture-folder':
      return `Capture ${c.subject} exported to a folder by ${c.actor}`;
    case 'artifact':
      return `File ${str(d.name)} of capture ${c.subject} saved as a copy by ${c.actor} (SHA-256 checked on the way out)`;
    case 'wacz':
      return `WACZ web archive exported by ${c.actor}: ${str(d.file)}, ${list(d.captures).length} captures`;
    case 'wacz-key':
      return 'Key that signs WACZ exports created';
    case 'dossier-stamped':
      return `Document time-stamp added by ${c.actor} to dossier ${str(d.dossierId)} (${str(d.file)}): ${str(d.authority)} says it existed no later than ${c.time(str(d.genTime))}`;
    default:
      return `Export made by ${c.actor}`;
  }
}

function custodyWords(): DossierStrings['custody']['words'] {
  return {
    'workspace.created': (d) => `Workspace created; its signing key's fingerprint is ${str(d.publicKeyFingerprint)}`,
    'settings.changed': (d, c) =>
      `Settings changed by ${c.actor}: ${Object.entries(d)
        .map(([k, v]) => `${SETTINGS[k] ?? k} ${setting(str(obj(v).from))} → ${setting(str(obj(v).to))}`)
        .join('; ')}`,
    'case.created': (d) => `Case created: ${quoted(str(d.name))}${d.reference ? `, reference ${str(d.reference)}` : ''}`,
    'case.member-added': (d, c) => `Added to case ${c.subject} by ${c.actor}: ${MEMBERS[str(d.kind)] ?? str(d.kind)} ${c.ref(str(d.memberId))}`,
    'case.member-removed': (d, c) => `Removed from case ${c.subject} by ${c.actor}: ${MEMBERS[str(d.kind)] ?? str(d.kind)} ${c.ref(str(d.memberId))}`,
    'seller.created': (d) => `Seller recorded: ${str(d.marketplace)}:${str(d.sellerKey)}${d.displayName ? ` (${quoted(str(d.displayName))})` : ''}`,
    'seller.renamed': (d, c) => `Seller ${c.subject} seen under a new name: ${quoted(str(d.from))} → ${quoted(str(d.to))}`,
    'seller.status-changed': (d, c) => `Status of seller ${c.subject} changed by ${c.actor}: ${c.sellerStatus(str(d.from))} → ${c.sellerStatus(str(d.to))}${d.note ? ` (${str(d.note)})` : ''}`,
    'seller.tagged': (d, c) => `Seller ${c.subject} tagged ${quoted(str(d.tag))} by ${c.actor}`,
    'seller.untagged': (d, c) => `Tag ${quoted(str(d.tag))} removed from seller ${c.subject} by ${c.actor}`,
    'seller.merged': (d, c) => `Seller accounts counted as one operator by ${c.actor}: ${str(d.absorbed)} with ${str(d.into)}${d.reason ? ` (${str(d.reason)})` : ''}`,
    'seller.unmerged': (d, c) => `Seller accounts separated again by ${c.actor}: ${c.subject} from ${str(d.from)}${d.reason ? ` (${str(d.reason)})` : ''}`,
    'seller.link-confirmed': (d, c) => `Link between seller accounts confirmed by ${c.actor}: ${str(d.aLabel)} and ${str(d.bLabel)} are one operator${d.reason ? ` (${str(d.reason)})` : ''}`,
    'seller.link-rejected': (d, c) => `Link between seller accounts rejected by ${c.actor}: ${str(d.aLabel)} and ${str(d.bLabel)}${d.reason ? ` (${str(d.reason)})` : ''}`,
    'listing.created': (d) => `Listing recorded: ${str(d.marketplace)}:${str(d.listingKey)}`,
    'capture.stored': (d, c) => `Capture stored: ${c.subject}, ${str(d.requestedUrl)} (${c.outcome(str(d.outcome))}); ${list(d.artifacts).length} files`,
    'capture.filed': (d, c) => {
      const because = /^(\w+) corrected$/.exec(str(d.because));
      return `Capture ${c.subject} filed again${because ? ` after a correction of ${c.field(because[1]!).toLowerCase()}` : ''}: listing ${c.ref(str(obj(d.from).listingId))} → ${c.ref(str(obj(d.to).listingId))}`;
    },
    'artifact.added': (d, c) => `File added to capture ${c.subject}: ${str(d.name)}`,
    'field.corrected': (d, c) => `${c.field(str(d.field))} corrected by ${c.actor}: ${c.reason(str(d.reason))}
${c.subject}: ${c.value(str(d.field), d.from)} → ${c.value(str(d.field), d.to)}`,
    'note.edited': (d, c) => `Investigator's note on ${c.subject} edited by ${c.actor} (kept beside the evidence, not part of it): ${quoted(clip(str(d.to)))}`,
    'export.made': exportWords,
    'verification.run': (d, c) => `Workspace verified by ${c.actor}: ${d.cancelled ? 'stopped before the end' : d.ok ? 'no problem found' : `${str(d.problems)} problem(s) found`}`,
    'watch.added': (d, c) => `Re-capture scheduled by ${c.actor}: ${MEMBERS[str(obj(d.target).kind)] ?? str(obj(d.target).kind)} ${c.ref(str(obj(d.target).id))}, every ${interval(num(d.intervalSeconds), UNITS)}`,
    'watch.changed': (d, c) => `Re-capture schedule changed by ${c.actor}: ${d.active === false ? 'paused' : num(d.intervalSeconds) !== null ? `every ${interval(num(d.intervalSeconds), UNITS)}` : 'resumed'}`,
    'recapture.classified': (d, c) => {
      const changes = list(d.changes).map((f) => c.field(str(f)).toLowerCase());
      const classification = en.custody.classifications[str(d.classification) as keyof DossierStrings['custody']['classifications']] ?? str(d.classification);
      return `Re-capture ${c.subject} compared with ${d.comparedWith ? c.ref(str(d.comparedWith)) : 'no earlier capture'}: ${classification}${changes.length > 0 ? ` (${changes.join(', ')})` : ''}${d.reappeared === true ? ', listing back online' : ''}`;
    },
    'listing.reported': (d, c) => `Listing ${c.subject} reported to ${str(d.platform)}${d.programme && str(d.programme) !== 'other' ? ` (${c.programme(str(d.programme))})` : ''}${d.reportRef ? `, report ${str(d.reportRef)}` : ''}, on ${str(d.reportedOn)}`,
    'tsa.added': (d) => `Time-stamping authority added: ${str(d.name) || str(d.url)} (${str(d.url)}), ${list(d.roots).length} root certificate(s)`,
    'tsa.removed': (d, c) => `Time-stamping authority removed: ${c.authority(str(d.url))} (${str(d.url)})`,
    'capture.stamped': (d, c) => `Time-stamped by ${c.authority(str(d.authority))} (serial ${str(d.serial)}): the signed manifest of ${c.subject} existed no later than ${c.time(str(d.genTime))}`,
    'key.stamped': (d, c) => `Workspace key time-stamped by ${c.authority(str(d.authority))} (serial ${str(d.serial)}): it existed no later than ${c.time(str(d.genTime))}`,
    'identity.created': (d) => `Certificate that signs this workspace's PDF dossiers made: ${str(d.subject)}, ${str(d.algorithm)}, SHA-256 ${str(d.certificateSha256)}`,
    'identity.imported': (d, c) => `Organisation's certificate imported by ${c.actor} to sign PDF dossiers: ${str(d.subject)}, issued by ${str(d.issuer)}, SHA-256 ${str(d.certificateSha256)}${d.replaced ? ` (replaces ${str(d.replaced)})` : ''}`,
    'brand.created': (d, c) => `Brand added to the reference catalogue by ${c.actor}: ${str(d.name)}`,
    'brand.imported': (d, c) => `Reference catalogue of ${str(d.brand)} imported by ${c.actor}: ${num(d.products) ?? 0} products, ${num(d.images) ?? 0} official images (${str(d.file)}, SHA-256 ${str(d.sha256)})`,
    'brand.seller-authorised': (d, c) => `Seller ${str(d.marketplace)}:${str(d.sellerKey)} recorded by ${c.actor} as authorised for ${str(d.brand)}`,
    'monitor.added': (d, c) => `Marketplace search watched by ${c.actor} for ${str(d.brand)}: ${str(d.url)}`,
    'monitor.removed': (d, c) => `Watched search stopped by ${c.actor}: ${str(d.url)}`,
    'monitor.ran': (d) => `Watched search run: ${str(d.url)}, ${num(d.results) ?? 0} results (${num(d.new) ?? 0} new, ${num(d.gone) ?? 0} gone)${d.generic ? ', read by the generic reader' : ''}${d.cancelled === true ? ', cancelled (nothing marked gone)' : ''}`,
    'monitor.listings': (d) =>
      `Watched search ${str(d.url)}: results scoring ${num(d.captureAbove) ?? 0} or more, ${Array.isArray(d.captured) ? d.captured.length : 0} captured in full${d.cancelled === true ? `, ${Array.isArray(d.given) ? d.given.length : 0} given up when cancelled, ${Array.isArray(d.notReached) ? d.notReached.length : 0} not reached; run cancelled, its result pages stay as read, the listings left are captured at the next run` : ' (left by an earlier cancel)'}`,
    'triage.decided': (d, c) => `Search result ${str(d.listing)} triaged by ${c.actor}: ${str(d.decision)} (score ${num(d.score) ?? 0})`,
    'dossier.verified': (d, c) =>
      `Dossier ${str(d.dossierId)} (${str(d.file)}) checked by ${c.actor}: ${d.missing ? 'the file is no longer where it was written' : d.ok ? 'every exhibit verified, the file is the one made' : `${num(d.problems) ?? 0} problem(s) found`}`,
    'score.weights-set': (d, c) => `Suspicion score weights ${d.origin === 'learned' ? `learnt from ${num(d.decisions) ?? 0} triage decisions` : 'edited'} by ${c.actor}`,
    'listing.offer-filed': (d) => `Seller ${str(d.marketplace)}:${str(d.sellerKey)} filed as a seller of this listing: its offer was shown on the page (${d.price ? `${str(d.price)} ${str(d.currency)}` : 'no price shown'}${d.condition ? `, ${str(d.condition)}` : ''}${d.shipsFrom ? `, ships from ${str(d.shipsFrom)}` : ''})`,
    'hub.pushed': (d, c) => `Evidence pushed by ${c.actor} to the team hub ${str(d.hub)} as ${str(d.user)}: ${Array.isArray(d.captures) ? d.captures.length : 0} capture(s), ${num(d.objectsSent) ?? 0} file(s) sent, ${num(d.custodySent) ?? 0} custody entries; the hub's receipt is its entry ${num((d.receipt as { seq?: number } | null)?.seq) ?? 0} (${str((d.receipt as { hash?: string } | null)?.hash)})`,
  };
}
