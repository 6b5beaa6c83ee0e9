import { PdfName, PdfRef, PdfStream, PdfString, isDict, type PdfValue } from '../pdf-read/objects.js';

// Writes PDF objects back out (§7.3), for the few an incremental update
// rewrites: the catalog, a page, the AcroForm. Strings go out as hex, names
// with # escapes, numbers without exponents. Streams are not rewritten.

export function pdfValue(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return number(v);
  if (v instanceof PdfName) return name(v.name);
  if (v instanceof PdfString) return `<${v.bytes.toString('hex')}>`;
  if (v instanceof PdfRef) return `${v.num} ${v.gen} R`;
  if (Array.isArray(v)) return `[${v.map(pdfValue).join(' ')}]`;
  if (isDict(v)) return `<<${[...v].map(([k, x]) => `${name(k)} ${pdfValue(x)}`).join(' ')}>>`;
  if (v instanceof PdfStream) throw new Error(`a stream (${v.where}) cannot be written as a direct object`);
  throw new Error('unknown PDF value');
}

function number(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`${n} is not a PDF number`);
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function name(s: string): string {
  let out = '/';
  for (const byte of Buffer.from(s, 'latin1')) {
    const regular = byte > 0x20 && byte < 0x7f && !'()<>[]{}/%#'.includes(String.fromCharCode(byte));
    out += regular ? String.fromCharCode(byte) : `#${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** An indirect object: `num 0 obj … endobj`. */
export function indirect(num: number, body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
}

/** An indirect stream object holding the bytes as they are (no filter). */
export function indirectStream(num: number, data: Buffer): Buffer {
  return indirect(num, Buffer.concat([Buffer.from(`<</Length ${data.length}>>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
}

/** A cross-reference table for the given objects (§7.5.4), in subsections of consecutive numbers. */
export function xrefTable(offsets: ReadonlyMap<number, number>): string {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let out = 'xref\n';
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    out += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) out += `${String(offsets.get(nums[k]!)).padStart(10, '0')} 00000 n\r\n`;
    i = j + 1;
  }
  return out;
}
