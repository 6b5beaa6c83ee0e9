import { BYTE_RANGE_PLACEHOLDER, type PlaceholderRegion } from './placeholder.js';

/** Room for the CMS: the certificates it carries, the signature, and a signature time-stamp token with its authority's chain. */
export function contentsBytesFor(certificates: readonly Buffer[]): number {
  return 8192 + certificates.reduce((n, c) => n + c.length, 0) + 16384;
}

interface PdfKitInternals {
  _offset: number;
  _root: { data: Record<string, unknown> };
  ref(data: Record<string, unknown>): { end(): void; data: Record<string, unknown> };
  endAcroForm(): PDFKit.PDFDocument;
}

/**
 * Adds the dossier's signature field to a pdfkit document about to end: an
 * invisible widget on page 1 (zero-size, with the print flag PDF/A asks of
 * every annotation), the AcroForm that lists it, and the signature
 * dictionary with its placeholders, written at once so its place in the
 * file is known.
 */
export function addSignatureField(doc: PDFKit.PDFDocument, o: { name: string; reason: string; signingTime: Date; contentsBytes: number; fieldName: string }): PlaceholderRegion {
  const d = doc as unknown as PDFKit.PDFDocument & PdfKitInternals;
  const signature = d.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    // pdfkit writes a JS string as a name: the stars survive as written, to be overwritten with the numbers.
    ByteRange: BYTE_RANGE_PLACEHOLDER.slice(1, -1).split(' ').map((x, i) => (i === 0 ? 0 : x.slice(1))),
    Contents: Buffer.alloc(o.contentsBytes),
    M: o.signingTime,
    Name: new String(o.name),
    Reason: new String(o.reason),
  });
  const start = d._offset;
  signature.end();
  const end = d._offset;
  doc.switchToPage(0);
  const widget = d.ref({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: new String(o.fieldName), F: 4, Rect: [0, 0, 0, 0], V: signature, P: doc.page.dictionary });
  widget.end();
  (doc.page.annotations as unknown[]).push(widget);
  const form = d.ref({ Fields: [widget], SigFlags: 3 });
  d._root.data.AcroForm = form;
  // pdfkit ends an AcroForm of its own making (fonts, appearances) when the document ends; this one is only the signature's.
  d.endAcroForm = () => {
    form.end();
    return d;
  };
  return { start, end };
}
