import { createHash } from 'node:crypto';
import { removeLeftovers, tempBeside } from '../../util/leftovers.js';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { tokenCertificates } from '../../timestamp/trust.js';
import { fsyncDir } from '../../util/durable-fs.js';
import { PdfFile } from '../pdf-read/document.js';
import { PdfError } from '../pdf-read/errors.js';
import { PdfName, PdfRef, PdfString, type PdfDict, type PdfValue } from '../pdf-read/objects.js';
import { findStartxref, readXref } from '../pdf-read/xref.js';
import { carriedCertificates, derElementLength, grantedResponse } from './cms.js';
import { byteRangeText, BYTE_RANGE_PLACEHOLDER, contentsHex } from './placeholder.js';
import { indirect, indirectStream, pdfValue, xrefTable } from './pdf-writer.js';
import { pageRefs, signatureFields } from './signature-fields.js';
import type { Stamp } from './sign-file.js';

/** The field name of the document time-stamp Exhibit appends: how verification knows the update is its own. */
export const DOC_TIMESTAMP_FIELD = 'Exhibit document time-stamp';
/** Room for a time-stamp token with its authority's chain. */
const TOKEN_BYTES = 20_000;

export type DocumentTimestampResult =
  | { ok: true; authority: string; genTime: string; serial: string; appendedBytes: number }
  | { ok: false; kind: 'unreadable' | 'not-signed' | 'already-stamped' | 'no-stamp'; error: string };

/**
 * Appends a document time-stamp (PAdES B-LTA's ETSI.RFC3161 signature) as an
 * incremental update, with the validation data the file's signature needs
 * (a DSS dictionary holding the signer's certificates and the time-stamp
 * authority's). The update adds objects and rewrites only the catalog, the
 * AcroForm and page 1's annotation list; nothing the pages show changes.
 * With `atomic`, the file is copied, appended to and renamed into place, so
 * a crash leaves the file as it was or with the whole update.
 */
export async function appendDocumentTimestamp(path: string, stamp: Stamp, o: { atomic: boolean }): Promise<DocumentTimestampResult> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    return { ok: false, kind: 'unreadable', error: (e as Error).message };
  }
  let update: ReturnType<typeof buildUpdate>;
  try {
    update = buildUpdate(bytes);
  } catch (e) {
    if (e instanceof UpdateRefused) return { ok: false, kind: e.kind, error: e.message };
    if (e instanceof PdfError) return { ok: false, kind: 'unreadable', error: e.message };
    throw e;
  }
  const { data, contentsStart, contentsEnd } = update;
  const total = bytes.length + data.length;
  const range = [0, bytes.length + contentsStart, bytes.length + contentsEnd, total - bytes.length - contentsEnd];
  const brAt = data.indexOf(BYTE_RANGE_PLACEHOLDER, 0, 'latin1');
  data.write(byteRangeText(range), brAt, 'latin1');
  const digest = createHash('sha256').update(bytes).update(data.subarray(0, contentsStart)).update(data.subarray(contentsEnd)).digest('hex');
  const answer = await stamp(digest);
  if (!answer.ok) return { ok: false, kind: 'no-stamp', error: answer.error };
  contentsHex(answer.token, { contentsStart, contentsEnd }).copy(data, contentsStart + 1);

  if (!o.atomic) {
    await appendSynced(path, data);
  } else {
    await removeLeftovers(dirname(path));
    const tmp = tempBeside(path, 'stamping');
    try {
      await fs.copyFile(path, tmp);
      await appendSynced(tmp, data);
      // Still the file that was read: a file changed meanwhile is not replaced.
      const now = await fs.readFile(path);
      if (!now.equals(bytes)) throw new Error(`${path} changed while it was being time-stamped; it was left as it is`);
      await fs.rename(tmp, path);
      await fsyncDir(dirname(path));
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }
  return { ok: true, authority: answer.authorityName || answer.authorityUrl, genTime: answer.genTime, serial: answer.serial, appendedBytes: data.length };
}

async function appendSynced(path: string, data: Buffer): Promise<void> {
  const handle = await fs.open(path, 'a');
  try {
    await handle.write(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

class UpdateRefused extends Error {
  constructor(
    readonly kind: 'not-signed' | 'already-stamped',
    message: string,
  ) {
    super(message);
  }
}

function buildUpdate(bytes: Buffer): { data: Buffer; contentsStart: number; contentsEnd: number } {
  const budget = { remaining: 64 * 1024 ** 2 };
  const xref = readXref(bytes, budget);
  const file = new PdfFile(bytes, xref, budget);
  const rootRef = xref.trailer.get('Root');
  if (!(rootRef instanceof PdfRef)) throw new PdfError('corrupt', 'the trailer /Root is not a reference');
  const catalog = file.catalog();
  const signatures = signatureFields(file);
  const cades = signatures.find((s) => s.kind === 'cades');
  if (!cades) throw new UpdateRefused('not-signed', 'it carries no PDF signature to time-stamp (only a dossier Exhibit signed can be stamped)');
  if (signatures.some((s) => s.kind === 'document-timestamp')) throw new UpdateRefused('already-stamped', 'it already carries a document time-stamp');
  // Validation data: every certificate the signature and its time-stamp carry.
  const der = cades.contents.subarray(0, derElementLength(cades.contents));
  let carried: ReturnType<typeof carriedCertificates>;
  try {
    carried = carriedCertificates(der);
  } catch (e) {
    throw new UpdateRefused('not-signed', `its PDF signature cannot be read (${(e as Error).message})`);
  }
  const certs = new Map<string, Buffer>();
  for (const c of [...carried.certificates, ...(carried.timeStampToken ? tokenCertificates(grantedResponse(carried.timeStampToken)) : [])]) certs.set(createHash('sha256').update(c).digest('hex'), c);

  let next = integerOf(xref.trailer.get('Size'));
  const parts: Buffer[] = [];
  const offsets = new Map<number, number>();
  let at = bytes.length;
  // An update starts on a new line.
  if (bytes[bytes.length - 1] !== 0x0a) {
    parts.push(Buffer.from('\n', 'latin1'));
    at += 1;
  }
  const add = (num: number, obj: Buffer) => {
    offsets.set(num, at);
    parts.push(obj);
    at += obj.length;
  };
  const certRefs = [...certs.values()].map((c) => {
    const num = next++;
    add(num, indirectStream(num, c));
    return new PdfRef(num, 0);
  });
  const dssNum = next++;
  add(dssNum, indirect(dssNum, pdfValue(new Map<string, PdfValue>([['Certs', certRefs]]))));
  const sigNum = next++;
  const sigText = `<</Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange ${BYTE_RANGE_PLACEHOLDER} /Contents <${'0'.repeat(TOKEN_BYTES * 2)}>>>`;
  const sigObj = indirect(sigNum, sigText);
  const sigAt = at;
  add(sigNum, sigObj);
  const contentsStart = sigAt - bytes.length + sigObj.indexOf('/Contents <', 0, 'latin1') + '/Contents '.length;
  const contentsEnd = contentsStart + TOKEN_BYTES * 2 + 2;

  const page = pageRefs(file)[0];
  if (!page) throw new PdfError('corrupt', 'it has no pages');
  const widgetNum = next++;
  const widget: PdfDict = new Map<string, PdfValue>([
    ['Type', new PdfName('Annot')],
    ['Subtype', new PdfName('Widget')],
    ['FT', new PdfName('Sig')],
    ['T', new PdfString(Buffer.from(DOC_TIMESTAMP_FIELD, 'latin1'))],
    ['F', 4],
    ['Rect', [0, 0, 0, 0]],
    ['V', new PdfRef(sigNum, 0)],
    ['P', page],
  ]);
  add(widgetNum, indirect(widgetNum, pdfValue(widget)));

  // Page 1 lists the new widget among its annotations.
  const pageDict = new Map(file.dict(page, 'page 1'));
  const annots = pageDict.get('Annots');
  if (annots instanceof PdfRef) {
    add(annots.num, indirect(annots.num, pdfValue([...file.array(annots, 'page 1 /Annots'), new PdfRef(widgetNum, 0)])));
  } else {
    pageDict.set('Annots', [...(annots === undefined ? [] : file.array(annots, 'page 1 /Annots')), new PdfRef(widgetNum, 0)]);
    add(page.num, indirect(page.num, pdfValue(pageDict)));
  }
  // The AcroForm lists the new field.
  const newCatalog = new Map(catalog);
  const formValue = catalog.get('AcroForm');
  const form = new Map(file.dict(formValue, 'the catalog /AcroForm'));
  form.set('Fields', [...file.array(form.get('Fields') ?? [], 'the AcroForm /Fields'), new PdfRef(widgetNum, 0)]);
  if (formValue instanceof PdfRef) add(formValue.num, indirect(formValue.num, pdfValue(form)));
  else newCatalog.set('AcroForm', form);
  newCatalog.set('DSS', new PdfRef(dssNum, 0));
  add(rootRef.num, indirect(rootRef.num, pdfValue(newCatalog)));

  const xrefAt = at;
  const trailer = new Map<string, PdfValue>([
    ['Size', next],
    ['Root', rootRef],
  ]);
  for (const key of ['Info', 'ID']) {
    const v = xref.trailer.get(key);
    if (v !== undefined) trailer.set(key, v);
  }
  trailer.set('Prev', findStartxref(bytes));
  parts.push(Buffer.from(`${xrefTable(offsets)}trailer\n${pdfValue(trailer)}\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return { data: Buffer.concat(parts), contentsStart, contentsEnd };
}

function integerOf(v: PdfValue | undefined): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new PdfError('corrupt', 'the trailer /Size is not a positive integer');
  return v;
}

