import { captureFiler } from '../../electron/core/catalogue/capture-filer.js';
import type { ListingFields, PageExtraction } from '../../electron/core/extract/types.js';
import { EXTRACTION_FORMAT } from '../../electron/core/capture/extraction-step.js';
import type { ArtifactInput, CaptureRecord } from '../../electron/core/workspace/capture-record.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';

/** What an extractor would have found on an eBay listing, field by field, each with a source. */
export function listingExtraction(o: { marketplace?: string; listingId?: string; sellerId?: string; sellerName?: string; title?: string; price?: string; currency?: string; kind?: PageExtraction['kind'] }): PageExtraction {
  const fields: ListingFields = {};
  const src = (detail: string) => ({ kind: 'selector' as const, detail });
  if (o.listingId) fields.listingId = { value: o.listingId, source: { kind: 'url', detail: '/itm/(\\d+)' } };
  if (o.title) fields.title = { value: o.title, source: src('h1.x-item-title__mainTitle') };
  if (o.price) fields.price = { value: o.price, source: src('.x-price-primary') };
  if (o.currency) fields.currency = { value: o.currency, source: src('.x-price-primary') };
  if (o.sellerId) fields.sellerId = { value: o.sellerId, source: src('.x-sellercard-atf a[href*="/usr/"]') };
  if (o.sellerName) fields.sellerName = { value: o.sellerName, source: src('.x-sellercard-atf__info__about-seller') };
  return {
    marketplace: o.marketplace ?? 'ebay',
    extractor: 'ebay',
    recognisedBy: { kind: 'url', detail: 'host ebay.com' },
    kind: o.kind ?? 'listing',
    blocked: o.kind === 'blocked' ? { kind: 'text', matched: 'verify you are a human' } : null,
    fields,
    storefront: null,
  };
}

/** The signed extracted.json a capture of that page carries, as the capture step writes it. */
export function extractedArtifact(extraction: PageExtraction, extractorVersion = 'test'): ArtifactInput {
  return {
    name: 'extracted.json',
    kind: 'extraction',
    mediaType: 'application/json',
    source: `${JSON.stringify({ format: EXTRACTION_FORMAT, extractorVersion, extraction }, null, 1)}\n`,
  };
}

let counter = 0;

/** Stores a small capture and files it from the given extraction, as a capture of that page would be. */
export function fileCapture(
  ws: Workspace,
  extraction: PageExtraction | null,
  o: { startedAt?: string; outcome?: string; text?: string; caseRef?: string; seller?: { marketplace: string; sellerKey: string }; artifacts?: ArtifactInput[] } = {},
): Promise<CaptureRecord> {
  const n = ++counter;
  const startedAt = o.startedAt ?? new Date(Date.UTC(2026, 10, 1, 10, 0, n)).toISOString();
  const url = `https://www.ebay.com/itm/${extraction?.fields.listingId?.value ?? n}`;
  const outcome = o.outcome ?? 'complete';
  return ws.recordCapture({
    requestedUrl: url,
    finalUrl: url,
    httpStatus: 200,
    outcome,
    startedAt,
    finishedAt: startedAt,
    artifacts: [{ name: 'text.txt', kind: 'text', mediaType: 'text/plain', source: `${o.text ?? ''} #${n}` }, ...(extraction ? [extractedArtifact(extraction)] : []), ...(o.artifacts ?? [])],
    provenance: { test: true },
    filer: captureFiler({ extraction, extractorVersion: 'test', outcome, url, startedAt, caseRef: o.caseRef, seller: o.seller, text: o.text ?? '' }),
  });
}

/** Every row of every table: to show that a refused change changed nothing. */
export async function dbRows(ws: Workspace): Promise<Record<string, unknown[]>> {
  const tables = await ws.db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index_%' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    // A background stamping pass notes its failed tries on the queue whenever it runs: not a change a request made.
    const columns = name === 'stamp_requests' ? 'id, subject_kind, subject, imprint, queued_at, done_at' : '*';
    out[name] = await ws.db.all(`SELECT ${columns} FROM "${name}" ORDER BY rowid`);
  }
  return out;
}
