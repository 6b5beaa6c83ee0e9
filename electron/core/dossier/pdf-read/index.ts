import { err, ok, type Result } from '../../util/result.js';
import { readAttachments, type PdfAttachment } from './attachments.js';
import { PdfFile } from './document.js';
import { PdfError, unsupported, type PdfReadError } from './errors.js';
import { PdfString } from './objects.js';
import { pageText, type FontCache } from './text.js';
import { decodeTextString } from './text-strings.js';
import { readXref } from './xref.js';

// `exhibit verify` reads a dossier without poppler or qpdf. This reader knows
// what pdfkit writes (and incremental updates someone may append) and fails
// closed: what it cannot parse is an error, never a silent pass.

export type { PdfAttachment, PdfReadError };

export interface PdfDocument {
  pageCount: number;
  /** The text of each page, lines joined with \n ('' for a page whose content is damaged). */
  pages: string[];
  /** for each page, why its content could not be read (a damaged stream), else null */
  pageProblems: (PdfReadError | null)[];
  attachments: PdfAttachment[];
  /** The /Info dictionary's strings, decoded. */
  info: Record<string, string>;
  /** Cross-reference sections beyond the first: each is an update appended to the file. */
  incrementalUpdates: number;
}

export interface PdfReadLimits {
  /** Total bytes all streams may inflate to. */
  maxInflatedBytes: number;
}

const DEFAULT_LIMITS: PdfReadLimits = { maxInflatedBytes: 2 * 1024 ** 3 };

export function readPdf(bytes: Buffer, limits: PdfReadLimits = DEFAULT_LIMITS): Result<PdfDocument, PdfReadError> {
  try {
    const header = bytes.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1');
    if (header < 0) return err({ kind: 'not-a-pdf', message: bytes.length === 0 ? 'the file is empty' : 'no %PDF- header in the first 1024 bytes' });
    return ok(read(bytes, limits));
  } catch (e) {
    if (e instanceof PdfError) return err({ kind: e.kind, message: e.message });
    // A stack overflow or anything else unforeseen still means the file could not be vouched for.
    return err({ kind: 'corrupt', message: `unreadable: ${e instanceof Error ? e.message : String(e)}` });
  }
}

function read(bytes: Buffer, limits: PdfReadLimits): PdfDocument {
  const budget = { remaining: limits.maxInflatedBytes };
  const xref = readXref(bytes, budget);
  if (xref.trailer.has('Encrypt')) throw unsupported('encrypted PDFs are not supported');
  const file = new PdfFile(bytes, xref, budget);
  const catalog = file.catalog();
  const fonts: FontCache = new Map();
  const pages = file.pages();
  // A damaged page is reported as such, so the check can name the exhibit on it.
  const pageProblems: (PdfReadError | null)[] = [];
  const text = pages.map((page, i) => {
    try {
      pageProblems.push(null);
      return pageText(file, page, `page ${i + 1}`, fonts);
    } catch (e) {
      if (!(e instanceof PdfError)) throw e;
      pageProblems[i] = { kind: e.kind, message: e.message };
      return '';
    }
  });
  return { pageCount: pages.length, pages: text, pageProblems, attachments: readAttachments(file, catalog, pages), info: readInfo(file), incrementalUpdates: xref.sections - 1 };
}

function readInfo(file: PdfFile): Record<string, string> {
  const info = file.optionalDict(file.xref.trailer.get('Info'), 'the trailer /Info');
  const out: Record<string, string> = {};
  for (const [key, value] of info ?? []) {
    const v = file.resolve(value);
    if (v instanceof PdfString) out[key] = decodeTextString(v.bytes);
  }
  return out;
}
