import PDFDocument from 'pdfkit';
import { displayText, xmlText } from '../../util/display-text.js';
import { FONT_FILES, hasCjk, scriptRuns } from './fonts.js';

/**
 * pdfkit writes the document information into the XMP packet as it is, so a
 * title with "&", "<" or a control character from a page would make the XMP
 * ill-formed XML (and the PDF not PDF/A). While it writes the XMP, it is
 * given the same values escaped for XML.
 */
function xmlEscapeMetadata(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { info: Record<string, unknown>; _addInfo: () => void };
  const addInfo = d._addInfo.bind(doc);
  d._addInfo = () => {
    const info = d.info;
    d.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? xmlText(v) : v]));
    try {
      addInfo();
    } finally {
      d.info = info;
    }
  };
}

/** A4, in points. Margins leave room for the running header and footer. */
export const A4 = { width: 595.28, height: 841.89 };
/** US Letter, in points. */
export const LETTER = { width: 612, height: 792 };

/** The paper a dossier is printed on: Letter for US courts, A4 elsewhere. */
export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];
const PAPER_SIZE: Record<Paper, string> = { a4: 'A4', letter: 'LETTER' };
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

  readonly paper: Paper;
  /** set in French: its no-break spaces must survive, so nothing is justified */
  private readonly french: boolean;

  constructor(opts: { title: string; author: string; subject: string; lang: string; creationDate: Date; paper?: Paper }) {
    this.paper = opts.paper ?? 'a4';
    this.french = opts.lang.toLowerCase().startsWith('fr');
    this.doc = new PDFDocument({
      size: PAPER_SIZE[this.paper],
      margins: MARGIN,
      autoFirstPage: false,
      bufferPages: true,
      pdfVersion: '1.7',
      // PDF/A-3b: fonts embedded, XMP metadata, an sRGB output intent, and embedded files allowed.
      subset: 'PDF/A-3b',
      lang: opts.lang,
      displayTitle: true,
      // The document information and the XMP must say the same (PDF/A): both get the escaped text.
      info: { Title: displayText(opts.title), Author: displayText(opts.author), Subject: displayText(opts.subject), Creator: 'Exhibit', CreationDate: opts.creationDate, ModDate: opts.creationDate },
    } as PDFKit.PDFDocumentOptions);
    xmlEscapeMetadata(this.doc);
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
    this.compactPage();
    this.doc.addPage({ size: PAPER_SIZE[this.paper], layout: 'portrait', margins: MARGIN });
  }

  landscape(): void {
    this.compactPage();
    this.doc.addPage({ size: PAPER_SIZE[this.paper], layout: 'landscape', margins: LANDSCAPE_MARGIN });
  }

  /**
   * Pages are buffered until the end (for "page X of Y" and the contents),
   * and pdfkit holds a page's content as one small Buffer per drawing
   * operator: thousands of objects a page. Joined into one when the page
   * is left, a dossier of 2,000 pages holds a fraction of the memory.
   */
  private compactPage(): void {
    const content = (this.doc as unknown as { page?: { content?: { buffer?: Buffer[] } } }).page?.content;
    if (content?.buffer && content.buffer.length > 1) content.buffer = [Buffer.concat(content.buffer)];
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
    // pdfkit justifies by splitting lines at every \s, no-break spaces included, which it then drops:
    // "39,99 USD" and the narrow no-break space before a French colon would print as ordinary gaps.
    // French text, and any text with a no-break space, is set ragged right instead.
    const align = o.align === 'justify' && (this.french || NO_BREAK_SPACE.test(text)) ? 'left' : (o.align ?? 'left');
    const opts: PDFKit.Mixins.TextOptions = { width, align, lineGap: 1.5 };
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

  /** The width of a string as drawn: each run in the font that has its glyphs. */
  measure(text: string, weight: Weight = 'regular', size = 10): number {
    if (text === '') return 0;
    if (!hasCjk(text)) return this.doc.font(fontFor(false, weight)).fontSize(size).widthOfString(text);
    let w = 0;
    for (const r of scriptRuns(text)) w += this.doc.font(fontFor(r.cjk, weight)).fontSize(size).widthOfString(r.text);
    return w;
  }

  /**
   * Text broken into lines of at most `width` points, for a table cell or a
   * value beside its label. Lines break at spaces only: a price ("39.99 USD",
   * its parts joined by a no-break space), a currency, a word or an id is
   * never cut. A token wider than the cell on its own (a long id, an address)
   * is cut at a safe point: after _ - : , ; or before / . ? & = # — never
   * inside a number, never between the slashes of "://"; a run with no safe
   * point (a hash in a column too narrow for it) is cut between characters,
   * as CJK text is.
   */
  wrap(text: string, width: number, weight: Weight = 'regular', size = 10): string {
    const out: string[] = [];
    for (const para of text.split('\n')) {
      let line = '';
      for (const word of para.split(' ')) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (this.measure(candidate, weight, size) <= width) {
          line = candidate;
          continue;
        }
        if (line !== '') out.push(line);
        line = '';
        if (this.measure(word, weight, size) <= width) {
          line = word;
          continue;
        }
        const pieces = this.breakToken(word, width, weight, size);
        out.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1] ?? '';
      }
      out.push(line);
    }
    return out.join('\n');
  }

  /** A token wider than `width`, in pieces that fit: cut at safe points, or between characters where there is none. */
  private breakToken(token: string, width: number, weight: Weight, size: number): string[] {
    const pieces: string[] = [];
    let line = '';
    for (const segment of safeSegments(token)) {
      if (this.measure(line + segment, weight, size) <= width) {
        line += segment;
        continue;
      }
      if (line !== '') pieces.push(line);
      line = '';
      if (this.measure(segment, weight, size) <= width) {
        line = segment;
        continue;
      }
      for (const ch of segment) {
        if (line !== '' && this.measure(line + ch, weight, size) > width) {
          pieces.push(line);
          line = '';
        }
        line += ch;
      }
    }
    pieces.push(line);
    return pieces;
  }

  /** The widest token of a text (what `wrap` keeps whole when it can) and the widest piece it can be cut into. */
  private widest(text: string, weight: Weight, size: number): { token: number; piece: number } {
    let token = 0;
    let piece = 0;
    for (const word of text.split(/[ \n]/)) {
      if (word === '') continue;
      const w = this.measure(word, weight, size);
      token = Math.max(token, w);
      if (w <= piece) continue;
      const segments = safeSegments(word);
      piece = Math.max(piece, segments.length === 1 ? w : Math.max(...segments.map((x) => this.measure(x, weight, size))));
    }
    return { token, piece };
  }

  /** Label–value pairs in two columns. */
  pairs(rows: readonly (readonly [string, string, Weight?])[], o: { labelWidth?: number; size?: number } = {}): void {
    const size = o.size ?? 9.5;
    const lw = o.labelWidth ?? 130;
    const vw = this.contentWidth - lw - 8;
    for (const [rawLabel, rawValue, weight] of rows) {
      const label = this.wrap(rawLabel, lw, 'bold', size);
      const value = this.wrap(rawValue || '—', vw, weight ?? 'regular', size);
      const h = Math.max(this.heightOf(label, lw + slack(size), 'bold', size), this.heightOf(value, vw + slack(size), weight ?? 'regular', size)) + 2;
      this.ensure(h);
      const y = this.y;
      this.text(label, { weight: 'bold', size, color: COLOR.muted, width: lw + slack(size), gap: 0 });
      this.y = y;
      this.text(value, { weight: weight ?? 'regular', size, x: this.left + lw + 8, width: vw + slack(size), gap: 0 });
      this.y = y + h;
    }
    this.y += 4;
  }

  /**
   * Column widths for a table: each column's share of the width, widened
   * where a token in it (a price, an id, a hash, a word) would otherwise be
   * cut, the width taken from columns that have room to spare; only when the
   * whole tokens cannot all fit are the longest ones cut at safe points.
   */
  private columnWidths(columns: readonly Column[], rows: readonly (readonly string[])[], size: number, pad: number): number[] {
    const total = this.contentWidth;
    const shares = columns.reduce((sum, c) => sum + c.width, 0);
    const base = columns.map((c) => (c.width / shares) * total);
    // A column widens for its longest token up to its share or 30% of the width, whichever is more:
    // a longer token (an address, a long id) is cut at safe points rather than crush the other columns.
    const cap = (i: number) => Math.max(base[i]!, total * 0.3) - 2 * pad - SLACK;
    const pref: number[] = [];
    const least: number[] = [];
    columns.forEach((c, i) => {
      const head = this.widest(c.header, 'bold', size);
      let token = head.token;
      let piece = head.piece;
      for (const row of rows) {
        const w = this.widest(row[i] ?? '', c.weight ?? 'regular', c.size ?? size);
        token = Math.max(token, w.token);
        piece = Math.max(piece, w.piece);
      }
      pref.push(Math.min(token, cap(i)) + 2 * pad + SLACK);
      least.push(Math.min(piece, cap(i)) + 2 * pad + SLACK);
    });
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    const want = base.map((b, i) => Math.max(b, pref[i]!));
    const excess = sum(want) - total;
    if (excess <= 0.01) return want;
    const slack = want.map((w, i) => w - pref[i]!);
    if (sum(slack) >= excess) return want.map((w, i) => w - (excess * slack[i]!) / sum(slack));
    const over = sum(pref) - total;
    const cut = pref.map((p, i) => p - least[i]!);
    if (sum(cut) >= over) return pref.map((p, i) => p - (over * cut[i]!) / sum(cut));
    return least.map((l) => (l * total) / sum(least));
  }

  /**
   * A table that continues over pages, repeating its header. `below`, when
   * given, is a line under each row (a hash, say), set from column `from`
   * across to the right edge.
   */
  table(
    columns: readonly Column[],
    rows: readonly (readonly string[])[],
    o: { size?: number; zebra?: boolean; below?: readonly string[]; belowStyle?: { weight?: Weight; size?: number; color?: string; from?: number } } = {},
  ): void {
    const size = o.size ?? 8.5;
    const pad = 3;
    const widths = this.columnWidths(columns, rows, size, pad);
    const starts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
    const headers = columns.map((c, i) => this.wrap(c.header, widths[i]! - 2 * pad, 'bold', size));
    const belowStyle = { weight: o.belowStyle?.weight ?? 'mono', size: o.belowStyle?.size ?? 6.5, color: o.belowStyle?.color ?? COLOR.muted, from: o.belowStyle?.from ?? 0 };
    const belowX = (starts[belowStyle.from] ?? 0) + pad;
    const belowWidth = this.contentWidth - belowX - pad;
    const header = () => {
      const h = Math.max(...columns.map((_, i) => this.heightOf(headers[i]!, widths[i]! - 2 * pad + slack(size), 'bold', size))) + 2 * pad;
      this.ensure(h + 20);
      const y = this.y;
      this.doc.rect(this.left, y, this.contentWidth, h).fill(COLOR.faint);
      columns.forEach((_, i) => {
        this.y = y + pad;
        this.text(headers[i]!, { weight: 'bold', size, x: this.left + starts[i]! + pad, width: widths[i]! - 2 * pad + slack(size), gap: 0, color: COLOR.accent });
      });
      this.y = y + h;
    };
    header();
    rows.forEach((row, r) => {
      const cells = columns.map((c, i) => this.wrap(row[i] ?? '', widths[i]! - 2 * pad, c.weight ?? 'regular', c.size ?? size));
      const under = o.below?.[r] ? this.wrap(o.below[r], belowWidth, belowStyle.weight, belowStyle.size) : null;
      const cellsHeight = Math.max(...columns.map((c, i) => this.heightOf(cells[i]!, widths[i]! - 2 * pad + slack(c.size ?? size), c.weight ?? 'regular', c.size ?? size)));
      const underHeight = under === null ? 0 : this.heightOf(under, belowWidth + slack(belowStyle.size), belowStyle.weight, belowStyle.size) + 1;
      const h = cellsHeight + underHeight + 2 * pad;
      if (this.y + h > this.bottom) {
        this.portrait();
        header();
      }
      const y = this.y;
      if (o.zebra !== false && r % 2 === 1) this.doc.rect(this.left, y, this.contentWidth, h).fill('#f6f7f9');
      columns.forEach((c, i) => {
        this.y = y + pad;
        this.text(cells[i]!, { weight: c.weight ?? 'regular', size: c.size ?? size, x: this.left + starts[i]! + pad, width: widths[i]! - 2 * pad + slack(c.size ?? size), gap: 0 });
      });
      if (under !== null) {
        this.y = y + pad + cellsHeight + 1;
        this.text(under, { weight: belowStyle.weight, size: belowStyle.size, color: belowStyle.color, x: this.left + belowX, width: belowWidth + slack(belowStyle.size), gap: 0 });
      }
      this.y = y + h;
      this.doc.moveTo(this.left, this.y).lineTo(this.left + this.contentWidth, this.y).lineWidth(0.3).strokeColor(COLOR.rule).stroke();
    });
    this.y += 8;
  }
}

const NO_BREAK_SPACE = /[\u00a0\u202f]/;

/** Room pdfkit is given beyond a line measured to fit, so that it never breaks a line again. */
const SLACK = 1.5;

/**
 * The width to hand pdfkit for text already broken into lines: pdfkit
 * measures each line's last word with the newline after it, a glyph 0.6 em
 * wide in DejaVu, and would break that word off on its own.
 */
export function slack(size: number): number {
  return size * 0.65 + SLACK;
}

/** Characters a long token may be cut after (_ - : , ;) or before (/ . ? & = #). */
const CUT_AFTER = new Set(['_', '-', ':', ',', ';', '|']);
const CUT_BEFORE = new Set(['/', '.', '?', '&', '=', '#', '+', '@', '~']);
const DIGIT = /\d/;
const CJK_CHAR = /[\u2E80-\u2FFF\u3000-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF]/u;

/**
 * A token in the pieces it may be cut into. Never inside a number ("39.99",
 * "1,234"), never inside "://", never at a no-break space; on either side of
 * a CJK character.
 */
export function safeSegments(token: string): string[] {
  const chars = [...token];
  const segments: string[] = [];
  let current = '';
  chars.forEach((ch, i) => {
    const prev = chars[i - 1];
    const next = chars[i + 1];
    if (current !== '' && prev !== undefined && cutBetween(prev, ch, next, chars[i - 2])) {
      segments.push(current);
      current = '';
    }
    current += ch;
  });
  if (current !== '') segments.push(current);
  return segments;
}

function cutBetween(prev: string, ch: string, next: string | undefined, beforePrev: string | undefined): boolean {
  if (CJK_CHAR.test(prev) || CJK_CHAR.test(ch)) return true;
  // inside a number: 39.99, 1,234, 2026-10-01
  if ((CUT_AFTER.has(prev) || CUT_BEFORE.has(prev)) && beforePrev !== undefined && DIGIT.test(beforePrev) && DIGIT.test(ch)) return false;
  if (CUT_BEFORE.has(ch) && DIGIT.test(prev) && next !== undefined && DIGIT.test(next)) return false;
  // "://" and "//" stay whole, and so does "-" or "_" doubled
  if (ch === '/' && (prev === '/' || prev === ':')) return false;
  if (prev === ':' && ch === '/') return false;
  if (CUT_AFTER.has(prev)) return !CUT_AFTER.has(ch);
  if (CUT_BEFORE.has(ch)) return !CUT_BEFORE.has(prev);
  return false;
}

function fontFor(cjk: boolean, weight: Weight): string {
  if (cjk) return weight === 'bold' ? 'cjkBold' : 'cjk';
  return weight === 'mono' ? 'mono' : weight === 'bold' ? 'sansBold' : weight === 'oblique' ? 'sansOblique' : 'sans';
}
