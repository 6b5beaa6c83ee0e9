import { EXTRACTOR_VERSION, extractPage } from '../extract/extract-page.js';
import type { PageExtraction } from '../extract/types.js';
import { offersOnPage } from '../catalogue/offers.js';
import type { Offer } from '../fakes/readers/amazon-offers.js';
import type { PageCapture } from './capture-page.js';

export const EXTRACTION_FORMAT = 'exhibit.extraction';

/**
 * Reads the listing off the rendered DOM, and adds what was read to the
 * capture as an artifact (extracted.json), so the values a dossier shows are
 * hashed and signed with the page they came from.
 */
export function extractCapturedPage(page: PageCapture): { extraction: PageExtraction | null; extractorVersion: string; text: string; offers: Offer[] } {
  const dom = page.artifacts.find((a) => a.kind === 'dom');
  const textArtifact = page.artifacts.find((a) => a.kind === 'text');
  const text = typeof textArtifact?.source === 'string' ? textArtifact.source : '';
  if (!dom || typeof dom.source !== 'string') return { extraction: null, extractorVersion: EXTRACTOR_VERSION, text, offers: [] };
  let extraction: PageExtraction;
  try {
    extraction = extractPage(dom.source, page.finalUrl ?? page.requestedUrl);
  } catch (e) {
    // A bug in an extractor must not cost the evidence: the capture is kept, unfiled, and says why.
    page.provenance.extractionError = e instanceof Error ? e.message : String(e);
    return { extraction: null, extractorVersion: EXTRACTOR_VERSION, text, offers: [] };
  }
  page.artifacts.push({
    name: 'extracted.json',
    kind: 'extraction',
    mediaType: 'application/json',
    source: `${JSON.stringify({ format: EXTRACTION_FORMAT, extractorVersion: EXTRACTOR_VERSION, extraction }, null, 1)}\n`,
  });
  // The sellers' offers are read off the same signed DOM; a failure to read them costs no evidence either.
  let offers: Offer[] = [];
  try {
    offers = offersOnPage(dom.source, page.finalUrl ?? page.requestedUrl, extraction);
  } catch (e) {
    page.provenance.extractionError = `offers: ${e instanceof Error ? e.message : String(e)}`;
  }
  return { extraction, extractorVersion: EXTRACTOR_VERSION, text, offers };
}
