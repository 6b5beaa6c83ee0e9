import PDFDocument from 'pdfkit';
import { FONT_FILES, hasCjk, scriptRuns } from './fonts.js';

/** A4, in points. Margins leave room for the running header and footer. */
export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 62, bottom: 58, left: 56, right: 56 };
export const LANDSCAPE_MARGIN = { top: 50, bottom: 46, left: 36, right: 36 };

export const COLOR = { text: '#111111', muted: '#555555', rule: '#9a9a9a', faint: '#e9ecf1', accent: '#1f3a5f', warn: '#8a1c1c' };

export type Weight = 'regular' | 'bold' | 'oblique' | 'mono';

export interface TocEntry {
  title: string;
  level: 0 | 1;
  dest: string;
  /** 0-based page index */
  page: number;
}

export interface Column {
  header: string;
  /** share of the table's width */
  width: number;
  weight?: Weight;
  size?: number;
}

/**
 * The dossier's drawing surface: pdfkit with its fonts registered, text that
 * picks a font with the glyphs it needs (Noto Sans SC for any string with
 * CJK, DejaVu for everything else), headings that feed the table of contents
 * and the PDF outline, and tables that break across pages with their
 * header repeated. Pages are buffered so the header, footer, page count and
 * table of contents can be written once the page count is known.
 */
export class Pdf {
  readonly doc: PDFKit.PDFDocument;
  readonly toc: TocEntry[] = [];
  private destCount = 0;

  constructor(opts: { title: string; author: string; subject: string; lang: string; creationDate: Date }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      autoFirstPage: false,
      bufferPages: true,
      pdfVersion: '1.7',
      // PDF/A-3b: fonts embedded, XMP metadata, an sRGB output intent, and embedded files allowed.
      subset: 'PDF/A-3b',
      lang: opts.lang,
      displayTitle: true,
      info: { Title: opts.title, Author: opts.author, Subject: opts.subject, Creator: 'Exhibit', CreationDate: opts.creationDate, ModDate: opts.creationDate },
    } as PDFKit.PDFDocumentOptions);
    for (const [name, path] of Object.entries(FONT_FILES)) this.doc.registerFont(name, path);
    this.doc.font('sans');
  }

  get page(): PDFKit.PDFPage {
    return this.doc.page;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(v: number) {
    this.doc.y = v;
  }

  get left(): number {
    return this.page.margins.left;
  }

  get contentWidth(): number {
    return this.page.width - this.page.margins.left - this.page.margins.right;
  }

  get bottom(): number {
    return this.page.height - this.page.margins.bottom;
  }

  get pageIndex(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  portrait(): void {
    this.doc.addPage({ size: 'A4', layout: 'portrait', margins: MARGIN });
  }

  landscape(): void {
    this.doc.addPage({ size: 'A4', layout: 'landscape', margins: LANDSCAPE_MARGIN });
  }

  /** Sets the font for a string: one with its glyphs, in the weight asked for. */
  use(text: string, weight: Weight = 'regular', size = 10): this {
    this.doc.font(fontFor(hasCjk(text), weight)).fontSize(size);
    return this;
  }

  /**
   * Writes text at (x, y), or where the last text left off. A string that
   * mixes CJK with other scripts is set run by run, each in a font that has
   * its glyphs (Noto Sans SC has no Hebrew or Arabic, DejaVu no Han).
   */
  write(text: string, x: number | undefined, y: number | undefined, opts: PDFKit.Mixins.TextOptions, weight: Weight, size: number): void {
    const runs = hasCjk(text) ? scriptRuns(text) : [{ text, cjk: false }];
    runs.forEach((r, i) => {
      this.doc.font(fontFor(r.cjk, weight)).fontSize(size);
      const o = { ...opts, continued: i < runs.length - 1 };
      if (i === 0) this.doc.text(r.text, x, y, o);
      else this.doc.text(r.text, o);
    });
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.portrait();
  }

  text(text: string, o: { weight?: Weight; size?: number; color?: string; gap?: number; width?: number; x?: number; align?: 'left' | 'center' | 'right' | 'justify'; goTo?: string } = {}): void {
    this.doc.fillColor(o.color ?? COLOR.text);
    const width = o.width ?? this.contentWidth - ((o.x ?? this.left) - this.left);
    const opts: PDFKit.Mixins.TextOptions = { width, align: o.align ?? 'left', lineGap: 1.5 };
    if (o.goTo) opts.goTo = o.goTo;
    this.write(text, o.x ?? this.left, this.y, opts, o.weight ?? 'regular', o.size ?? 10);
    this.y += o.gap ?? 4;
  }

  heightOf(text: string, width: number, weight: Weight = 'regular', size = 10): number {
    this.use(text, weight, size);
    return this.doc.heightOfString(text || ' ', { width, lineGap: 1.5 });
  }

  /** A heading: a named destination, an outline entry and a line in the table of contents. */
  heading(title: string, level: 0 | 1 | 2, o: { newPage?: boolean; outline?: PDFKit.PDFOutline } = {}): PDFKit.PDFOutline | undefined {
    if (o.newPage) this.portrait();
    else this.ensure(level === 0 ? 90 : 70);
    const dest = `d${++this.destCount}`;
    this.doc.addNamedDestination(dest, 'XYZ', this.left, this.page.height - this.y, null as unknown as number);
    let item: PDFKit.PDFOutline | undefined;
    if (level < 2) {
      this.toc.push({ title, level: level as 0 | 1, dest, page: this.pageIndex });
      item = (o.outline ?? this.doc.outline).addItem(title);
    }
    const size = level === 0 ? 17 : level === 1 ? 13 : 11;
    this.text(title, { weight: 'bold', size, color: COLOR.accent, gap: level === 0 ? 4 : 3 });
    if (level === 0) {
      this.doc.moveTo(this.left, this.y).lineTo(this.left + this.contentWidth, this.y).lineWidth(0.8).strokeColor(COLOR.accent).stroke();
      this.y += 10;
    } else {
      this.y += 2;
    }
    return item;
  }

  /** Label–value pairs in two columns. */
  pairs(rows: readonly (readonly [string, string, Weight?])[], o: { labelWidth?: number; size?: number } = {}): void {
    const size = o.size ?? 9.5;
    const lw = o.labelWidth ?? 130;
    const vw = this.contentWidth - lw - 8;
    for (const [label, value, weight] of rows) {
      const h = Math.max(this.heightOf(label, lw, 'bold', size), this.heightOf(value || '—', vw, weight ?? 'regular', size)) + 2;
      this.ensure(h);
      const y = this.y;
      this.text(label, { weight: 'bold', size, color: COLOR.muted, width: lw, gap: 0 });
      this.y = y;
      this.text(value || '—', { weight: weight ?? 'regular', size, x: this.left + lw + 8, width: vw, gap: 0 });
      this.y = y + h;
    }
    this.y += 4;
  }

  /** A table that continues over pages, repeating its header. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[], o: { size?: number; zebra?: boolean } = {}): void {
    const size = o.size ?? 8.5;
    const pad = 3;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.contentWidth);
    const header = () => {
      const h = Math.max(...columns.map((c, i) => this.heightOf(c.header, widths[i]! - 2 * pad, 'bold', size))) + 2 * pad;
      this.ensure(h + 20);
      const y = this.y;
      this.doc.rect(this.left, y, this.contentWidth, h).fill(COLOR.faint);
      let x = this.left;
      columns.forEach((c, i) => {
        this.y = y + pad;
        this.text(c.header, { weight: 'bold', size, x: x + pad, width: widths[i]! - 2 * pad, gap: 0, color: COLOR.accent });
        x += widths[i]!;
      });
      this.y = y + h;
    };
    header();
    rows.forEach((row, r) => {
      const h = Math.max(...columns.map((c, i) => this.heightOf(row[i] ?? '', widths[i]! - 2 * pad, c.weight ?? 'regular', c.size ?? size))) + 2 * pad;
      if (this.y + h > this.bottom) {
        this.portrait();
        header();
      }
      const y = this.y;
      if (o.zebra !== false && r % 2 === 1) this.doc.rect(this.left, y, this.contentWidth, h).fill('#f6f7f9');
      let x = this.left;
      columns.forEach((c, i) => {
        this.y = y + pad;
        this.text(row[i] ?? '', { weight: c.weight ?? 'regular', size: c.size ?? size, x: x + pad, width: widths[i]! - 2 * pad, gap: 0 });
        x += widths[i]!;
      });
      this.y = y + h;
      this.doc.moveTo(this.left, this.y).lineTo(this.left + this.contentWidth, this.y).lineWidth(0.3).strokeColor(COLOR.rule).stroke();
    });
    this.y += 8;
  }
}

function fontFor(cjk: boolean, weight: Weight): string {
  if (cjk) return weight === 'bold' ? 'cjkBold' : 'cjk';
  return weight === 'mono' ? 'mono' : weight === 'bold' ? 'sansBold' : weight === 'oblique' ? 'sansOblique' : 'sans';
}
