/** What readPdf returns when it cannot vouch for a file. */
export interface PdfReadError {
  kind: 'not-a-pdf' | 'corrupt' | 'unsupported';
  message: string;
}

/**
 * Thrown inside the reader and turned into a PdfReadError at readPdf's edge:
 * a parser many calls deep is clearer when it can just stop.
 */
export class PdfError extends Error {
  override name = 'PdfError';
  constructor(
    readonly kind: PdfReadError['kind'],
    message: string,
  ) {
    super(message);
  }
}

export const corrupt = (message: string): PdfError => new PdfError('corrupt', message);
export const unsupported = (message: string): PdfError => new PdfError('unsupported', message);
