import { join } from 'node:path';
import { readPngInfo } from '../imaging/png-slices.js';
import { diffScreenshots, type DiffRegion } from '../imaging/screenshot-diff.js';
import { ViewTiles, type TileAddress } from '../imaging/view-tiles.js';
import { getCapture } from '../workspace/capture-queries.js';
import type { Workspace } from '../workspace/workspace.js';
import { ApiFailure, type Handlers } from './failure.js';
import { artifacts } from '../store/index.js';

/** A full-page screenshot as the viewer lays it out: its strips stacked top to bottom, edge to edge. */
export interface ScreenshotLayout {
  width: number;
  height: number;
  strips: { name: string; y: number; width: number; height: number }[];
}

export interface ScreenshotComparison {
  before: ScreenshotLayout;
  after: ScreenshotLayout;
  /** share of the area that differs, 0 to 1 */
  share: number;
  differingCells: number;
  /** where they differ, px of the later capture's page */
  regions: DiffRegion[];
}

/** The strips of a capture's full-page screenshot, in name order (the order they join in). */
async function strips(ws: Workspace, captureId: string): Promise<artifacts.ScreenshotStrip[]> {
  return artifacts.screenshotStrips(ws.db, captureId);
}

export async function screenshotLayout(ws: Workspace, captureId: string): Promise<ScreenshotLayout | null> {
  const rows = await strips(ws, captureId);
  if (rows.length === 0) return null;
  let y = 0;
  let width = 0;
  const out: ScreenshotLayout['strips'] = [];
  for (const r of rows) {
    // The PNG's own header, 33 bytes: the stored file says how big it is.
    const info = await readPngInfo(ws.store.pathOf(r.sha256));
    out.push({ name: r.name, y, width: info.width, height: info.height });
    y += info.height;
    width = Math.max(width, info.width);
  }
  return { width, height: y, strips: out };
}

const tilesByWorkspace = new WeakMap<Workspace, ViewTiles>();

/** Where the viewer's tiles are cut and kept: outside the evidence, keyed by the stored strip's hash. */
export const viewTileCache = (ws: Workspace) => join(ws.dir, 'cache', 'view-tiles');

/**
 * One tile of a capture's full-page screenshot, for both transports (`exhibit
 * serve` and the app's exhibit-artifact: scheme): only a strip of a
 * screenshot-full artifact of that capture, looked up by name in the
 * database, never a path; null when there is no such tile.
 */
export async function screenshotTile(ws: Workspace, captureId: string, name: string, at: TileAddress): Promise<Buffer | null> {
  const row = await artifacts.screenshotStrip(ws.db, captureId, name);
  if (!row) return null;
  const file = ws.store.pathOf(row.sha256);
  const info = await readPngInfo(file);
  let tiles = tilesByWorkspace.get(ws);
  if (!tiles) tilesByWorkspace.set(ws, (tiles = new ViewTiles(viewTileCache(ws))));
  return tiles.tile(file, row.sha256, info.width, info.height, at);
}

/** The viewer's operations: a screenshot's layout, and two captures' screenshots compared. */
export function viewerHandlers(ws: Workspace): Pick<Handlers, 'captures.screenshot' | 'captures.compare'> {
  const layoutOf = async (id: string) => {
    if (!(await getCapture(ws.db, id))) throw new ApiFailure('not-found', `No capture ${id} in this workspace.`);
    return screenshotLayout(ws, id);
  };
  return {
    'captures.screenshot': (i) => layoutOf(i.id),
    'captures.compare': async (i) => {
      const [before, after] = await Promise.all([layoutOf(i.before), layoutOf(i.after)]);
      if (!before || !after) throw new ApiFailure('refused', `Capture ${before ? i.after : i.before} has no full-page screenshot to compare.`);
      const files = async (id: string) => (await strips(ws, id)).map((s) => ws.store.pathOf(s.sha256));
      const d = await diffScreenshots(await files(i.before), await files(i.after), { regions: true });
      return { before, after, share: d.share, differingCells: d.differingCells, regions: d.regions ?? [] };
    },
  };
}
