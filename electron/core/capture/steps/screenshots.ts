import { withTimeout, type CdpSession } from '../cdp.js';

export interface Tile {
  name: string;
  png: Buffer;
  y: number;
  height: number;
}

export interface FullPageShot {
  width: number;
  height: number;
  /** the page is this tall, but only `height` px were captured */
  pageHeight: number;
  tiles: Tile[];
}

// Screenshots are PNG (lossless: every pixel as rendered) encoded for speed
// rather than size; the size is the price of keeping up with a batch.

/** Tiles stay under GPU texture limits (16,384 px) at any device scale factor up to 2. */
const TILE_HEIGHT = 8000;
/** Past this, a page is an endless feed: captured this far and marked partial. */
export const MAX_CAPTURE_HEIGHT = 300_000;

export async function viewportScreenshot(cdp: CdpSession, boundMs: number): Promise<Buffer> {
  const shot = await withTimeout(cdp.send<{ data: string }>('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true }), boundMs, 'the viewport screenshot');
  return Buffer.from(shot.data, 'base64');
}

/**
 * The whole page, top to bottom, in tiles of at most TILE_HEIGHT CSS pixels
 * that join edge to edge without overlap: nothing is cut off and nothing is
 * shrunk.
 */
export async function fullPageScreenshot(cdp: CdpSession, boundMs: number): Promise<FullPageShot> {
  const deadline = Date.now() + boundMs;
  const metrics = await withTimeout(
    cdp.send<{ cssContentSize: { width: number; height: number }; cssLayoutViewport: { clientWidth: number; clientHeight: number } }>('Page.getLayoutMetrics'),
    boundMs,
    'reading the page size',
  );
  const width = Math.max(1, Math.ceil(Math.max(metrics.cssLayoutViewport.clientWidth, Math.min(metrics.cssContentSize.width, metrics.cssLayoutViewport.clientWidth * 4))));
  const pageHeight = Math.max(1, Math.ceil(metrics.cssContentSize.height));
  const height = Math.min(pageHeight, MAX_CAPTURE_HEIGHT);
  const tiles: Tile[] = [];
  const count = Math.ceil(height / TILE_HEIGHT);
  for (let i = 0; i < count; i++) {
    const y = i * TILE_HEIGHT;
    const h = Math.min(TILE_HEIGHT, height - y);
    const shot = await withTimeout(
      cdp.send<{ data: string }>('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, captureBeyondViewport: true, clip: { x: 0, y, width, height: h, scale: 1 } }),
      Math.max(1000, deadline - Date.now()),
      `full-page screenshot tile ${i + 1} of ${count}`,
    );
    const name = count === 1 ? 'screenshot-full.png' : `screenshot-full-${String(i + 1).padStart(3, '0')}.png`;
    tiles.push({ name, png: Buffer.from(shot.data, 'base64'), y, height: h });
  }
  return { width, height, pageHeight, tiles };
}
