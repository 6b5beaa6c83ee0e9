import { parseToUnicode, type UnicodeMap } from './cmap.js';
import type { PdfFile } from './document.js';
import { corrupt, unsupported } from './errors.js';
import { isName, type PdfDict } from './objects.js';

// What text extraction needs from a font: how a shown string splits into
// codes, each code's text (from /ToUnicode) and its advance width (to tell a
// word gap from the next letter).

export interface Glyph {
  text: string;
  /** Advance in glyph space (thousandths of the font size). */
  width: number;
  /** A single-byte code 32, to which word spacing (Tw) applies. */
  wordSpace: boolean;
}

export interface PdfFont {
  glyphs(bytes: Buffer): Glyph[];
}

const MAX_WIDTHS = 1 << 17;
// Standard 14 fonts come without /Widths; half an em is close enough to place words.
const GUESSED_WIDTH = 500;
// pdfkit's standard fonts use WinAnsiEncoding, which is Windows-1252.
const WIN_ANSI = [...new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i))];

export function loadFont(file: PdfFile, font: PdfDict, where: string): PdfFont {
  const toUnicode = font.has('ToUnicode') ? parseToUnicode(file.decode(file.stream(font.get('ToUnicode'), `${where}: /ToUnicode`)), `${where}: /ToUnicode`) : null;
  if (isName(font.get('Subtype'), 'Type0')) return compositeFont(file, font, toUnicode, where);
  return simpleFont(file, font, toUnicode, where);
}

/** A Type0 font with Identity-H/V: two bytes a code, the code being the CID. pdfkit's embedded TrueType subsets are these. */
function compositeFont(file: PdfFile, font: PdfDict, toUnicode: UnicodeMap | null, where: string): PdfFont {
  const encoding = file.resolve(font.get('Encoding'));
  if (!isName(encoding, 'Identity-H') && !isName(encoding, 'Identity-V')) throw unsupported(`${where}: composite font encoding other than Identity-H/V`);
  const descendant = file.dict(file.array(font.get('DescendantFonts'), `${where}: /DescendantFonts`)[0], `${where}: /DescendantFonts[0]`);
  const defaultWidth = file.resolve(descendant.get('DW'));
  const widths = cidWidths(file, descendant, where);
  const fallback = typeof defaultWidth === 'number' ? defaultWidth : 1000;
  return {
    glyphs(bytes) {
      const glyphs: Glyph[] = [];
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        const code = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
        glyphs.push({ text: toUnicode?.get(code) ?? '\ufffd', width: widths.get(code) ?? fallback, wordSpace: false });
      }
      return glyphs;
    },
  };
}

/** The descendant font's /W: `c [w1 w2 …]` or `cFirst cLast w` (§9.7.4.3). */
function cidWidths(file: PdfFile, descendant: PdfDict, where: string): Map<number, number> {
  const widths = new Map<number, number>();
  if (!descendant.has('W')) return widths;
  const w = file.array(descendant.get('W'), `${where}: /W`).map((v) => file.resolve(v));
  const num = (i: number): number => {
    const v = w[i];
    if (typeof v !== 'number') throw corrupt(`${where}: /W item ${i} is not a number`);
    return v;
  };
  for (let i = 0; i < w.length; ) {
    const first = num(i);
    const next = w[i + 1];
    if (Array.isArray(next)) {
      next.forEach((width, k) => widths.set(first + k, typeof width === 'number' ? width : 0));
      i += 2;
    } else {
      const last = num(i + 1);
      if (last - first > MAX_WIDTHS) throw corrupt(`${where}: /W range ${first}–${last}`);
      for (let c = first; c <= last; c++) widths.set(c, num(i + 2));
      i += 3;
    }
    if (widths.size > MAX_WIDTHS) throw corrupt(`${where}: /W lists too many widths`);
  }
  return widths;
}

/** One byte a code; text from /ToUnicode, else read as WinAnsiEncoding (pdfkit's standard fonts). */
function simpleFont(file: PdfFile, font: PdfDict, toUnicode: UnicodeMap | null, where: string): PdfFont {
  const firstChar = file.resolve(font.get('FirstChar'));
  const widthList = font.has('Widths') ? file.array(font.get('Widths'), `${where}: /Widths`).map((v) => file.resolve(v)) : null;
  const widthOf = (code: number): number => {
    if (widthList === null || typeof firstChar !== 'number') return GUESSED_WIDTH;
    const v = widthList[code - firstChar];
    return typeof v === 'number' ? v : 0;
  };
  return {
    glyphs(bytes) {
      return [...bytes].map((code) => ({ text: toUnicode?.get(code) ?? WIN_ANSI[code] ?? '\ufffd', width: widthOf(code), wordSpace: code === 32 }));
    },
  };
}
