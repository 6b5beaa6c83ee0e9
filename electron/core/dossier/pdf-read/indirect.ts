import { corrupt } from './errors.js';
import { Lexer } from './lexer.js';
import { PdfStream, integer, isDict, type PdfValue } from './objects.js';

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfValue;
}

/**
 * Reads `num gen obj … endobj` at `offset`. A stream's /Length may be an
 * indirect reference: `lengthOf` resolves it (and guards against cycles).
 */
export function parseIndirectObject(src: Buffer, offset: number, lengthOf: (length: PdfValue | undefined, num: number) => number): IndirectObject {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= src.length) throw corrupt(`object offset ${offset} is outside the file`);
  const lexer = new Lexer(src, offset, `object at byte ${offset}`);
  const num = integer(lexer.value(), `the object number at byte ${offset}`);
  const gen = integer(lexer.value(), `the generation number at byte ${offset}`);
  lexer.expectKeyword('obj');
  const value = lexer.value();
  if (isDict(value) && lexer.keyword('stream')) {
    // The data starts after the end of line that follows the keyword: CRLF or LF (a lone CR is tolerated).
    if (src[lexer.pos] === 0x0d) lexer.pos++;
    if (src[lexer.pos] === 0x0a) lexer.pos++;
    const start = lexer.pos;
    const length = lengthOf(value.get('Length'), num);
    if (start + length > src.length) throw corrupt(`object ${num}: stream /Length ${length} runs past the end of the file`);
    lexer.pos = start + length;
    if (!lexer.keyword('endstream')) throw corrupt(`object ${num}: stream /Length ${length} does not end at 'endstream' (byte ${start + length})`);
    lexer.expectKeyword('endobj');
    return { num, gen, value: new PdfStream(value, src.subarray(start, start + length), `object ${num}`) };
  }
  if (!lexer.keyword('endobj')) throw corrupt(`object ${num} at byte ${offset}: expected 'endobj' at byte ${lexer.pos}`);
  return { num, gen, value };
}
