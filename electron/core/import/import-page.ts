import { hostname, platform, release } from 'node:os';
import { basename, resolve } from 'node:path';
import { offersOnPage } from '../catalogue/offers.js';
import { captureFiler } from '../catalogue/capture-filer.js';
import { parseCaptureUrl, type UrlRefusal } from '../capture/url-policy.js';
import { EXTRACTION_FORMAT } from '../capture/extraction-step.js';
import { EXTRACTOR_VERSION, readPage } from '../extract/extract-page.js';
import type { PageExtraction } from '../extract/types.js';
import { describeReadInputError, readInputFile } from '../util/read-input.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { exhibitVersion } from '../version.js';
import type { ArtifactInput, CaptureRecord } from '../workspace/capture-record.js';
import { osUserName } from '../workspace/custody.js';
import type { Workspace } from '../workspace/workspace.js';
import { detectFile, type ImportKind } from './detect.js';
import { htmlOfMhtml } from './mhtml.js';

export const IMPORT_NOTICE = 'Imported, not captured by Exhibit: this file was saved by other means; Exhibit hashed and signed it when it was imported and cannot vouch for how or when it was made.';

/** No page, archive or screenshot worth importing comes near this. */
const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export interface ImportRequest {
  file: string;
  /** the address the page was saved from, as the investigator states it */
  url: string;
  caseRef?: string | undefined;
  seller?: { marketplace: string; sellerKey: string } | undefined;
  note?: string | undefined;
}

export type ImportError =
  | { kind: 'bad-url'; refusal: UrlRefusal }
  | { kind: 'unreadable'; file: string; reason: string }
  | { kind: 'unrecognised'; file: string; reason: string };

export function describeImportError(e: ImportError): string {
  switch (e.kind) {
    case 'bad-url':
      return `--url ${JSON.stringify(e.refusal.input)}: ${e.refusal.reason}. Nothing was imported.`;
    case 'unreadable':
      return `Cannot read ${e.file}: ${e.reason}. Nothing was imported.`;
    case 'unrecognised':
      return `Cannot import ${e.file}: ${e.reason}. Nothing was imported.`;
  }
}

export interface ImportedCapture {
  record: CaptureRecord;
  kind: ImportKind;
  extraction: PageExtraction | null;
}

/**
 * Brings a page saved elsewhere (HTML, MHTML, or a screenshot) into the
 * workspace as evidence of a different standing: the file is stored exactly
 * as read, hashed and signed on import, and its manifest says plainly that
 * Exhibit did not capture it. What can be read from it is extracted and
 * filed like a capture. Checked before anything is written: a bad URL or an
 * unrecognised file changes nothing.
 */
export async function importPage(ws: Workspace, req: ImportRequest): Promise<Result<ImportedCapture, ImportError>> {
  const url = parseCaptureUrl(req.url);
  if (!url.ok) return err({ kind: 'bad-url', refusal: url.error });
  const path = resolve(req.file);
  const input = await readInputFile(path, MAX_IMPORT_BYTES);
  if (!input.ok) return err({ kind: 'unreadable', file: req.file, reason: describeReadInputError(input.error) });
  const { bytes, ...stat } = input.value;
  if (bytes.length === 0) return err({ kind: 'unrecognised', file: req.file, reason: 'the file is empty' });
  const detected = detectFile(bytes);
  if ('error' in detected) return err({ kind: 'unrecognised', file: req.file, reason: detected.error });

  const html = detected.kind === 'html' ? detected.content.toString('utf8') : detected.kind === 'mhtml' ? htmlOfMhtml(detected.content) : null;
  if (detected.kind === 'mhtml' && html === null) return err({ kind: 'unrecognised', file: req.file, reason: 'it looks like MHTML but holds no HTML part' });
  const pageUrl = url.value.href;
  const read = html !== null ? readPage(html, pageUrl) : null;
  const extraction = read?.extraction ?? null;
  const text = read?.text ?? '';

  const at = utcNow();
  const settings = await ws.settings();
  const artifacts: ArtifactInput[] = [
    // Stored exactly as read: the hash is of the bytes the investigator handed over.
    { name: `imported.${detected.extension}`, kind: 'imported-original', mediaType: detected.gzipped ? 'application/gzip' : detected.mediaType, source: bytes },
  ];
  if (html !== null) artifacts.push({ name: 'text.txt', kind: 'text', mediaType: 'text/plain; charset=utf-8', source: text });
  if (extraction) {
    artifacts.push({
      name: 'extracted.json',
      kind: 'extraction',
      mediaType: 'application/json',
      source: `${JSON.stringify({ format: EXTRACTION_FORMAT, extractorVersion: EXTRACTOR_VERSION, extraction }, null, 1)}\n`,
    });
  }
  const record = await ws.recordCapture({
    requestedUrl: pageUrl,
    finalUrl: pageUrl,
    httpStatus: null,
    outcome: 'imported',
    startedAt: at,
    finishedAt: at,
    artifacts,
    provenance: {
      imported: {
        notice: IMPORT_NOTICE,
        fileName: basename(path),
        path,
        bytes: bytes.length,
        modifiedAt: stat.mtime.toISOString(),
        detectedAs: detected.kind,
        gzipped: detected.gzipped,
        statedUrl: pageUrl,
      },
      importedBy: { investigator: settings.investigator, organisation: settings.organisation, osUser: osUserName(), hostname: hostname(), os: `${platform()} ${release()}` },
      exhibitVersion: exhibitVersion(),
      ...(req.note ? { note: req.note } : {}),
    },
    filer: captureFiler({
      extraction,
      extractorVersion: EXTRACTOR_VERSION,
      outcome: 'imported',
      url: pageUrl,
      startedAt: at,
      caseRef: req.caseRef,
      seller: req.seller,
      text,
      offers: html !== null ? offersOnPage(html, pageUrl, extraction) : [],
    }),
  });
  return ok({ record, kind: detected.kind, extraction });
}
