import { corrupt } from './errors.js';
import { PdfKeyword, PdfName, PdfRef, PdfString, type PdfDict, type PdfValue } from './objects.js';

// Tokens and direct objects (PDF 32000-1 §7.2–7.3), shared by the file's
// objects, cross-reference streams, content streams and CMaps.

/** Deeper nesting than this is an attack, not a document. */
export const MAX_DEPTH = 64;

const WHITESPACE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;

export const isWhitespace = (c: number | undefined): boolean => c !== undefined && WHITESPACE[c] === 1;
const isRegular = (c: number | undefined): c is number => c !== undefined && WHITESPACE[c] !== 1 && DELIMITER[c] !== 1;
const isDigit = (c: number | undefined): c is number => c !== undefined && c >= 0x30 && c <= 0x39;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export interface LexerOptions {
  /** Read `n g R` as a reference (objects do, content streams do not). */
  references: boolean;
}

/** A value, or a keyword (an operator in a content stream). */
export type Token = PdfValue | PdfKeyword;

export class Lexer {
  constructor(
    readonly src: Buffer,
    public pos: number,
    /** Names the stream or object being read, for error messages. */
    readonly where: string,
    private readonly options: LexerOptions = { references: true },
  ) {}

  private fail(what: string, at = this.pos): never {
    throw corrupt(`${this.where}: ${what} at byte ${at}`);
  }

  skipSpace(): void {
    const { src } = this;
    for (;;) {
      const c = src[this.pos];
      if (isWhitespace(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < src.length && src[this.pos] !== 0x0a && src[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.src.length;
  }

  /** The next token, or null at the end of the data. */
  next(): Token | null {
    this.skipSpace();
    if (this.pos >= this.src.length) return null;
    return this.token(0);
  }

  /** The next token, which must be a value (not a keyword). */
  value(): PdfValue {
    this.skipSpace();
    const at = this.pos;
    const token = this.pos < this.src.length ? this.token(0) : this.fail('unexpected end of data');
    if (token instanceof PdfKeyword) this.fail(`unexpected keyword '${token.word}'`, at);
    return token;
  }

  /** Consumes `word` if it comes next. */
  keyword(word: string): boolean {
    this.skipSpace();
    const end = this.pos + word.length;
    if (this.src.toString('latin1', this.pos, end) !== word || isRegular(this.src[end])) return false;
    this.pos = end;
    return true;
  }

  expectKeyword(word: string): void {
    if (!this.keyword(word)) this.fail(`expected '${word}'`);
  }

  private token(depth: number): Token {
    if (depth > MAX_DEPTH) this.fail(`objects nested deeper than ${MAX_DEPTH}`);
    const c = this.src[this.pos] ?? 0;
    switch (c) {
      case 0x2f: // /
        return this.name();
      case 0x28: // (
        return this.literalString();
      case 0x3c: // <
        return this.src[this.pos + 1] === 0x3c ? this.dictionary(depth) : this.hexString();
      case 0x5b: // [
        return this.array(depth);
      case 0x7b: // { }: PostScript procedures, only in CMaps; passed on as keywords
      case 0x7d:
        this.pos++;
        return new PdfKeyword(String.fromCharCode(c));
      default:
        if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) return this.numberOrRef();
        if (isRegular(c)) return this.bareWord();
        return this.fail(`unexpected '${String.fromCharCode(c)}'`);
    }
  }

  private bareWord(): Token {
    const start = this.pos;
    while (isRegular(this.src[this.pos])) this.pos++;
    const word = this.src.toString('latin1', start, this.pos);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new PdfKeyword(word);
  }

  private numberOrRef(): Token {
    const start = this.pos;
    const n = this.number();
    if (!this.options.references || !Number.isInteger(n) || n < 0 || this.src[start] === 0x2b) return n;
    // `12 0 R`: look ahead for a generation number and R without committing.
    const after = this.pos;
    this.skipSpace();
    const genStart = this.pos;
    while (isDigit(this.src[this.pos])) this.pos++;
    if (this.pos > genStart && !isRegular(this.src[this.pos])) {
      const gen = Number(this.src.toString('latin1', genStart, this.pos));
      this.skipSpace();
      if (this.src[this.pos] === 0x52 && !isRegular(this.src[this.pos + 1])) {
        this.pos++;
        return new PdfRef(n, gen);
      }
    }
    this.pos = after;
    return n;
  }

  private number(): number {
    const start = this.pos;
    const { src } = this;
    if (src[this.pos] === 0x2b || src[this.pos] === 0x2d) this.pos++;
    const digitsFrom = this.pos;
    while (isDigit(src[this.pos])) this.pos++;
    let digits = this.pos - digitsFrom;
    if (src[this.pos] === 0x2e) {
      const fractionFrom = ++this.pos;
      while (isDigit(src[this.pos])) this.pos++;
      digits += this.pos - fractionFrom;
    }
    if (digits === 0 || isRegular(src[this.pos])) {
      while (isRegular(src[this.pos])) this.pos++;
      this.fail(`malformed number '${src.toString('latin1', start, this.pos)}'`, start);
    }
    const n = Number(src.toString('latin1', start, this.pos));
    if (!Number.isFinite(n)) this.fail('number out of range', start);
    return n;
  }

  private name(): PdfName {
    const { src } = this;
    this.pos++;
    const bytes: number[] = [];
    while (isRegular(src[this.pos])) {
      const c = src[this.pos] ?? 0;
      if (c === 0x23) {
        const hi = hexValue(src[this.pos + 1] ?? 0);
        const lo = hexValue(src[this.pos + 2] ?? 0);
        if (hi < 0 || lo < 0) this.fail('bad #xx escape in a name');
        bytes.push(hi * 16 + lo);
        this.pos += 3;
      } else {
        bytes.push(c);
        this.pos++;
      }
    }
    return new PdfName(Buffer.from(bytes).toString('latin1'));
  }

  private literalString(): PdfString {
    const { src } = this;
    const start = this.pos++;
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      if (this.pos >= src.length) this.fail('unterminated string', start);
      const c = src[this.pos++] ?? 0;
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      if (c === 0x5c) {
        this.escape(out);
        continue;
      }
      if (c === 0x0d) {
        // An end of line inside a string reads as \n, whichever form it takes.
        if (src[this.pos] === 0x0a) this.pos++;
        out.push(0x0a);
        continue;
      }
      out.push(c);
    }
    return new PdfString(Buffer.from(out));
  }

  private escape(out: number[]): void {
    const { src } = this;
    const e = src[this.pos++];
    const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
    if (e === undefined) this.fail('unterminated string');
    const mapped = simple[e];
    if (mapped !== undefined) out.push(mapped);
    else if (e >= 0x30 && e <= 0x37) {
      let v = e - 0x30;
      for (let i = 0; i < 2 && (src[this.pos] ?? 0) >= 0x30 && (src[this.pos] ?? 0) <= 0x37; i++) v = v * 8 + (src[this.pos++] ?? 0) - 0x30;
      out.push(v & 0xff);
    } else if (e === 0x0d) {
      if (src[this.pos] === 0x0a) this.pos++; // a backslash before an end of line continues the string
    } else if (e !== 0x0a) out.push(e); // an unknown escape stands for the character itself
  }

  private hexString(): PdfString {
    const { src } = this;
    const start = this.pos++;
    const out: number[] = [];
    let high = -1;
    for (;;) {
      const c = src[this.pos++];
      if (c === undefined) this.fail('unterminated hex string', start);
      if (c === 0x3e) break;
      if (isWhitespace(c)) continue;
      const v = hexValue(c);
      if (v < 0) this.fail('bad character in a hex string', this.pos - 1);
      if (high < 0) high = v;
      else {
        out.push(high * 16 + v);
        high = -1;
      }
    }
    if (high >= 0) out.push(high * 16); // an odd digit count means a trailing 0
    return new PdfString(Buffer.from(out));
  }

  private array(depth: number): PdfValue[] {
    const start = this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.src.length) this.fail('unterminated array', start);
      if (this.src[this.pos] === 0x5d) {
        this.pos++;
        return items;
      }
      const at = this.pos;
      const item = this.token(depth + 1);
      if (item instanceof PdfKeyword) this.fail(`unexpected keyword '${item.word}' in an array`, at);
      items.push(item);
    }
  }

  private dictionary(depth: number): PdfDict {
    const start = this.pos;
    this.pos += 2;
    const dict: PdfDict = new Map();
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.src.length) this.fail('unterminated dictionary', start);
      if (this.src[this.pos] === 0x3e && this.src[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return dict;
      }
      if (this.src[this.pos] !== 0x2f) this.fail('dictionary key is not a name');
      const key = this.name().name;
      this.skipSpace();
      const at = this.pos;
      if (at >= this.src.length) this.fail('unterminated dictionary', start);
      const value = this.token(depth + 1);
      if (value instanceof PdfKeyword) this.fail(`unexpected keyword '${value.word}' in a dictionary`, at);
      // A null value means the key is absent (§7.3.7).
      if (value !== null) dict.set(key, value);
    }
  }
}
