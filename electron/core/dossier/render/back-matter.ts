import { PROGRAMME_NAMES, PROGRAMMES, type Programme } from '../../takedown/reports.js';
import type { JsonValue } from '../../util/canonical-json.js';
import { exhibitVersion } from '../../version.js';
import type { CustodyAction, CustodyEntry } from '../../workspace/custody.js';
import { fill, type DossierStrings } from '../i18n/index.js';
import type { CustodyDetails, CustodyWordsContext } from '../i18n/strings.js';
import { dossierKeys, type DossierModel } from '../model.js';
import { both, displayValue, outcome, reasonText, utc } from './format.js';
import { COLOR, type Pdf } from './pdf.js';
import { clockLine, keyStampLine } from './time.js';
import { attachmentName } from '../dossier-manifest.js';

type Env = {
  exhibitVersion?: string;
  nodeVersion?: string;
  browser?: { product?: string; userAgent?: string; executablePath?: string };
  viewport?: { width?: number; height?: number; deviceScaleFactor?: number };
  os?: { type?: string; release?: string; version?: string; arch?: string; platform?: string };
  hostname?: string;
  timeZone?: string;
  started?: { utc?: string; local?: string };
  finished?: { utc?: string; local?: string };
  timeSource?: { ntpSynchronized?: boolean | null };
  network?: { proxy?: string | null };
  profile?: { kind?: string; name?: string };
  investigator?: { name?: string; organisation?: string; osUser?: string };
};

/** Section 7: how captures are made, and each capture's environment, after NF Z67-147's prerequisites. */
export function drawMethod(pdf: Pdf, model: DossierModel, s: DossierStrings, n: number): void {
  const outline = pdf.heading(`${n}. ${s.sections.method}`, 0, { newPage: true });
  for (const p of s.method.intro) pdf.text(p, { size: 9.5, gap: 6, align: 'justify' });
  pdf.heading(s.method.tools, 1, { outline });
  const browsers = new Set<string>();
  for (const x of model.exhibits) {
    const e = x.environment as Env | null;
    if (e?.browser?.product) browsers.add(e.browser.product);
  }
  pdf.pairs([
    ['Exhibit', `${exhibitVersion()} ${fill(s.method.generatedBy, { version: exhibitVersion() })}`],
    [s.method.browser, [...browsers].join('\n') || '—'],
    ['Node.js', process.version],
    [s.exhibit.signature, s.method.algorithms],
  ]);
  pdf.heading(s.method.perCapture, 1, { outline });
  for (const x of model.exhibits) {
    const e = x.environment as Env | null;
    pdf.text(`${s.exhibit.exhibit} ${x.number} — ${x.captureId}`, { weight: 'bold', size: 9.5, gap: 2 });
    if (!e) {
      pdf.text(s.method.importedNote, { size: 9, color: COLOR.muted, gap: 8 });
      continue;
    }
    const ntp = e.timeSource?.ntpSynchronized;
    pdf.pairs(
      [
        [s.method.machine, `${e.hostname ?? '—'}${e.investigator?.osUser ? ` (${e.investigator.osUser})` : ''}`],
        [s.method.os, [e.os?.type, e.os?.release, e.os?.arch].filter((v) => v).join(' ') + (e.os?.version ? `\n${e.os.version}` : '')],
        [s.method.browser, e.browser?.product ?? '—'],
        [s.method.userAgent, e.browser?.userAgent ?? '—'],
        [s.method.viewport, e.viewport ? `${e.viewport.width} × ${e.viewport.height} px, ×${decimal(e.viewport.deviceScaleFactor ?? 1, s)}` : '—'],
        [s.method.network, e.network?.proxy ? `proxy ${e.network.proxy}` : s.method.proxyNone],
        [s.method.profile, e.profile?.kind === 'persistent' ? fill(s.method.profilePersistent, { name: e.profile.name ?? '' }) : s.method.profileClean],
        [s.method.timeSource, `${ntp === true ? s.method.ntpYes : ntp === false ? s.method.ntpNo : s.method.ntpUnknown}\n${clockLine(x.environment, s)}`],
        [s.method.timeZone, e.timeZone ?? '—'],
        [s.method.started, e.started?.utc ? both(e.started.utc, e.started.local) : '—'],
        [s.method.finished, e.finished?.utc ? both(e.finished.utc, e.finished.local) : '—'],
        [s.method.investigator, [e.investigator?.name, e.investigator?.organisation].filter((v) => v).join(', ') || '—'],
      ],
      { size: 8.5, labelWidth: 120 },
    );
  }
}

/**
 * Section 8: the custody log from entry #1 to its head (or, for a very long
 * log, what concerns this dossier and the workspace, said so), each entry in
 * words with its hash, and how to check the chain.
 */
export function drawCustody(pdf: Pdf, model: DossierModel, s: DossierStrings, n: number, exhibitOf: ReadonlyMap<string, string>): void {
  pdf.heading(`${n}. ${s.sections.custody}`, 0, { newPage: true });
  const k = model.custodyScope;
  pdf.text(k.kind === 'hub' ? s.custody.hubIntro : s.custody.intro, { size: 9.5, gap: 5, align: 'justify' });
  const scope = k.kind === 'all' ? fill(s.custody.all, { n: model.custody.length }) : k.kind === 'hub' ? fill(s.custody.hubScope, { n: model.custody.length, logs: k.logs }) : fill(s.custody.subjectsOnly, { total: k.total, n: model.custody.length });
  pdf.text(scope, { weight: k.kind === 'subjects' ? 'bold' : 'regular', size: 9.5, gap: 8, align: 'justify' });
  pdf.table(
    [
      { header: s.custody.seq, width: 0.55 },
      { header: s.custody.at, width: 1.45, size: 7 },
      { header: s.custody.actor, width: 1.35, size: 7 },
      { header: s.custody.action, width: 6.2 },
    ],
    model.custody.map((e) => [String(e.seq), utc(e.at).replace(' ', '\n'), e.investigator ? `${e.investigator} (${e.osUser})` : e.osUser, custodyWords(e, model, s, exhibitOf)]),
    { size: 7.5, below: model.custody.map((e) => `${s.custody.hash} ${e.hash}`), belowStyle: { weight: 'mono', size: 6.5, color: COLOR.muted, from: 1 } },
  );
  if (model.chainHead) {
    // The head's hash on one line: it is compared with `exhibit log` by eye.
    pdf.pairs([[s.custody.head, `#${model.chainHead.seq}  ${model.chainHead.hash}`, 'mono']], { labelWidth: 130, size: 7.5 });
  }
  pdf.heading(s.custody.howToTitle, 2);
  for (const p of k.kind === 'hub' ? s.custody.hubHowTo : s.custody.howTo) pdf.text(p, { size: 9.5, gap: 6, align: 'justify' });
}

/** One custody entry in the words of the dossier's language, with the details that matter. */
export function custodyWords(e: CustodyEntry, model: Pick<DossierModel, 'labels' | 'authorityNames'>, s: DossierStrings, exhibitOf: ReadonlyMap<string, string>): string {
  let details: CustodyDetails = {};
  try {
    const parsed = JSON.parse(e.details) as JsonValue;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed;
  } catch {
    // An entry whose details cannot be read is still printed, by its action and hash.
  }
  const ref = (id: string | null | undefined): string => {
    if (!id) return '—';
    const number = exhibitOf.get(id);
    if (number) return `${number} (${id})`;
    return model.labels.get(id) ?? id;
  };
  const c: CustodyWordsContext = {
    actor: e.investigator || e.osUser,
    subject: ref(e.subject),
    ref,
    field: (name) => s.fieldNames[name] ?? (s.changes.fields as Record<string, string>)[name] ?? name,
    value: (field, v) => (v === null || v === undefined ? '—' : typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')) ? displayValue(field, v as string | string[], s) || '—' : JSON.stringify(v)),
    outcome: (o) => outcome(o, s),
    sellerStatus: (x) => (s.seller.statuses as Record<string, string>)[x] ?? x,
    authority: (url) => model.authorityNames.get(url) || url,
    programme: (p) => (p === 'other' ? s.changes.programmeOther : (PROGRAMMES as readonly string[]).includes(p) ? PROGRAMME_NAMES[p as Programme] : p),
    reason: (r) => reasonText(r, s),
    time: utc,
  };
  const words = (s.custody.words as Partial<Record<string, (d: CustodyDetails, c: CustodyWordsContext) => string>>)[e.action as CustodyAction];
  return words ? words(details, c) : s.custody.unknown(e.action);
}

/** Section 9: how anyone checks the hashes, with or without Exhibit. */
export function drawVerify(pdf: Pdf, model: DossierModel, s: DossierStrings, n: number, attach: 'none' | 'manifests' | 'all'): void {
  pdf.heading(`${n}. ${s.sections.verify}`, 0, { newPage: true });
  const keys = dossierKeys(model);
  if (keys.length > 1) {
    // A team hub's dossier: every key, whose it is and what it signed.
    for (const p of [...s.verify.intro.slice(0, -1), s.verify.keysIntro]) pdf.text(p, { size: 9.5, gap: 6, align: 'justify' });
    for (const [i, k] of keys.entries()) {
      pdf.ensure(120);
      pdf.text(s.verify.keyTitle(i + 1, k.name), { weight: 'bold', size: 9.5, gap: 2 });
      pdf.text(s.verify.keySigned({ dossier: i === 0, exhibits: k.exhibits }), { size: 9, gap: 2 });
      pdf.text(s.verify.fingerprint, { weight: 'bold', size: 9, color: COLOR.muted, gap: 2 });
      pdf.text(k.fingerprint, { weight: 'mono', size: 9, gap: 4 });
      pdf.text(k.publicKeyPem.trim(), { weight: 'mono', size: 7.5, gap: 8 });
    }
  } else {
    for (const p of s.verify.intro) pdf.text(p, { size: 9.5, gap: 6, align: 'justify' });
    pdf.text(s.verify.fingerprint, { weight: 'bold', size: 9, color: COLOR.muted, gap: 2 });
    // On one line: read out over the phone, or compared by eye, it must not break.
    pdf.text(model.fingerprint, { weight: 'mono', size: 9, gap: 8 });
    pdf.text(model.publicKeyPem.trim(), { weight: 'mono', size: 7.5, gap: 6 });
    pdf.text(keyStampLine(model.keyTimestamp, s), { size: 9.5, gap: 10 });
  }
  pdf.heading(s.verify.pdfSignatureTitle, 2);
  for (const p of s.verify.pdfSignature(model.signer.name)) pdf.text(p, { size: 9.5, gap: 6, align: 'justify' });
  pdf.text(model.signer.fingerprint, { weight: 'mono', size: 9, gap: 10 });
  pdf.heading(s.verify.stepsTitle, 2);
  s.verify.steps.forEach((step, i) => pdf.text(`${i + 1}. ${step}`, { size: 9.5, gap: 4 }));
  pdf.text(s.verify.commands, { weight: 'mono', size: 8, gap: 10 });
  pdf.text(s.verify.exhibitVerify, { size: 9.5, gap: 6, align: 'justify' });
  pdf.heading(s.time.timestampTitle, 2);
  pdf.text(s.time.meaning, { size: 9.5, gap: 6, align: 'justify' });
  const stamped = model.exhibits.filter((x) => x.timestamp.status === 'stamped');
  if (stamped.length > 0) {
    pdf.heading(s.time.opensslTitle, 2);
    pdf.text(s.time.opensslIntro, { size: 9.5, gap: 4, align: 'justify' });
    for (const x of stamped) {
      if (x.timestamp.status !== 'stamped') continue;
      for (const t of x.timestamp.tokens) {
        const file = attachmentName(x.number, t.name);
        // Broken where a shell accepts it: a command cut mid-word by the page cannot be pasted.
        const list = attachmentName(x.number, t.name.replace(/\.tsr$/, '.list.json'));
        const command = t.batchSha256
          ? `openssl ts -verify -CAfile tsa-roots.pem -in ${file} -data ${list}\ngrep ${x.manifestSha256} ${list}`
          : `openssl ts -verify -CAfile tsa-roots.pem -in ${file} \\\n  -digest ${x.manifestSha256}`;
        // Never cut across a page: a command split by a footer cannot be copied.
        pdf.ensure(pdf.heightOf(command, pdf.contentWidth, 'mono', 6.8) + 4);
        pdf.text(command, { weight: 'mono', size: 6.8, gap: 4 });
      }
    }
    pdf.y += 4;
  }
  pdf.text(attach === 'all' ? s.verify.attachmentsAll : attach === 'manifests' ? s.verify.attachmentsManifests : s.verify.attachmentsNone, { size: 9.5, gap: 6 });
}

/**
 * Section 10: the declaration (FRE 902(13)/(14)) or the investigator's
 * attestation (art. 202 CPC), naming the dossier it is about: its id, the
 * SHA-256 of its signed manifest and, once the page count is known, its
 * pages and Bates range. It says what `exhibit verify` checks and leaves
 * blanks for when it was run: the signer swears to no check not made. The
 * function returned writes the page count and Bates range once known.
 */
export function drawCertification(pdf: Pdf, model: DossierModel, s: DossierStrings, n: number, o: { manifestSha256: string; bates?: string | undefined }): (pages: number) => void {
  const c = s.certification;
  pdf.heading(`${n}. ${s.sections.certification}`, 0, { newPage: true });
  pdf.text(c.title, { weight: 'bold', size: 11, gap: 10 });
  if (c.identity.length > 0) {
    blanks(pdf, c.identity);
    pdf.y += 8;
  }
  for (const p of c.paragraphs(model.preparedBy.investigator, model.preparedBy.organisation)) pdf.text(p, { size: 10, gap: 7, align: 'justify' });
  pdf.ensure(90);
  pdf.text(c.dossierTitle, { weight: 'bold', size: 10, gap: 4 });
  pdf.pairs(
    [
      [c.dossierId, model.id, 'mono'],
      [c.manifest, o.manifestSha256, 'mono'],
    ],
    { labelWidth: 150, size: 8 },
  );
  const later: { label: string; x: number; y: number; page: number; value: (pages: number) => string }[] = [];
  const rows: [string, (pages: number) => string][] = [[c.pages, (pages) => String(pages)]];
  if (o.bates) rows.push([c.bates, (pages) => `${o.bates}000001 – ${o.bates}${String(pages).padStart(6, '0')}`]);
  for (const [label, value] of rows) {
    pdf.ensure(16);
    later.push({ label, x: pdf.left + 158, y: pdf.y, page: pdf.pageIndex, value });
    pdf.text(label, { weight: 'bold', size: 8, color: COLOR.muted, width: 150, gap: 0 });
    pdf.y = later[later.length - 1]!.y + 14;
  }
  pdf.y += 8;
  for (const p of c.check) pdf.text(p, { size: 10, gap: 4, align: 'justify' });
  blanks(pdf, [c.checkDate, c.checkResult]);
  pdf.y += 10;
  // The closing words, the blanks for the place, date and signature kept on one page: they are signed together.
  pdf.ensure(c.closing.reduce((h, p) => h + pdf.heightOf(p, pdf.contentWidth, 'regular', 10) + 7, 0) + 10 + c.signature.length * 34 + 30);
  for (const p of c.closing) pdf.text(p, { size: 10, gap: 7, align: 'justify' });
  pdf.y += 10;
  blanks(pdf, c.signature, 40);
  if (c.annex) {
    pdf.ensure(30);
    pdf.text(c.annex, { weight: 'oblique', size: 9, color: COLOR.muted, gap: 4 });
  }
  return (pages) => {
    const here = pdf.pageIndex;
    for (const l of later) {
      pdf.doc.switchToPage(l.page);
      pdf.doc.fillColor(COLOR.text);
      pdf.write(l.value(pages), l.x, l.y, { width: pdf.contentWidth - 158, lineBreak: false }, 'mono', 8);
    }
    pdf.doc.switchToPage(here);
  };
}

/**
 * Lines to fill in by hand, each after its label (under it when the label is
 * long); an empty label is one more line. The last one (a signature) has
 * room above its line.
 */
function blanks(pdf: Pdf, labels: readonly string[], lastGap = 14): void {
  const labelWidth = 150;
  labels.forEach((label, i) => {
    const last = i === labels.length - 1;
    const above = last && lastGap > 14 ? 40 : 22;
    pdf.ensure(above + 20);
    const long = label !== '' && pdf.measure(label, 'regular', 9.5) > labelWidth - 8;
    if (long) pdf.text(label, { size: 9.5, color: COLOR.muted, gap: 2 });
    const y = pdf.y + above;
    if (label !== '' && !long) {
      // The label sits on the line, as on a printed form.
      pdf.y = y - 11;
      pdf.text(label, { size: 9.5, color: COLOR.muted, gap: 0, width: labelWidth - 8 });
    }
    const from = label !== '' && !long ? pdf.left + labelWidth : pdf.left;
    pdf.doc.moveTo(from, y).lineTo(pdf.left + pdf.contentWidth, y).lineWidth(0.6).strokeColor(COLOR.text).stroke();
    pdf.y = y + (last ? lastGap : 4);
  });
}

function decimal(v: number, s: DossierStrings): string {
  const text = String(v);
  return s.lang === 'fr' ? text.replace('.', ',') : text;
}
