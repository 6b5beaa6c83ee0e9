import type { ExhibitModel } from '../model.js';
import { fill, type DossierStrings } from '../i18n/index.js';
import { pngSlices, readPngInfo } from '../../imaging/png-slices.js';
import { both, bytes, fieldValue, outcome } from './format.js';
import { COLOR, type Pdf } from './pdf.js';
import { clockLine, clockWarning, stampLines } from './time.js';

/** Room under the caption on a landscape screenshot page. */
const CAPTION_HEIGHT = 26;

/**
 * One exhibit: what was captured, from where and when; the listing as read
 * from it (with corrections shown as such); every file with its SHA-256;
 * then the full-page screenshot, at a readable scale, over as many
 * landscape pages as it takes. Returns the pages it spans.
 */
export async function drawExhibit(pdf: Pdf, x: ExhibitModel, s: DossierStrings, outline: PDFKit.PDFOutline | undefined): Promise<{ first: number; last: number }> {
  const m = x.manifest;
  pdf.heading(`${s.exhibit.exhibit} ${x.number}`, 1, { newPage: true, outline });
  const first = pdf.pageIndex;
  const env = x.environment as { started?: { local?: string } } | null;
  const main = x.mainDocument;
  const rows: [string, string, ('mono' | undefined)?][] = [
    [s.exhibit.url, m.requestedUrl, 'mono'],
    ...(m.finalUrl && m.finalUrl !== m.requestedUrl ? [[s.exhibit.finalUrl, m.finalUrl, 'mono'] as [string, string, 'mono']] : []),
    [s.exhibit.capturedAt, both(m.startedAt, env?.started?.local)],
    [s.time.machineClock, clockLine(x.environment, s)],
    [s.time.timestamp, stampLines(x.timestamp, m.finishedAt, s).join('\n')],
    [s.exhibit.captureId, x.captureId, 'mono'],
    [s.exhibit.outcome, outcome(m.outcome, s)],
    [s.exhibit.httpStatus, m.httpStatus === null ? '—' : String(m.httpStatus)],
    [s.exhibit.serverIp, main?.serverIp ? `${main.serverIp}${main.serverPort ? ` : ${main.serverPort}` : ''}${main.protocol ? ` (${main.protocol})` : ''}` : '—'],
  ];
  if (x.listing) rows.push([s.exhibit.listing, `${x.listing.marketplace}:${x.listing.listingKey}`, 'mono']);
  if (x.seller) rows.push([s.exhibit.seller, `${x.seller.displayName ? `${x.seller.displayName} — ` : ''}${x.seller.marketplace}:${x.seller.sellerKey}`]);
  pdf.pairs(rows, { labelWidth: 120 });
  const warning = clockWarning(x.environment, s);
  if (warning) notice(pdf, warning);
  if (m.outcome === 'imported') notice(pdf, s.exhibit.imported);
  if (m.outcome === 'blocked') notice(pdf, s.exhibit.blocked);

  if (x.fields.length > 0) {
    pdf.heading(s.exhibit.fields, 2);
    pdf.table(
      [
        { header: s.exhibit.field, width: 1.6 },
        { header: s.exhibit.value, width: 4 },
        { header: s.exhibit.source, width: 2.6, size: 7.5 },
      ],
      x.fields.map((f) => [
        s.fieldNames[f.field] ?? f.field,
        f.correction
          ? `${fieldValue(f.value)}\n(${s.exhibit.corrected}${f.correction.reason ? `: ${f.correction.reason}` : ''}; ${s.exhibit.extractedWas}: ${f.extracted ? fieldValue(f.extracted.value) : '—'})`
          : fieldValue(f.value),
        f.extracted ? `${f.extracted.source.kind}: ${f.extracted.source.detail}` : '—',
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

  await drawScreenshot(pdf, x, s);
  return { first, last: pdf.pageIndex };
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

async function drawScreenshot(pdf: Pdf, x: ExhibitModel, s: DossierStrings): Promise<void> {
  if (!x.screenshot) {
    pdf.ensure(40);
    pdf.text(x.manifest.outcome === 'imported' ? s.exhibit.screenshotImported : s.exhibit.screenshotNone, { weight: 'oblique', size: 9.5, color: COLOR.muted });
    return;
  }
  const infos = await Promise.all(x.screenshot.tiles.map((t) => readPngInfo(t.path)));
  const total = infos.reduce((sum, i) => sum + i.height, 0);
  let offset = 0;
  for (const [i, tile] of x.screenshot.tiles.entries()) {
    const info = infos[i]!;
    let pageNo = 0;
    // Landscape pages: the page's full width at a scale a reader can read (a 1366 px window at 56%).
    pdf.landscape();
    const fit = Math.min(1, pdf.contentWidth / info.width);
    const room = pdf.bottom - pdf.y - CAPTION_HEIGHT;
    const maxRows = Math.max(1, Math.floor(room / fit));
    // Pages of even height; a screenshot a little taller than one page is
    // set a little smaller (at most 15%) rather than spilling a sliver over.
    const pages = Math.max(1, Math.ceil(info.height / maxRows - 0.15));
    const scale = pages === 1 ? Math.min(fit, room / info.height) : fit;
    const rows = pages === 1 ? info.height : Math.ceil(info.height / pages);
    for await (const slice of pngSlices(tile.path, rows)) {
      if (pageNo++ > 0) pdf.landscape();
      const from = offset + slice.top + 1;
      const to = offset + slice.top + slice.height;
      const title = `${s.exhibit.exhibit} ${x.number} — ${offset + slice.top === 0 ? s.exhibit.screenshot : s.exhibit.screenshotContinued}`;
      pdf.text(title, { weight: 'bold', size: 10, color: COLOR.accent, gap: 1 });
      pdf.text(fill(s.exhibit.screenshotScale, { scale: Math.round(scale * 100), width: info.width, height: total, from, to }), { size: 8, color: COLOR.muted, gap: 4 });
      const y = pdf.y;
      const w = slice.width * scale;
      const h = slice.height * scale;
      pdf.doc.image(slice.png, pdf.left, y, { width: w, height: h });
      pdf.doc.rect(pdf.left, y, w, h).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
      pdf.y = y + h + 4;
    }
    offset += info.height;
  }
}
