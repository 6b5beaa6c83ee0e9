import { EXTRACTOR_VERSION, extractPage } from '../extract/extract-page.js';
import type { PageExtraction } from '../extract/types.js';
import type { PageCapture } from './capture-page.js';

export const EXTRACTION_FORMAT = 'exhibit.extraction';

/**
 * Reads the listing off the rendered DOM, and adds what was read to the
 * capture as an artifact (extracted.json), so the values a dossier shows are
 * hashed and signed with the page they came from.
 */
export function extractCapturedPage(page: PageCapture): { extraction: PageExtraction | null; extractorVersion: string; text: string } {
  const dom = page.artifacts.find((a) => a.kind === 'dom');
  const textArtifact = page.artifacts.find((a) => a.kind === 'text');
  const text = typeof textArtifact?.source === 'string' ? textArtifact.source : '';
  if (!dom || typeof dom.source !== 'string') return { extraction: null, extractorVersion: EXTRACTOR_VERSION, text };
  let extraction: PageExtraction;
  try {
    extraction = extractPage(dom.source, page.finalUrl ?? page.requestedUrl);
  } catch (e) {
    // A bug in an extractor must not cost the evidence: the capture is kept, unfiled, and says why.
    page.provenance.extractionError = e instanceof Error ? e.message : String(e);
    return { extraction: null, extractorVersion: EXTRACTOR_VERSION, text };
  }
  page.artifacts.push({
    name: 'extracted.json',
    kind: 'extraction',
    mediaType: 'application/json',
    source: `${JSON.stringify({ format: EXTRACTION_FORMAT, extractorVersion: EXTRACTOR_VERSION, extraction }, null, 1)}\n`,
  });
  return { extraction, extractorVersion: EXTRACTOR_VERSION, text };
}
