import { captureFiler } from '../../electron/core/catalogue/capture-filer.js';
import { EXTRACTOR_VERSION, readPage } from '../../electron/core/extract/extract-page.js';
import type { CaptureOutcome } from '../../electron/core/capture/outcome.js';
import type { ArtifactInput, CaptureRecord } from '../../electron/core/workspace/capture-record.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { extractedArtifact } from './catalogue.js';
import { png } from './png.mjs';

/**
 * Stores a page as a capture stores it, without a browser: its rendered DOM
 * and visible text (read by the real extractors), a screenshot, the
 * extraction, and any further artifacts (a WARC holding its pictures), filed
 * under the seller and listing the page names. For tests of what is made of
 * captures (links, operators) that do not test capturing itself.
 */
export async function storePage(
  ws: Workspace,
  url: string,
  html: string,
  startedAt: string,
  o: { outcome?: CaptureOutcome; artifacts?: ArtifactInput[] } = {},
): Promise<CaptureRecord> {
  const outcome = o.outcome ?? 'complete';
  const { extraction, text } = readPage(html, url);
  return ws.recordCapture({
    requestedUrl: url,
    finalUrl: url,
    httpStatus: outcome === 'gone' ? 410 : 200,
    outcome,
    startedAt,
    finishedAt: startedAt,
    artifacts: [
      { name: 'dom.html', kind: 'dom', mediaType: 'text/html', source: html },
      { name: 'text.txt', kind: 'text', mediaType: 'text/plain', source: text },
      { name: 'screenshot-viewport.png', kind: 'screenshot-viewport', mediaType: 'image/png', source: png(320, 200, (x, y) => [240 - (y % 40), 240, 250 - (x % 50)]) },
      extractedArtifact(extraction, EXTRACTOR_VERSION),
      ...(o.artifacts ?? []),
    ],
    provenance: { test: true },
    filer: captureFiler({ extraction, extractorVersion: EXTRACTOR_VERSION, outcome, url, startedAt, text }),
  });
}
