import type { ExhibitModel } from '../model.js';
import { fill, type DossierStrings } from '../i18n/index.js';
import { both, bytes, displayValue, outcome, reasonText, sourceText } from './format.js';
import { COLOR, slack, type Pdf } from './pdf.js';
import { drawScreenshot } from './screenshot.js';
import { clockLine, clockWarning, stampLines } from './time.js';

/**
 * One exhibit: what was captured, from where and when; the listing as read
 * from it (with corrections shown as such); every file with its SHA-256;
 * then the full-page screenshot, at a readable scale, over as many
 * landscape pages as it takes. Returns the pages it spans.
 */
export async function drawExhibit(pdf: Pdf, x: ExhibitModel, s: DossierStrings, outline: PDFKit.PDFOutline | undefined, showKey = false): Promise<{ first: number; last: number }> {
  const m = x.manifest;
  pdf.heading(`${s.exhibit.exhibit} ${x.number}`, 1, { newPage: true, outline });
  const first = pdf.pageIndex;
  const env = x.environment as { started?: { local?: string } } | null;
  const main = x.mainDocument;
  const rows: [string, string, ('mono' | undefined)?][] = [
    [s.exhibit.url, m.requestedUrl, 'mono'],
    ...(m.finalUrl && m.finalUrl !== m.requestedUrl ? [[s.exhibit.finalUrl, m.finalUrl, 'mono'] as [string, string, 'mono']] : []),
    ...(x.documentUrl ? [[s.exhibit.documentUrl, x.documentUrl, 'mono'] as [string, string, 'mono']] : []),
    [s.exhibit.capturedAt, both(m.startedAt, env?.started?.local)],
    [s.time.machineClock, clockLine(x.environment, s)],
    [s.time.timestamp, stampLines(x.timestamp, m.finishedAt, s).join('\n')],
    [s.exhibit.captureId, x.captureId, 'mono'],
    [s.exhibit.outcome, outcome(m.outcome, s)],
    ...(x.partialReasons.length > 0 ? [[s.exhibit.partialReasons, x.partialReasons.map((r) => s.partialReasonLabels[r]).join('\n')] as [string, string]] : []),
    [s.exhibit.httpStatus, m.httpStatus === null ? '—' : String(m.httpStatus)],
    [s.exhibit.serverIp, main?.serverIp ? `${hostPort(main.serverIp, main.serverPort)}${main.protocol ? ` (${main.protocol})` : ''}` : '—'],
  ];
  if (x.listing) rows.push([s.exhibit.listing, `${x.listing.marketplace}:${x.listing.listingKey}`, 'mono']);
  if (x.seller) rows.push([s.exhibit.seller, `${x.seller.displayName ? `${x.seller.displayName} — ` : ''}${x.seller.marketplace}:${x.seller.sellerKey}`]);
  pdf.pairs(rows, { labelWidth: 120 });
  const warning = clockWarning(x.environment, s);
  if (warning) notice(pdf, warning);
  if (m.outcome === 'imported') notice(pdf, s.exhibit.imported);
  if (m.outcome === 'blocked') notice(pdf, s.exhibit.blocked);
  if (x.note) sealedNote(pdf, s.exhibit.note, x.note);

  if (x.fields.length > 0) {
    pdf.heading(s.exhibit.fields, 2);
    pdf.table(
      [
        { header: s.exhibit.field, width: 1.6 },
        { header: s.exhibit.value, width: 4 },
        { header: s.exhibit.source, width: 2.6, size: 7.5 },
      ],
      x.fields.map((f) => [
        fieldName(f.field, x, s),
        f.correction
          ? `${displayValue(f.field, f.value, s)}\n(${fill(s.exhibit.correctedFormat, { reason: f.correction.reason ? reasonText(f.correction.reason, s) : '—', extracted: f.extracted ? displayValue(f.field, f.extracted.value, s) : '—' })})`
          : displayValue(f.field, f.value, s),
        f.extracted ? sourceText(f.extracted.source.kind, f.extracted.source.detail, s) : '—',
      ]),
    );
  }

  pdf.heading(s.exhibit.artifacts, 2);
  pdf.table(
    [
      { header: s.exhibit.artifactName, width: 2.5, size: 7.5 },
      { header: s.exhibit.size, width: 1.1, size: 7.5 },
      { header: s.exhibit.sha256, width: 5.7, weight: 'mono', size: 6.9 },
    ],
    m.artifacts.map((a) => [a.name, bytes(a.bytes, s), a.sha256]),
  );
  pdf.pairs(
    [
      [s.exhibit.manifest, x.manifestSha256, 'mono'],
      [s.exhibit.signature, x.signature, 'mono'],
    ],
    { labelWidth: 150, size: 8 },
  );
  // A dossier of several keys says which signed this exhibit (one key is the workspace's, printed once in "How to verify"); the fingerprint on one line, to be compared by eye.
  if (showKey) {
    pdf.ensure(30);
    pdf.text(x.key.name ? fill(s.exhibit.signedWithKeyOf, { name: x.key.name }) : s.exhibit.signedWithKey, { weight: 'bold', size: 8, color: COLOR.muted, gap: 2 });
    pdf.text(x.key.fingerprint, { weight: 'mono', size: 8.5, gap: 8 });
  }

  await drawScreenshot(pdf, x, s);
  return { first, last: pdf.pageIndex };
}

/** shipsFrom holds who ships on Amazon ("Expédié par"), where the item is on eBay: named for what it holds. */
function fieldName(field: string, x: ExhibitModel, s: DossierStrings): string {
  const marketplace = x.listing?.marketplace ?? x.seller?.marketplace ?? '';
  if (field === 'shipsFrom' && /^ebay(\.|$)/.test(marketplace)) return s.exhibit.shipsFromPlace;
  return s.fieldNames[field] ?? field;
}

function hostPort(ip: string, port: number | null): string {
  if (!port) return ip;
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** The note sealed in the manifest: boxed, and said to be part of the evidence (unlike the investigator's later notes). */
function sealedNote(pdf: Pdf, label: string, note: string): void {
  const width = pdf.contentWidth - 16;
  const text = pdf.wrap(note, width, 'regular', 9.5);
  const h = pdf.heightOf(label, width, 'bold', 8.5) + pdf.heightOf(text, width + slack(9.5), 'regular', 9.5) + 12;
  pdf.ensure(h + 4);
  const y = pdf.y;
  pdf.doc.rect(pdf.left, y, pdf.contentWidth, h).fill(COLOR.faint);
  pdf.doc.rect(pdf.left, y, 3, h).fill(COLOR.accent);
  pdf.y = y + 5;
  pdf.text(label, { weight: 'bold', size: 8.5, x: pdf.left + 12, width, color: COLOR.accent, gap: 1 });
  pdf.text(text, { size: 9.5, x: pdf.left + 12, width: width + slack(9.5), gap: 0 });
  pdf.y = y + h + 8;
}

function notice(pdf: Pdf, text: string): void {
  const h = pdf.heightOf(text, pdf.contentWidth - 16, 'oblique', 9) + 10;
  pdf.ensure(h + 4);
  const y = pdf.y;
  pdf.doc.rect(pdf.left, y, 3, h).fill(COLOR.warn);
  pdf.y = y + 5;
  pdf.text(text, { weight: 'oblique', size: 9, x: pdf.left + 12, width: pdf.contentWidth - 16, color: COLOR.warn, gap: 0 });
  pdf.y = y + h + 8;
}
