import { corrupt } from './errors.js';
import { Lexer } from './lexer.js';
import { PdfKeyword, PdfString } from './objects.js';
import { utf16be } from './text-strings.js';

// A /ToUnicode CMap (§9.10.3): bfchar and bfrange sections mapping character
// codes to UTF-16BE text. pdfkit writes 2-byte codes in bfrange sections with
// arrays, 256 codes at a time.

/** More mappings than 1- and 2-byte codes allow is a bomb. */
const MAX_MAPPINGS = 1 << 17;

/** Code (as a big-endian number) → text. */
export type UnicodeMap = Map<number, string>;

const codeOf = (s: PdfString): number => s.bytes.reduce((v, b) => v * 256 + b, 0);

export function parseToUnicode(data: Buffer, where: string): UnicodeMap {
  const map: UnicodeMap = new Map();
  const lexer = new Lexer(data, 0, where, { references: false });
  const add = (code: number, text: string): void => {
    if (map.size >= MAX_MAPPINGS) throw corrupt(`${where}: more than ${MAX_MAPPINGS} mappings`);
    map.set(code, text);
  };
  const string = (what: string): PdfString => {
    const v = lexer.value();
    if (!(v instanceof PdfString)) throw corrupt(`${where}: ${what} is not a string`);
    return v;
  };
  for (let token = lexer.next(); token !== null; token = lexer.next()) {
    if (!(token instanceof PdfKeyword)) continue;
    if (token.word === 'beginbfchar') {
      while (!lexer.keyword('endbfchar')) {
        const code = codeOf(string('a bfchar code'));
        add(code, utf16be(string('a bfchar destination').bytes));
      }
    } else if (token.word === 'beginbfrange') {
      while (!lexer.keyword('endbfrange')) {
        const low = codeOf(string('a bfrange start'));
        const high = codeOf(string('a bfrange end'));
        if (high < low || high - low >= MAX_MAPPINGS) throw corrupt(`${where}: bfrange ${low}–${high}`);
        const dst = lexer.value();
        if (Array.isArray(dst)) {
          dst.slice(0, high - low + 1).forEach((d, i) => {
            if (!(d instanceof PdfString)) throw corrupt(`${where}: a bfrange array item is not a string`);
            add(low + i, utf16be(d.bytes));
          });
        } else if (dst instanceof PdfString) {
          // Consecutive codes map to consecutive text: the last UTF-16 unit counts up.
          const base = Buffer.from(dst.bytes);
          const last = base.length >= 2 ? base.readUInt16BE(base.length - 2) : 0;
          for (let code = low; code <= high; code++) {
            if (base.length >= 2) base.writeUInt16BE((last + code - low) & 0xffff, base.length - 2);
            add(code, utf16be(base));
          }
        } else throw corrupt(`${where}: a bfrange destination is neither a string nor an array`);
      }
    }
  }
  return map;
}
