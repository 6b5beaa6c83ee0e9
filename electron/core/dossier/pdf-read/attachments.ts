import type { PdfFile, PdfPage } from './document.js';
import { corrupt, PdfError, type PdfReadError } from './errors.js';
import { MAX_DEPTH } from './lexer.js';
import { PdfRef, PdfString, integer, isName, type PdfDict, type PdfValue } from './objects.js';
import { decodeTextString } from './text-strings.js';

export interface PdfAttachment {
  name: string;
  description: string | null;
  relationship: string | null;
  /** the decoded bytes; empty when the stream is damaged */
  data: Buffer;
  /** why the bytes could not be decoded (a damaged stream), else null: one bad attachment is reported, not the whole file */
  damaged: PdfReadError | null;
  declaredSize: number | null;
  /** Lowercase hex, from the embedded file's /Params /CheckSum. */
  declaredMd5: string | null;
}

// Embedded files (§7.11.4): listed in the catalog's /Names /EmbeddedFiles
// name tree and, for PDF/A-3 associated files, its /AF array. pdfkit puts
// the same file specification in both; it is reported once. Files attached
// to pages (an /AF array, or a FileAttachment annotation) are read too:
// someone adding a file to a dossier should not be able to hide it there.

export function readAttachments(file: PdfFile, catalog: PdfDict, pages: PdfPage[]): PdfAttachment[] {
  const specs: { spec: PdfValue; key: string | null }[] = [];
  const names = file.optionalDict(catalog.get('Names'), 'the catalog /Names');
  const tree = names?.get('EmbeddedFiles');
  if (tree !== undefined) walkNameTree(file, tree, (key, spec) => specs.push({ spec, key }));
  if (catalog.has('AF')) for (const spec of file.array(catalog.get('AF'), 'the catalog /AF')) specs.push({ spec, key: null });
  pages.forEach((page, i) => {
    if (page.dict.has('AF')) for (const spec of file.array(page.dict.get('AF'), `page ${i + 1}: /AF`)) specs.push({ spec, key: null });
    if (!page.dict.has('Annots')) return;
    for (const annot of file.array(page.dict.get('Annots'), `page ${i + 1}: /Annots`)) {
      const dict = file.dict(annot, `page ${i + 1}: an annotation`);
      if (isName(dict.get('Subtype'), 'FileAttachment')) specs.push({ spec: dict.get('FS') ?? null, key: null });
    }
  });

  const seen = new Set<PdfDict>();
  const attachments: PdfAttachment[] = [];
  for (const { spec, key } of specs) {
    const where = spec instanceof PdfRef ? `file specification (object ${spec.num})` : `file specification ${key ?? ''}`.trim();
    // A reference to nothing is what a tool leaves in /AF when it strips a file: the file is gone, not the PDF broken.
    if (file.resolve(spec) === null) continue;
    const dict = file.dict(spec, where);
    if (seen.has(dict)) continue;
    seen.add(dict);
    attachments.push(readFileSpec(file, dict, key, where));
  }
  return attachments;
}

/** Calls `visit` for each key/value pair in a name tree (§7.9.6), in order. */
function walkNameTree(file: PdfFile, root: PdfValue, visit: (key: string, value: PdfValue) => void): void {
  const visited = new Set<PdfDict>();
  const walk = (nodeRef: PdfValue, depth: number): void => {
    const where = nodeRef instanceof PdfRef ? `name tree node (object ${nodeRef.num})` : 'name tree node';
    const node = file.dict(nodeRef, where);
    if (visited.has(node)) throw corrupt(`${where}: the /EmbeddedFiles name tree visits the same node twice`);
    if (depth > MAX_DEPTH) throw corrupt(`${where}: the /EmbeddedFiles name tree is nested deeper than ${MAX_DEPTH}`);
    visited.add(node);
    if (node.has('Names')) {
      const pairs = file.array(node.get('Names'), `${where}: /Names`);
      if (pairs.length % 2 !== 0) throw corrupt(`${where}: /Names has an odd number of items`);
      for (let i = 0; i < pairs.length; i += 2) {
        const key = file.resolve(pairs[i]);
        if (!(key instanceof PdfString)) throw corrupt(`${where}: name tree key ${i / 2} is not a string`);
        visit(decodeTextString(key.bytes), pairs[i + 1] ?? null);
      }
    }
    if (node.has('Kids')) for (const kid of file.array(node.get('Kids'), `${where}: /Kids`)) walk(kid, depth + 1);
  };
  walk(root, 0);
}

function textOf(file: PdfFile, v: PdfValue | undefined, what: string): string | null {
  const value = file.resolve(v);
  if (value === null) return null;
  if (!(value instanceof PdfString)) throw corrupt(`${what} is not a string`);
  return decodeTextString(value.bytes);
}

function readFileSpec(file: PdfFile, spec: PdfDict, key: string | null, where: string): PdfAttachment {
  const name = textOf(file, spec.get('UF'), `${where}: /UF`) ?? textOf(file, spec.get('F'), `${where}: /F`) ?? key;
  if (name === null) throw corrupt(`${where}: no file name (/UF or /F)`);
  const relationship = file.resolve(spec.get('AFRelationship'));
  const ef = file.dict(spec.get('EF'), `${where}: /EF`);
  const streamRef = ef.get('UF') ?? ef.get('F');
  const streamWhere = streamRef instanceof PdfRef ? `embedded file '${name}' (object ${streamRef.num})` : `embedded file '${name}'`;
  const stream = file.stream(streamRef, streamWhere);
  const params = file.optionalDict(stream.dict.get('Params'), `${streamWhere}: /Params`);
  const size = file.resolve(params?.get('Size'));
  let data: Buffer = Buffer.alloc(0);
  let damaged: PdfReadError | null = null;
  try {
    data = file.decode(stream);
  } catch (e) {
    if (!(e instanceof PdfError)) throw e;
    damaged = { kind: e.kind, message: e.message };
  }
  return {
    name,
    description: textOf(file, spec.get('Desc'), `${where}: /Desc`),
    relationship: isName(relationship) ? relationship.name : null,
    data,
    damaged,
    declaredSize: size === null ? null : integer(size, `${streamWhere}: /Params /Size`),
    declaredMd5: checksum(file.resolve(params?.get('CheckSum')), streamWhere),
  };
}

/** §7.11.4 says 16 bytes of MD5; pdfkit writes the 32 hex digits as text instead. Both are accepted, nothing else. */
function checksum(v: PdfValue, where: string): string | null {
  if (v === null) return null;
  if (!(v instanceof PdfString)) throw corrupt(`${where}: /Params /CheckSum is not a string`);
  if (v.bytes.length === 16) return v.bytes.toString('hex');
  const text = v.bytes.toString('latin1');
  if (/^[0-9a-fA-F]{32}$/.test(text)) return text.toLowerCase();
  throw corrupt(`${where}: /Params /CheckSum is neither 16 bytes nor 32 hex digits`);
}
