import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CELL, diffScreenshots } from '../../../electron/core/imaging/screenshot-diff.js';
import { png } from '../../helpers/png.mjs';
import { tempDir } from '../../helpers/tmp.js';

const WHITE = [255, 255, 255] as const;
const page = (w: number, h: number, box?: { x: number; y: number; w: number; h: number; rgb: readonly [number, number, number] }) =>
  png(w, h, (x, y) => (box && x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h ? box.rgb : WHITE));

describe('comparing two full-page screenshots', () => {
  it('identical pages differ by nothing; a changed price box by exactly its cells', async () => {
    const before = page(320, 480, { x: 32, y: 64, w: 64, h: 32, rgb: [0, 0, 0] });
    expect(await diffScreenshots([before], [before])).toMatchObject({ share: 0, differingCells: 0, changedRows: null });
    const after = page(320, 480, { x: 32, y: 64, w: 64, h: 32, rgb: [200, 0, 0] });
    const d = await diffScreenshots([before], [after]);
    // 64 × 32 px on cell boundaries: 4 × 2 cells of 16 px, out of 20 × 30.
    expect(d.differingCells).toBe((64 / CELL) * (32 / CELL));
    expect(d.share).toBeCloseTo(8 / 600, 6);
    expect(d.changedRows).toEqual({ from: 64, to: 96 });
  });

  it('a page that grew counts its new area as changed; the tiles of a tall page join as one image; files and bytes alike', async () => {
    const short = page(160, 160);
    const tall = page(160, 320);
    const d = await diffScreenshots([short], [tall]);
    expect(d).toMatchObject({ share: 0.5, before: { width: 160, height: 160 }, after: { width: 160, height: 320 } });
    const dir = tempDir();
    writeFileSync(join(dir, 'a.png'), short);
    // The same 320 px page as two tiles of 160 px, one read from a file.
    expect(await diffScreenshots([join(dir, 'a.png'), short], [tall])).toMatchObject({ share: 0, after: { height: 320 } });
  });

  it('anti-aliasing noise within tolerance is not a change; a wider page is', async () => {
    const noisy = png(160, 64, (x) => (x % 7 === 0 ? [240, 240, 240] : WHITE));
    expect((await diffScreenshots([page(160, 64)], [noisy])).share).toBe(0);
    const wider = await diffScreenshots([page(160, 64)], [page(192, 64)]);
    expect(wider.differingCells).toBe((192 - 160) / CELL * (64 / CELL));
  });

  it('a corrupt screenshot is an error that names the problem', async () => {
    const broken = Buffer.from(page(64, 64)).subarray(0, 60);
    await expect(diffScreenshots([page(64, 64)], [broken])).rejects.toThrow(/truncated/);
  });
});
