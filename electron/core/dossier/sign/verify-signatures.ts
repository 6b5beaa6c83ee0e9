import { createHash } from 'node:crypto';
import { trustedRootsFor } from '../../timestamp/trust.js';
import { verifyTimeStampResponse } from '../../timestamp/verify-token.js';
import { describeCertificate } from '../../identity/certificate.js';
import { PdfFile } from '../pdf-read/document.js';
import { PdfError } from '../pdf-read/errors.js';
import { PdfName, PdfRef, PdfStream, PdfString, isDict, isName, type PdfDict, type PdfValue } from '../pdf-read/objects.js';
import { readXref, type Xref } from '../pdf-read/xref.js';
import { checkDetached, derElementLength, grantedResponse } from './cms.js';
import { DOC_TIMESTAMP_FIELD } from './document-timestamp.js';
import { pageRefs, signatureFields, type PdfSignature } from './signature-fields.js';

export interface StampSeen {
  authority: string;
  genTime: string;
}

export interface PdfSignatureReport {
  problems: string[];
  notes: string[];
  signer: { subject: string; fingerprint: string } | null;
  /** the signature time-stamp, when it verifies */
  timestamp: StampSeen | null;
  /** the document time-stamp, when it verifies */
  documentTimestamp: StampSeen | null;
  /** where the signed revision ends: the file up to here is the one that was signed */
  signedLength: number | null;
}

/**
 * Checks a dossier's PDF signature and everything appended after it:
 * the byte range covers the whole signed revision but its /Contents; the
 * CMS signs those bytes with the certificate it names; its time-stamp
 * vouches for the signature; and any update appended since is Exhibit's own
 * document time-stamp (new objects: the time-stamp, its field and widget,
 * the validation data; rewritten: the catalog, the AcroForm and page 1's
 * annotations, changed in nothing else) covering the file to its last byte.
 * Anything else appended is reported with what it changes.
 */
export async function checkPdfSignatures(bytes: Buffer, roots: string): Promise<PdfSignatureReport> {
  const report: PdfSignatureReport = { problems: [], notes: [], signer: null, timestamp: null, documentTimestamp: null, signedLength: null };
  let xref: Xref;
  let file: PdfFile;
  let sigs: PdfSignature[];
  try {
    const budget = { remaining: 64 * 1024 ** 2 };
    xref = readXref(bytes, budget);
    file = new PdfFile(bytes, xref, budget);
    sigs = signatureFields(file);
  } catch (e) {
    report.problems.push(`its signature cannot be read (${e instanceof PdfError ? e.message : String(e)})`);
    return report;
  }
  const cades = sigs.filter((s) => s.kind === 'cades');
  const stamps = sigs.filter((s) => s.kind === 'document-timestamp');
  const others = sigs.filter((s) => s.kind === 'other');
  if (cades.length === 0) {
    report.problems.push('it carries no PDF signature: the signature was removed, or the file was not signed by Exhibit');
    return report;
  }
  if (cades.length > 1 || others.length > 0) report.problems.push(`it carries ${cades.length + others.length} signatures where Exhibit makes one: someone signed it since`);
  const sig = cades[0]!;
  const range = rangeProblem(bytes, sig);
  if (range) {
    report.problems.push(`the PDF signature's byte range ${range}`);
    return report;
  }
  const signedLength = sig.byteRange[2]! + sig.byteRange[3]!;
  report.signedLength = signedLength;
  const digest = hashRange(bytes, sig.byteRange);
  const der = sig.contents.subarray(0, derElementLength(sig.contents));
  const cms = checkDetached(der, digest);
  for (const p of cms.problems) report.problems.push(`the PDF signature: ${p}`);
  if (cms.signer) {
    const c = describeCertificate(cms.signer);
    report.signer = { subject: c.subject, fingerprint: c.sha256 };
    const now = new Date();
    if (new Date(c.notAfter) < now && !cms.timeStamp) report.notes.push(`the signing certificate expired on ${c.notAfter.slice(0, 10)} and the signature carries no time-stamp`);
  }
  if (cms.timeStamp) {
    const response = grantedResponse(cms.timeStamp.token);
    const r = await verifyTimeStampResponse(response, { imprintHex: cms.timeStamp.imprint, nonce: null, roots: trustedRootsFor(roots, response) });
    if (!r.ok) report.problems.push(`the PDF signature's time-stamp: ${r.error.message} (${r.error.kind})`);
    else report.timestamp = { authority: r.value.authority, genTime: r.value.genTime };
  } else {
    report.notes.push('the PDF signature carries no time-stamp (it was made without a network); "exhibit stamp FILE.pdf" adds a document time-stamp');
  }

  // What was appended after the signed revision.
  const after = xref.revisions.filter((r) => r.offset >= signedLength);
  if (signedLength < bytes.length) {
    const own = stamps.length === 1 ? stamps[0]! : null;
    if (stamps.length > 1) report.problems.push(`it carries ${stamps.length} document time-stamps where Exhibit adds one`);
    const changes = after.length === 0 ? [] : describeUpdate(bytes, signedLength, file, after, own);
    if (after.length === 0 && !own) {
      report.problems.push(`${bytes.length - signedLength} bytes were appended after it was signed (from byte ${signedLength}): the file was changed since`);
    } else if (changes.length > 0) {
      report.problems.push(`the file was changed after it was signed: an update appended at byte ${signedLength} ${changes.join('; ')}`);
    }
    if (own) {
      const ownRange = rangeProblem(bytes, own);
      if (ownRange) report.problems.push(`the document time-stamp's byte range ${ownRange}`);
      else if (own.byteRange[2]! + own.byteRange[3]! !== bytes.length) {
        report.problems.push(`${bytes.length - own.byteRange[2]! - own.byteRange[3]!} bytes were appended after the document time-stamp (from byte ${own.byteRange[2]! + own.byteRange[3]!}): the file was changed after it was sealed`);
      } else {
        const token = own.contents.subarray(0, derElementLength(own.contents));
        const response = grantedResponse(token);
        const r = await verifyTimeStampResponse(response, { imprintHex: hashRange(bytes, own.byteRange).toString('hex'), nonce: null, roots: trustedRootsFor(roots, response) });
        if (!r.ok) report.problems.push(`the document time-stamp: ${r.error.message} (${r.error.kind})`);
        else report.documentTimestamp = { authority: r.value.authority, genTime: r.value.genTime };
      }
    }
  } else if (stamps.length > 0) {
    report.problems.push('a document time-stamp lies inside the signed revision, where Exhibit never puts one');
  }
  return report;
}

/** What is wrong with a signature's byte range, in words; null when it is whole. */
function rangeProblem(bytes: Buffer, sig: PdfSignature): string | null {
  const r = sig.byteRange;
  if (r.length !== 4) return `has ${r.length} numbers, not 4`;
  const [a, b, c, d] = r as [number, number, number, number];
  if (a !== 0) return `starts at byte ${a}, not at the start of the file`;
  if (b >= c || c + d > bytes.length) return `[${r.join(' ')}] does not fit the file of ${bytes.length} bytes: it was cut short or altered`;
  // The gap is exactly the hex string /Contents holds: nothing else goes unsigned.
  if (bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) return `leaves bytes ${b}–${c} unsigned, which are not the signature itself`;
  const hex = bytes.subarray(b + 1, c - 1);
  if (hex.length !== sig.contents.length * 2 || !/^[0-9a-fA-F]*$/.test(hex.toString('latin1'))) return `leaves bytes ${b}–${c} unsigned, which are not the signature itself`;
  const end = bytes.subarray(Math.max(0, c + d - 8), c + d).toString('latin1');
  if (!/%%EOF\s*$/.test(end)) return `ends at byte ${c + d}, which is not the end of a revision`;
  return null;
}

function hashRange(bytes: Buffer, r: readonly number[]): Buffer {
  const h = createHash('sha256');
  for (let i = 0; i + 1 < r.length; i += 2) h.update(bytes.subarray(r[i]!, r[i]! + r[i + 1]!));
  return h.digest();
}

/**
 * What the updates after the signed revision change, beyond Exhibit's own
 * document time-stamp: each object is named by what it is to a reader
 * (page 3, the content of page 3, an attachment…). Empty when the update is
 * only the time-stamp.
 */
function describeUpdate(bytes: Buffer, signedLength: number, now: PdfFile, after: Xref['revisions'], own: PdfSignature | null): string[] {
  let before: PdfFile;
  try {
    const budget = { remaining: 64 * 1024 ** 2 };
    const prefix = bytes.subarray(0, signedLength);
    before = new PdfFile(prefix, readXref(prefix, budget), budget);
  } catch {
    return ['and the signed revision cannot be read on its own'];
  }
  const defined = new Set<number>();
  // A free entry matters only when it frees an object the signed revision had (object 0 heads the free list).
  for (const r of after) for (const [num, e] of r.entries) if (num !== 0 && (e.type !== 'free' || (before.xref.entries.get(num)?.type ?? 'free') !== 'free')) defined.add(num);
  const pageNums = pageRefs(before).map((r) => r.num);
  const contentOf = new Map<number, number>();
  pageNums.forEach((num, i) => {
    const page = before.dict(new PdfRef(num, 0), `page ${i + 1}`);
    const contents = page.get('Contents');
    for (const c of Array.isArray(contents) ? contents : [contents]) if (c instanceof PdfRef) contentOf.set(c.num, i + 1);
  });
  const root = before.xref.trailer.get('Root');
  const rootNum = root instanceof PdfRef ? root.num : -1;
  const formRef = before.catalog().get('AcroForm');
  const formNum = formRef instanceof PdfRef ? formRef.num : -1;

  // The objects Exhibit's document time-stamp adds: its signature, its widget, the DSS and what it holds.
  const allowedNew = new Set<number>();
  if (own && own.object !== null && !before.xref.entries.has(own.object)) {
    allowedNew.add(own.object);
    const dss = now.catalog().get('DSS');
    if (dss instanceof PdfRef && !before.xref.entries.has(dss.num)) {
      allowedNew.add(dss.num);
      const d = now.optionalDict(dss, 'the DSS');
      for (const key of ['Certs', 'CRLs', 'OCSPs']) for (const x of d ? now.array(d.get(key) ?? [], `the DSS /${key}`) : []) if (x instanceof PdfRef && !before.xref.entries.has(x.num)) allowedNew.add(x.num);
    }
  }
  const changes: string[] = [];
  const isNewObject = (num: number) => !before.xref.entries.has(num) || before.xref.entries.get(num)?.type === 'free';
  const widget = own ? ([...defined].find((num) => isNewObject(num) && isOwnWidget(safe(() => now.object(num)), own)) ?? null) : null;
  if (widget !== null) allowedNew.add(widget);
  // A list that gained exactly the new widget, and nothing else.
  const gainedWidget = (old: PdfValue | undefined, value: PdfValue | undefined, resolveIn: PdfFile, resolveNew: PdfFile) => {
    const o = old === undefined ? [] : safeArray(() => resolveIn.array(old, 'a list'));
    const n = value === undefined ? null : safeArray(() => resolveNew.array(value, 'a list'));
    return widget !== null && o !== null && n !== null && n.length === o.length + 1 && o.every((x, i) => same(x, n[i]!)) && n[o.length] instanceof PdfRef && (n[o.length] as PdfRef).num === widget;
  };
  for (const num of [...defined].sort((a, b) => a - b)) {
    if (allowedNew.has(num)) continue;
    const isNew = isNewObject(num);
    const value = safe(() => now.object(num));
    const old = isNew ? null : safe(() => before.object(num));
    const pageIndex = pageNums.indexOf(num);
    if (num === rootNum && isDict(old) && isDict(value) && onlyKeysDiffer(old, value, ['DSS', 'AcroForm']) && (same(old.get('AcroForm'), value.get('AcroForm')) || (isDict(old.get('AcroForm')) && isDict(value.get('AcroForm')) && onlyKeysDiffer(old.get('AcroForm') as PdfDict, value.get('AcroForm') as PdfDict, ['Fields']) && gainedWidget((old.get('AcroForm') as PdfDict).get('Fields'), (value.get('AcroForm') as PdfDict).get('Fields'), before, now)))) continue;
    if (num === formNum && isDict(old) && isDict(value) && onlyKeysDiffer(old, value, ['Fields']) && gainedWidget(old.get('Fields'), value.get('Fields'), before, now)) continue;
    if (pageIndex === 0 && isDict(old) && isDict(value) && onlyKeysDiffer(old, value, ['Annots']) && gainedWidget(old.get('Annots'), value.get('Annots'), before, now)) continue;
    // Page 1's annotation list, when it is an object of its own.
    const page1 = pageNums[0] === undefined ? null : safe(() => before.object(pageNums[0]!));
    const annotsRef = isDict(page1) ? page1.get('Annots') : undefined;
    if (annotsRef instanceof PdfRef && annotsRef.num === num && gainedWidget(old ?? undefined, value, before, now)) continue;
    const freed = now.xref.entries.get(num)?.type === 'free';
    changes.push(freed ? `removes object ${num}${kindOf(old)}${pageIndex >= 0 ? ` (page ${pageIndex + 1})` : ''}` : isNew ? `adds object ${num}${kindOf(value)}` : pageIndex >= 0 ? `changes page ${pageIndex + 1} (object ${num})` : contentOf.has(num) ? `changes what page ${contentOf.get(num)} shows (its content, object ${num})` : num === rootNum ? `changes the document catalog (object ${num})` : `changes object ${num}${kindOf(value)}`);
  }
  if (own && widget === null) changes.push('adds a document time-stamp without its field');
  if (!own && changes.length === 0) changes.push('(not a document time-stamp)');
  return changes;
}

function isOwnWidget(v: PdfValue, own: PdfSignature): boolean {
  if (!isDict(v) || !isName(v.get('FT'), 'Sig') || !isName(v.get('Subtype'), 'Widget')) return false;
  const t = v.get('T');
  const sigRef = v.get('V');
  return t instanceof PdfString && t.bytes.toString('latin1') === DOC_TIMESTAMP_FIELD && sigRef instanceof PdfRef && sigRef.num === own.object;
}

/** Whether two dictionaries differ only in the keys named, and there only by growing a list (or gaining the key). */
function onlyKeysDiffer(a: PdfDict, b: PdfDict, keys: readonly string[]): boolean {
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (keys.includes(k)) continue;
    if (!same(a.get(k), b.get(k))) return false;
  }
  return true;
}

function same(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (a instanceof PdfName && b instanceof PdfName) return a.name === b.name;
  if (a instanceof PdfString && b instanceof PdfString) return a.bytes.equals(b.bytes);
  if (a instanceof PdfRef && b instanceof PdfRef) return a.num === b.num && a.gen === b.gen;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isDict(a) && isDict(b)) return a.size === b.size && [...a].every(([k, v]) => same(v, b.get(k)));
  return false;
}

function kindOf(v: PdfValue): string {
  if (v instanceof PdfStream) {
    const t = v.dict.get('Type') ?? v.dict.get('Subtype');
    return t instanceof PdfName ? ` (a /${t.name} stream)` : ' (a stream)';
  }
  if (isDict(v)) {
    const t = v.get('Type') ?? v.get('Subtype');
    return t instanceof PdfName ? ` (/${t.name})` : '';
  }
  return '';
}


function safeArray(f: () => PdfValue[]): PdfValue[] | null {
  try {
    return f();
  } catch {
    return null;
  }
}

function safe(f: () => PdfValue): PdfValue {
  try {
    return f();
  } catch {
    return null;
  }
}
