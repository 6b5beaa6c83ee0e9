import { createHash } from 'node:crypto';

/*
 * What someone altering a PDF after it left Exhibit would do, byte for byte.
 * pdfkit writes a classic xref table, objects in the clear and streams
 * Flate-compressed; these helpers find objects by what they hold.
 */

export const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

/** Swaps an embedded file by appending an incremental update (as a PDF editor would), found by its /CheckSum. */
export function appendEmbeddedFileUpdate(pdf: Buffer, original: Buffer, replacement: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const checksumAt = text.indexOf(md5(original));
  if (checksumAt < 0) throw new Error('no embedded file with that content');
  const objAt = text.lastIndexOf(' 0 obj', checksumAt);
  const num = Number(/(\d+)$/.exec(text.slice(objAt - 12, objAt))?.[1]);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const root = /\/Root (\d+ 0 R)/.exec(trailer)?.[1];
  const info = /\/Info (\d+ 0 R)/.exec(trailer)?.[1];
  const size = /\/Size (\d+)/.exec(trailer)?.[1];
  const object = Buffer.concat([
    Buffer.from(`\n${num} 0 obj\n<< /Type /EmbeddedFile /Subtype /application#2Fjson /Params << /Size ${replacement.length} /CheckSum <${md5(replacement)}> >> /Length ${replacement.length} >>\nstream\n`, 'latin1'),
    replacement,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
  const objectOffset = pdf.length + 1;
  const xrefOffset = pdf.length + object.length;
  const xref = `xref\n0 1\n0000000000 65535 f \n${num} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} /Root ${root} /Info ${info} /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, object, Buffer.from(xref, 'latin1')]);
}

/** Flips one byte in the middle of the (compressed) stream of object `num`. */
export function flipByteInObjectStream(pdf: Buffer, num: number): Buffer {
  const text = pdf.toString('latin1');
  const at = text.search(new RegExp(`(^|\\n)${num} 0 obj`));
  const start = text.indexOf('stream\n', at) + 'stream\n'.length;
  const end = text.indexOf('endstream', start);
  const out = Buffer.from(pdf);
  const mid = start + Math.floor((end - start) / 2);
  out[mid] = out[mid]! ^ 0xff;
  return out;
}

/** The object number of the embedded-file stream holding `content`. */
export function embeddedFileObject(pdf: Buffer, content: Buffer): number {
  const text = pdf.toString('latin1');
  const checksumAt = text.indexOf(md5(content));
  if (checksumAt < 0) throw new Error('no embedded file with that content');
  const objAt = text.lastIndexOf(' 0 obj', checksumAt);
  return Number(/(\d+)$/.exec(text.slice(objAt - 12, objAt))?.[1]);
}

/** The object numbers of each page's content stream, in page order (pdfkit writes pages in order). */
export function pageContentObjects(pdf: Buffer): number[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/Type \/Page\b[^]*?\/Contents (\d+) 0 R/g)].map((m) => Number(m[1]));
}
