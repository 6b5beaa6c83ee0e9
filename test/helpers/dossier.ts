import { randomBytes } from 'node:crypto';
import { captureFiler } from '../../electron/core/catalogue/capture-filer.js';
import type { CaptureRecord } from '../../electron/core/workspace/capture-record.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { extractedArtifact, listingExtraction } from './catalogue.js';
import { png } from './png.mjs';

const TILE = 8000;

/** A screenshot whose every row says where it is: bands of colour, so a missing or repeated slice shows. */
function screenshotTile(width: number, height: number, top: number): Buffer {
  return png(width, height, (x, y) => {
    const band = Math.floor((top + y) / 100);
    return [(band * 37) % 256, (band * 91) % 256, x < 4 ? 0 : 230];
  });
}

export interface SeedOptions {
  marketplace?: string;
  sellerId?: string;
  sellerName?: string;
  listingId?: string;
  title?: string;
  price?: string;
  currency?: string;
  /** height of the full-page screenshot in px; 0 for none (a failed load) */
  height?: number;
  width?: number;
  outcome?: string;
  startedAt?: string;
  caseRef?: string;
  /** the note given when capturing: sealed in the manifest */
  note?: string;
}

/**
 * A capture as the capture engine would store it, without a browser: a
 * full-page screenshot in tiles of 8,000 px with the manifest saying how
 * they join, the other artifacts, the environment record, and its filing.
 */
export async function seedCapture(ws: Workspace, o: SeedOptions = {}): Promise<CaptureRecord> {
  const width = o.width ?? 1366;
  const height = o.height ?? 1800;
  const startedAt = o.startedAt ?? new Date().toISOString();
  const url = `https://www.ebay.com/itm/${o.listingId ?? '1'}`;
  const outcome = o.outcome ?? 'complete';
  const tiles: { name: string; y: number; height: number }[] = [];
  const artifacts = [];
  for (let y = 0, i = 0; y < height; y += TILE, i++) {
    const h = Math.min(TILE, height - y);
    const name = height > TILE ? `screenshot-full-${String(i + 1).padStart(3, '0')}.png` : 'screenshot-full.png';
    tiles.push({ name, y, height: h });
    artifacts.push({ name, kind: 'screenshot-full', mediaType: 'image/png', source: screenshotTile(width, h, y) });
  }
  artifacts.push(
    { name: 'dom.html', kind: 'dom', mediaType: 'text/html; charset=utf-8', source: `<html><body><h1>${o.title ?? 'x'}</h1>${randomBytes(8).toString('hex')}</body></html>` },
    { name: 'text.txt', kind: 'text', mediaType: 'text/plain; charset=utf-8', source: `${o.title ?? ''} ${randomBytes(8).toString('hex')}` },
    { name: 'network.har', kind: 'har', mediaType: 'application/json', source: JSON.stringify({ log: { entries: [], n: randomBytes(8).toString('hex') } }) },
  );
  const started = new Date(startedAt);
  const extraction =
    outcome === 'complete'
      ? listingExtraction({ marketplace: o.marketplace ?? 'ebay', listingId: o.listingId ?? '1', sellerId: o.sellerId ?? 'seller', sellerName: o.sellerName, title: o.title, price: o.price, currency: o.currency })
      : null;
  // As a real capture carries it: what was read from the page, signed with it.
  if (extraction) artifacts.push(extractedArtifact(extraction));
  return ws.recordCapture({
    requestedUrl: url,
    finalUrl: outcome === 'complete' ? url : null,
    httpStatus: outcome === 'complete' ? 200 : null,
    outcome,
    startedAt,
    finishedAt: new Date(started.getTime() + 4200).toISOString(),
    artifacts: height > 0 ? artifacts : artifacts.filter((a) => a.kind !== 'screenshot-full'),
    provenance: {
      environment: {
        exhibitVersion: 'test',
        nodeVersion: process.version,
        browser: { product: 'Chrome/140.0.0.0', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0', executablePath: '/usr/bin/chromium', source: 'system' },
        viewport: { width: 1366, height: 900, deviceScaleFactor: 1 },
        os: { platform: 'linux', type: 'Linux', release: '6.1.0', version: '#1 SMP Debian', arch: 'x64' },
        hostname: 'investigator-laptop',
        timeZone: 'Europe/Paris',
        started: { utc: startedAt, local: startedAt.replace('Z', '+00:00') },
        finished: { utc: startedAt, local: startedAt.replace('Z', '+00:00') },
        timeSource: { clock: 'system clock of the capturing machine', ntpSynchronized: true },
        network: { proxy: null, certificatesTrustedWithoutAuthority: [] },
        profile: { kind: 'clean', description: 'a fresh browser context' },
        investigator: { name: 'Jane Roe', organisation: 'Acme Legal', osUser: 'jane' },
      },
      mainDocument: outcome === 'complete' ? { url, status: 200, mimeType: 'text/html', serverIp: '203.0.113.7', serverPort: 443, protocol: 'h2', bodyNote: null } : null,
      screenshot: height > 0 ? { width, height, pageHeight: height, deviceScaleFactor: 1, join: 'tiles stack top to bottom', tiles } : null,
      ...(o.note !== undefined ? { note: o.note } : {}),
    },
    filer: captureFiler({ extraction, extractorVersion: 'test', outcome, url, startedAt, caseRef: o.caseRef, text: o.title ?? '' }),
  });
}
