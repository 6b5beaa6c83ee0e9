import { reasonText } from '../../fakes/reason-text.js';
import { fill, type DossierStrings } from '../i18n/index.js';
import type { DossierModel } from '../model.js';
import { utc } from './format.js';
import type { Pdf } from './pdf.js';

/**
 * "How the listings were found", after the changes over time: for each
 * listing that came from a watched search, the search, when it first showed
 * the listing, its result page as captured (the exhibit, or the capture
 * kept in the workspace with its manifest's hash), and the score with its
 * reasons. Drawn only when some listing came from a watched search.
 */
export function drawFound(pdf: Pdf, model: DossierModel, s: DossierStrings, outline: PDFKit.PDFOutline | undefined): void {
  if (model.found.length === 0) return;
  const f = s.found;
  pdf.heading(f.title, 1, { ...(outline ? { outline } : {}) });
  pdf.text(f.intro, { size: 9.5, gap: 6, align: 'justify' });
  const numbers = new Map(model.exhibits.map((x) => [x.captureId, x.number]));
  const lang = s.lang;
  for (const found of model.found) {
    pdf.ensure(120);
    pdf.text(fill(f.listing, { listing: model.labels.get(found.listingId) ?? found.listingId }), { weight: 'bold', size: 10, gap: 3 });
    const page = found.resultPage;
    const pageRef = page
      ? `${numbers.has(page.captureId) ? fill(f.exhibitRef, { n: numbers.get(page.captureId)! }) : fill(f.captureRef, { id: page.captureId, sha: page.manifestSha256 })} — ${fill(f.position, { page: page.page, position: page.position })}`
      : '—';
    pdf.pairs(
      [
        [f.search, found.searchUrl, 'mono'],
        [f.brand, found.brand],
        [f.firstSeen, utc(found.firstSeen)],
        [f.resultPage, pageRef],
        [f.score, fill(f.scoreValue, { score: found.score })],
        ...(found.decision ? [[f.decision, f.decisions[found.decision] ?? found.decision] as const] : []),
      ],
      { size: 9 },
    );
    pdf.text(f.reasons, { weight: 'bold', size: 9, gap: 2 });
    if (found.reasons.length === 0) pdf.text(f.noReason, { size: 9, gap: 8 });
    for (const r of found.reasons) pdf.text(`• ${f.signals[r.signal] ?? r.signal}${lang === 'fr' ? '\u202f: ' : ': '}${reasonText(lang, r)}`, { size: 9, gap: 2 });
    pdf.y += 8;
  }
}
