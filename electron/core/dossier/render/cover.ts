import { dossierKeys, type DossierModel } from '../model.js';
import type { DossierStrings } from '../i18n/index.js';
import { day, nowBoth } from './format.js';
import { COLOR, type Pdf } from './pdf.js';

export function drawCover(pdf: Pdf, model: DossierModel, s: DossierStrings, subtitle: string): void {
  pdf.portrait();
  pdf.y = 150;
  pdf.text(s.title.toUpperCase(), { weight: 'bold', size: 26, color: COLOR.accent, gap: 6 });
  pdf.text(subtitle, { size: 14, color: COLOR.muted, gap: 30 });
  const sellers = model.groups.flatMap((g) => (g.detail ? [`${g.letter}. ${g.detail.seller.displayName ?? g.detail.seller.sellerKey} (${g.detail.seller.marketplace}:${g.detail.seller.sellerKey})`] : []));
  const marketplaces = [...new Set(model.exhibits.map((x) => x.seller?.marketplace ?? x.listing?.marketplace ?? hostOf(x.manifest.requestedUrl)))].sort();
  const rows: [string, string][] = [];
  if (model.caseName) rows.push([s.cover.case, model.caseName]);
  if (model.caseReference) rows.push([s.cover.caseReference, model.caseReference]);
  rows.push([s.cover.sellers, sellers.join('\n') || s.seller.none]);
  rows.push([s.cover.marketplaces, marketplaces.join(', ')]);
  if (model.period) rows.push([s.cover.period, `${day(model.period.from)} — ${day(model.period.to)}`]);
  rows.push([s.cover.exhibits, String(model.exhibits.length)]);
  rows.push([s.cover.preparedBy, [model.preparedBy.investigator, model.preparedBy.organisation].filter((x) => x).join(', ') || '—']);
  rows.push([s.cover.generatedAt, nowBoth(model.generatedAt)]);
  pdf.pairs(rows, { labelWidth: 140, size: 11 });
  // The ids a clerk or the other side reads back: in mono, each on its own.
  pdf.pairs(
    [
      [s.cover.dossierId, model.id, 'mono'],
      [dossierKeys(model).length > 1 ? s.cover.manifestKey : s.cover.signingKey, model.fingerprint, 'mono'],
      [s.cover.signingCertificate, model.signer.fingerprint, 'mono'],
    ],
    { labelWidth: 140, size: 10 },
  );
  pdf.y = Math.max(pdf.y + 40, 640);
  pdf.doc.rect(pdf.left, pdf.y - 10, pdf.contentWidth, 0.8).fill(COLOR.accent);
  pdf.text(s.cover.confidential, { size: 9, color: COLOR.muted });
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
