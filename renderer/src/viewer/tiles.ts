import type { ScreenshotLayout } from '../api/types.js';

/** Output px of a tile (electron/core/imaging/view-tiles.ts): at level L it covers TILE × 2^L px of the page. */
export const TILE = 512;
export const MAX_LEVEL = 7;

/** The zoom steps + and − go through; fit width and fit height fall between them. */
export const ZOOM_STEPS = [0.01, 0.02, 0.05, 0.1, 0.125, 0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;
export const MIN_ZOOM = 0.01;
export const MAX_ZOOM = 4;

/** The next step in or out from any zoom. */
export function stepZoom(zoom: number, dir: 1 | -1): number {
  if (dir > 0) return ZOOM_STEPS.find((z) => z > zoom * 1.001) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom * 0.999) ?? MIN_ZOOM;
}

/** The level whose tiles are at least as sharp as the screen needs: scaled down by the browser by less than half. */
export function levelFor(zoom: number): number {
  if (zoom >= 1) return 0;
  return Math.max(0, Math.min(MAX_LEVEL, Math.floor(Math.log2(1 / zoom))));
}

export interface PlacedTile {
  key: string;
  strip: string;
  level: number;
  col: number;
  row: number;
  /** where it goes in the zoomed page, CSS px */
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The tiles that cover the part of the page in view (with a margin of
 * about a screen, so panning finds them ready), placed on the zoomed page.
 * view: the scroll box's visible rectangle in zoomed CSS px.
 */
export function tilesInView(layout: ScreenshotLayout, zoom: number, view: { left: number; top: number; width: number; height: number }): PlacedTile[] {
  const level = levelFor(zoom);
  const span = TILE * 2 ** level;
  const marginY = view.height;
  const marginX = view.width / 2;
  // The view in page px.
  const x0 = Math.max(0, (view.left - marginX) / zoom);
  const x1 = (view.left + view.width + marginX) / zoom;
  const y0 = Math.max(0, (view.top - marginY) / zoom);
  const y1 = (view.top + view.height + marginY) / zoom;
  const out: PlacedTile[] = [];
  for (const s of layout.strips) {
    if (s.y + s.height <= y0 || s.y >= y1) continue;
    const rowFrom = Math.max(0, Math.floor((y0 - s.y) / span));
    const rowTo = Math.min(Math.ceil(s.height / span) - 1, Math.floor((y1 - s.y) / span));
    const colFrom = Math.floor(x0 / span);
    const colTo = Math.min(Math.ceil(s.width / span) - 1, Math.floor(x1 / span));
    for (let row = rowFrom; row <= rowTo; row++) {
      for (let col = colFrom; col <= colTo; col++) {
        const w = Math.min(span, s.width - col * span);
        const h = Math.min(span, s.height - row * span);
        out.push({ key: `${s.name}/${level}/${col}/${row}`, strip: s.name, level, col, row, left: col * span * zoom, top: (s.y + row * span) * zoom, width: w * zoom, height: h * zoom });
      }
    }
  }
  return out;
}
