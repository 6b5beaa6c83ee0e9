import type { PdfFile, PdfPage } from './document.js';
import { corrupt, unsupported } from './errors.js';
import { loadFont, type PdfFont } from './fonts.js';
import { Lexer } from './lexer.js';
import { PdfKeyword, PdfName, PdfStream, PdfString, isName, type PdfDict, type PdfValue } from './objects.js';

// The text of a page, line by line, from its content stream (§9.4). The goal
// is that each line pdfkit wrote comes back as one line, so a hash printed on
// one line is found as one string: a move down starts a new line, a gap wider
// than a fifth of the font size (or a TJ kerning below -200) is a word space.

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const MAX_OPERANDS = 4096;
const MAX_SAVES = 4096;
const MAX_FORM_DEPTH = 16;

/** m × n, PDF's row-vector order: apply m, then n. */
function mul(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

interface GraphicsState {
  ctm: Matrix;
  font: PdfFont | null;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
}

/** Builds lines from positioned runs of text. */
class LineCollector {
  private readonly lines: string[] = [];
  private line = '';
  private y: number | null = null;
  private endX = 0;
  private size = 0;

  moveTo(x: number, y: number, size: number): void {
    if (this.y !== null && Math.abs(y - this.y) > 0.4 * Math.max(size, this.size)) this.newLine();
    else if (this.y !== null && x - this.endX > 0.2 * size) this.space();
    this.y = y;
    this.size = size;
  }

  append(text: string): void {
    this.line += text;
  }

  space(): void {
    if (this.line !== '' && !this.line.endsWith(' ')) this.line += ' ';
  }

  endAt(x: number): void {
    this.endX = x;
  }

  private newLine(): void {
    const line = this.line.trimEnd();
    if (line !== '') this.lines.push(line);
    this.line = '';
  }

  finish(): string[] {
    this.newLine();
    return this.lines;
  }
}

export type FontCache = Map<PdfDict, PdfFont>;

export function pageText(file: PdfFile, page: PdfPage, where: string, fonts: FontCache): string {
  const contents = file.resolve(page.dict.get('Contents'));
  const streams = contents === null ? [] : Array.isArray(contents) ? contents.map((c, i) => file.stream(c, `${where}: /Contents[${i}]`)) : [file.stream(contents, `${where}: /Contents`)];
  // Content streams split only between tokens; a newline keeps the last token of one from running into the next.
  const data = Buffer.concat(streams.flatMap((s) => [file.decode(s), Buffer.from('\n')]));
  const lines = new LineCollector();
  new ContentRun(file, lines, fonts, where).run(data, page.resources, initialState(IDENTITY), []);
  return lines.finish().join('\n');
}

const initialState = (ctm: Matrix): GraphicsState => ({ ctm, font: null, size: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0 });

class ContentRun {
  constructor(
    private readonly file: PdfFile,
    private readonly lines: LineCollector,
    private readonly fonts: FontCache,
    private readonly where: string,
  ) {}

  run(data: Buffer, resources: PdfDict, start: GraphicsState, forms: PdfStream[]): void {
    const lexer = new Lexer(data, 0, this.where, { references: false });
    const saved: GraphicsState[] = [];
    let gs: GraphicsState = { ...start };
    let tm: Matrix = IDENTITY;
    let tlm: Matrix = IDENTITY;
    let operands: PdfValue[] = [];
    const fail = (message: string): never => {
      throw corrupt(`${this.where}: ${message} (content stream byte ${lexer.pos})`);
    };
    const nums = (op: string, n: number): number[] => {
      const args = operands.slice(-n);
      if (args.length < n || args.some((a) => typeof a !== 'number')) fail(`operator ${op} needs ${n} numbers`);
      return args as number[];
    };
    const string = (op: string): Buffer => {
      const s = operands[operands.length - 1];
      if (!(s instanceof PdfString)) return fail(`operator ${op} needs a string`);
      return s.bytes;
    };
    const moveLine = (tx: number, ty: number): void => {
      tlm = mul([1, 0, 0, 1, tx, ty], tlm);
      tm = tlm;
    };
    const show = (bytes: Buffer, continuing: boolean): void => {
      const font = gs.font ?? fail('text shown before a font was set (Tf)');
      const start = mul(tm, gs.ctm);
      if (!continuing) this.lines.moveTo(start[4], start[5], Math.abs(gs.size) * Math.hypot(start[2], start[3]));
      for (const glyph of font.glyphs(bytes)) {
        this.lines.append(glyph.text.replaceAll('\0', ''));
        advance(((glyph.width / 1000) * gs.size + gs.charSpacing + (glyph.wordSpace ? gs.wordSpacing : 0)) * gs.scale);
      }
      this.lines.endAt(mul(tm, gs.ctm)[4]);
    };
    const advance = (tx: number): void => {
      tm = [tm[0], tm[1], tm[2], tm[3], tm[4] + tx * tm[0], tm[5] + tx * tm[1]];
    };

    for (let token = lexer.next(); token !== null; token = lexer.next()) {
      if (!(token instanceof PdfKeyword)) {
        if (operands.length >= MAX_OPERANDS) fail(`more than ${MAX_OPERANDS} operands`);
        operands.push(token);
        continue;
      }
      switch (token.word) {
        case 'q':
          if (saved.length >= MAX_SAVES) fail(`graphics states nested deeper than ${MAX_SAVES}`);
          saved.push({ ...gs });
          break;
        case 'Q':
          gs = saved.pop() ?? gs;
          break;
        case 'cm':
          gs.ctm = mul(nums('cm', 6) as Matrix, gs.ctm);
          break;
        case 'BT':
          tm = tlm = IDENTITY;
          break;
        case 'Tf': {
          const [name, size] = operands.slice(-2);
          if (!(name instanceof PdfName) || typeof size !== 'number') fail('operator Tf needs a font name and a size');
          gs.font = this.font(resources, (name as PdfName).name);
          gs.size = size as number;
          break;
        }
        case 'Tc':
          [gs.charSpacing] = nums('Tc', 1) as [number];
          break;
        case 'Tw':
          [gs.wordSpacing] = nums('Tw', 1) as [number];
          break;
        case 'Tz':
          gs.scale = (nums('Tz', 1)[0] ?? 100) / 100;
          break;
        case 'TL':
          [gs.leading] = nums('TL', 1) as [number];
          break;
        case 'Td':
        case 'TD': {
          const [tx, ty] = nums(token.word, 2) as [number, number];
          if (token.word === 'TD') gs.leading = -ty;
          moveLine(tx, ty);
          break;
        }
        case 'Tm':
          tm = tlm = nums('Tm', 6) as Matrix;
          break;
        case 'T*':
          moveLine(0, -gs.leading);
          break;
        case 'Tj':
          show(string('Tj'), false);
          break;
        case "'":
          moveLine(0, -gs.leading);
          show(string("'"), false);
          break;
        case '"': {
          const bytes = string('"');
          const [aw, ac] = operands.slice(-3, -1);
          if (typeof aw !== 'number' || typeof ac !== 'number') fail('operator " needs two numbers and a string');
          gs.wordSpacing = aw as number;
          gs.charSpacing = ac as number;
          moveLine(0, -gs.leading);
          show(bytes, false);
          break;
        }
        case 'TJ': {
          const items = operands[operands.length - 1];
          if (!Array.isArray(items)) fail('operator TJ needs an array');
          let placed = false;
          for (const item of items as PdfValue[]) {
            if (item instanceof PdfString) {
              // Only the first string is placed; the rest follow it, spaced by the numbers between.
              show(item.bytes, placed);
              placed = true;
            } else if (typeof item === 'number') {
              // pdfkit justifies by turning spaces into kerning: a big negative one is a word gap.
              if (item < -200 && placed) this.lines.space();
              advance((-item / 1000) * gs.size * gs.scale);
            } else fail('a TJ array item is neither a string nor a number');
          }
          this.lines.endAt(mul(tm, gs.ctm)[4]);
          break;
        }
        case 'Do': {
          const name = operands[operands.length - 1];
          if (!(name instanceof PdfName)) fail('operator Do needs a name');
          this.form(resources, (name as PdfName).name, gs, forms);
          break;
        }
        case 'BI':
          throw unsupported(`${this.where}: inline images are not supported`);
      }
      operands = [];
    }
  }

  private font(resources: PdfDict, name: string): PdfFont {
    const fonts = this.file.optionalDict(resources.get('Font'), `${this.where}: /Resources /Font`);
    const value = fonts?.get(name);
    if (value === undefined) throw corrupt(`${this.where}: font /${name} is not in the page's resources`);
    const dict = this.file.dict(value, `${this.where}: font /${name}`);
    let font = this.fonts.get(dict);
    if (font === undefined) {
      font = loadFont(this.file, dict, `${this.where}: font /${name}`);
      this.fonts.set(dict, font);
    }
    return font;
  }

  /** A form XObject's text belongs to the page too; images are skipped. */
  private form(resources: PdfDict, name: string, gs: GraphicsState, forms: PdfStream[]): void {
    const xobjects = this.file.optionalDict(resources.get('XObject'), `${this.where}: /Resources /XObject`);
    const stream = this.file.stream(xobjects?.get(name), `${this.where}: XObject /${name}`);
    if (!isName(stream.dict.get('Subtype'), 'Form')) return;
    if (forms.includes(stream)) throw corrupt(`${this.where}: form XObject /${name} draws itself`);
    if (forms.length >= MAX_FORM_DEPTH) throw corrupt(`${this.where}: form XObjects nested deeper than ${MAX_FORM_DEPTH}`);
    const matrix = this.file.resolve(stream.dict.get('Matrix'));
    const m = Array.isArray(matrix) && matrix.length === 6 && matrix.every((v) => typeof v === 'number') ? (matrix as Matrix) : IDENTITY;
    const own = this.file.optionalDict(stream.dict.get('Resources'), `${this.where}: XObject /${name} /Resources`);
    this.run(this.file.decode(stream), own ?? resources, { ...gs, ctm: mul(m, gs.ctm) }, [...forms, stream]);
  }
}
