import type { DossierStrings } from '../i18n/index.js';
import { COLOR, type Pdf, type TocEntry } from './pdf.js';

export const TOC_LINES_PER_PAGE = 44;

/** Pages set aside for the table of contents, filled in once every page number is known. */
export function reserveToc(pdf: Pdf, entries: number): number[] {
  const pages: number[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(entries / TOC_LINES_PER_PAGE)); i++) {
    pdf.portrait();
    pages.push(pdf.pageIndex);
  }
  return pages;
}

/** Section 2: every section and exhibit with its page number, each a link. */
export function fillToc(pdf: Pdf, pages: readonly number[], entries: readonly TocEntry[], s: DossierStrings, tocDest: string): void {
  let i = 0;
  for (const [k, page] of pages.entries()) {
    pdf.doc.switchToPage(page);
    pdf.y = pdf.page.margins.top;
    if (k === 0) {
      pdf.doc.addNamedDestination(tocDest, 'XYZ', pdf.left, pdf.page.height - pdf.y, null as unknown as number);
      pdf.text(s.toc, { weight: 'bold', size: 17, color: COLOR.accent, gap: 4 });
      pdf.doc.moveTo(pdf.left, pdf.y).lineTo(pdf.left + pdf.contentWidth, pdf.y).lineWidth(0.8).strokeColor(COLOR.accent).stroke();
      pdf.y += 10;
    }
    for (let line = 0; line < TOC_LINES_PER_PAGE - (k === 0 ? 3 : 0) && i < entries.length; line++, i++) {
      const e = entries[i]!;
      const indent = e.level === 0 ? 0 : 18;
      const y = pdf.y;
      const size = e.level === 0 ? 10.5 : 9.5;
      const number = String(e.page + 1);
      pdf.text(e.title, { weight: e.level === 0 ? 'bold' : 'regular', size, x: pdf.left + indent, width: pdf.contentWidth - indent - 50, gap: 0, goTo: e.dest });
      pdf.y = y;
      pdf.text(number, { size, x: pdf.left + pdf.contentWidth - 50, width: 50, align: 'right', gap: 0, goTo: e.dest });
      pdf.y = y + (e.level === 0 ? 17 : 14);
    }
  }
}

/** The running header and footer of every page: dossier id, page X of Y, and a Bates number when asked. */
export function drawFrame(pdf: Pdf, o: { dossierId: string; title: string; s: DossierStrings; bates?: string | undefined; batesStart?: number }): void {
  const range = pdf.doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    pdf.doc.switchToPage(i);
    const page = pdf.page;
    const margins = { ...page.margins };
    // Writing in the margins: pdfkit would otherwise start a new page below the bottom margin.
    page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const left = margins.left;
    const width = page.width - margins.left - margins.right;
    const headerY = Math.max(18, margins.top - 34);
    pdf.doc.fillColor(COLOR.muted);
    pdf.write(o.title, left, headerY, { width: width / 2, lineBreak: false, ellipsis: true }, 'regular', 7.5);
    pdf.doc.font('mono').fontSize(7.5).text(`${o.s.cover.dossierId} ${o.dossierId}`, left + width / 2, headerY, { width: width / 2, align: 'right', lineBreak: false });
    pdf.doc.moveTo(left, headerY + 12).lineTo(left + width, headerY + 12).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
    const footerY = page.height - Math.max(22, margins.bottom - 24);
    pdf.doc.moveTo(left, footerY - 6).lineTo(left + width, footerY - 6).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
    pdf.doc.font('sans').fontSize(8).fillColor(COLOR.muted).text(o.s.page(i - range.start + 1, total), left, footerY, { width, align: 'center', lineBreak: false });
    if (o.bates) pdf.doc.font('mono').fontSize(8).fillColor(COLOR.text).text(`${o.bates}${String((o.batesStart ?? 1) + i - range.start).padStart(6, '0')}`, left, footerY, { width, align: 'right', lineBreak: false });
    page.margins = margins;
  }
}
