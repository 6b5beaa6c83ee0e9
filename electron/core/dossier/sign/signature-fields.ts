import type { PdfFile } from '../pdf-read/document.js';
import { corrupt } from '../pdf-read/errors.js';
import { PdfRef, PdfString, isName, type PdfDict } from '../pdf-read/objects.js';

/** A signature in a PDF, as its field and signature dictionary say. */
export interface PdfSignature {
  /** the field's name (/T) */
  field: string;
  /** the signature dictionary's object number, when it is an indirect object */
  object: number | null;
  kind: 'cades' | 'document-timestamp' | 'other';
  subFilter: string;
  byteRange: number[];
  /** the /Contents bytes, still zero-padded */
  contents: Buffer;
  /** /M, the signing time the signer's machine claimed, as written */
  claimedTime: string | null;
}

/** The signature fields the AcroForm lists, in order; a field without a signature value is skipped. */
export function signatureFields(file: PdfFile): PdfSignature[] {
  const catalog = file.catalog();
  const form = file.optionalDict(catalog.get('AcroForm'), 'the catalog /AcroForm');
  if (!form) return [];
  const out: PdfSignature[] = [];
  const walk = (fields: ReturnType<PdfFile['array']>, depth: number) => {
    if (depth > 8) throw corrupt('the AcroForm field tree is nested too deep');
    for (const f of fields) {
      const field = file.dict(f, 'an AcroForm field');
      const kids = field.get('Kids');
      if (kids !== undefined && !isName(field.get('FT'), 'Sig')) {
        walk(file.array(kids, 'an AcroForm field /Kids'), depth + 1);
        continue;
      }
      if (!isName(field.get('FT'), 'Sig')) continue;
      const v = field.get('V');
      if (v === undefined || v === null) continue;
      const sig = file.dict(v, 'a signature field /V');
      out.push(describe(file, field, sig, v instanceof PdfRef ? v.num : null));
    }
  };
  walk(file.array(form.get('Fields') ?? [], 'the AcroForm /Fields'), 0);
  return out;
}

function describe(file: PdfFile, field: PdfDict, sig: PdfDict, object: number | null): PdfSignature {
  const sub = file.resolve(sig.get('SubFilter'));
  const subFilter = isName(sub) ? sub.name : '';
  const kind = isName(sig.get('Type'), 'DocTimeStamp') || subFilter === 'ETSI.RFC3161' ? 'document-timestamp' : subFilter === 'ETSI.CAdES.detached' || subFilter === 'adbe.pkcs7.detached' ? 'cades' : 'other';
  const range = file.array(sig.get('ByteRange'), 'a signature /ByteRange').map((x) => file.resolve(x));
  if (range.some((x) => typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0)) throw corrupt('a signature /ByteRange holds something other than offsets');
  const contents = file.resolve(sig.get('Contents'));
  const name = file.resolve(field.get('T'));
  const m = file.resolve(sig.get('M'));
  return {
    field: name instanceof PdfString ? name.bytes.toString('latin1') : '',
    object,
    kind,
    subFilter,
    byteRange: range as number[],
    contents: contents instanceof PdfString ? contents.bytes : Buffer.alloc(0),
    claimedTime: m instanceof PdfString ? m.bytes.toString('latin1') : null,
  };
}

/** The references of the page tree's leaves, in order (the pages as a reader numbers them). */
export function pageRefs(file: PdfFile): PdfRef[] {
  const out: PdfRef[] = [];
  const walk = (ref: unknown, depth: number) => {
    if (!(ref instanceof PdfRef)) throw corrupt('the page tree is not made of indirect objects');
    if (depth > 32) throw corrupt('the page tree is nested too deep');
    const node = file.dict(ref, `page tree node (object ${ref.num})`);
    if (isName(node.get('Type'), 'Page')) out.push(ref);
    else for (const kid of file.array(node.get('Kids') ?? [], `page tree node (object ${ref.num}) /Kids`)) walk(kid, depth + 1);
  };
  walk(file.catalog().get('Pages'), 0);
  return out;
}
