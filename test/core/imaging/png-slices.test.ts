import { execFileSync } from 'node:child_process';
import { createWriteStream, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { PngError, pngSlices, readPngInfo, type PngSlice } from '../../../electron/core/imaging/png-slices.js';
import { png } from '../../helpers/png.mjs';
import { assemblePng, decodeRgbPng, encodePng, filteredData, ihdr, packRow, pngChunk, PNG_SIGNATURE, writePngStream, type EncodeOptions, type PngFormat } from '../../helpers/png-variants.js';
import { tempDir } from '../../helpers/tmp.js';

type Rgb = readonly [number, number, number];
const onWhite = (c: number, a: number): number => Math.round((c * a + 255 * (255 - a)) / 255);

async function collect(path: string, rows: number): Promise<PngSlice[]> {
  const slices: PngSlice[] = [];
  for await (const slice of pngSlices(path, rows)) slices.push(slice);
  return slices;
}

/** Decodes every slice and stacks them back into one RGB image. */
function reassemble(slices: PngSlice[]): { width: number; height: number; pixels: Buffer } {
  const decoded = slices.map((s) => decodeRgbPng(s.png));
  return { width: decoded[0]?.width ?? 0, height: decoded.reduce((n, d) => n + d.height, 0), pixels: Buffer.concat(decoded.map((d) => d.pixels)) };
}

function expectedPixels(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.set(pixel(x, y), (y * width + x) * 3);
  return out;
}

function save(dir: string, name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function sliceError(path: string, rows = 4): Promise<unknown> {
  try {
    await collect(path, rows);
  } catch (e) {
    return e;
  }
  throw new Error('expected pngSlices to throw');
}

describe('pngSlices', () => {
  it('cuts an RGB screenshot into slices that reassemble to the same pixels', async () => {
    const dir = tempDir();
    const pixel = (x: number, y: number): Rgb => [(x * 7 + y) & 255, (y * 3) & 255, x === y ? 255 : (x ^ y) & 255];
    const path = save(dir, 'shot.png', png(37, 250, pixel));
    expect(await readPngInfo(path)).toEqual({ width: 37, height: 250, bitDepth: 8, colorType: 2, interlaced: false });
    const slices = await collect(path, 64);
    expect(slices.map((s) => [s.top, s.height, s.width])).toEqual([
      [0, 64, 37],
      [64, 64, 37],
      [128, 64, 37],
      [192, 58, 37],
    ]);
    const image = reassemble(slices);
    expect(image.height).toBe(250);
    expect(image.pixels.equals(expectedPixels(37, 250, pixel))).toBe(true);
  });

  it('gives one slice when rows is at least the height, and one row each when rows is 1', async () => {
    const dir = tempDir();
    const pixel = (x: number, y: number): Rgb => [x * 20, y * 20, 100];
    const path = save(dir, 'small.png', png(5, 7, pixel));
    expect((await collect(path, 7)).map((s) => s.height)).toEqual([7]);
    expect((await collect(path, 1000)).map((s) => s.height)).toEqual([7]);
    const ones = await collect(path, 1);
    expect(ones.map((s) => s.top)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(reassemble(ones).pixels.equals(expectedPixels(5, 7, pixel))).toBe(true);
    await expect(collect(path, 0)).rejects.toThrow(RangeError);
  });

  it('composites alpha onto white', async () => {
    const dir = tempDir();
    const format: PngFormat = { width: 4, height: 2, colorType: 6, bitDepth: 8 };
    const pixels = [
      [0, 0, 0, 0],
      [0, 0, 0, 255],
      [255, 0, 0, 128],
      [10, 200, 30, 64],
    ];
    const path = save(dir, 'alpha.png', encodePng(format, () => packRow(pixels.flat(), 8)));
    const [slice] = await collect(path, 10);
    const { pixels: out } = decodeRgbPng(slice?.png ?? Buffer.alloc(0));
    expect([...out.subarray(0, 12)]).toEqual([255, 255, 255, 0, 0, 0, 255, 127, 127, onWhite(10, 64), onWhite(200, 64), onWhite(30, 64)]);
  });

  // Every colour type and bit depth the reader accepts, each row written with a different filter type.
  const width = 13;
  const height = 23;
  const hash = (x: number, y: number, k: number): number => ((x * 2654435761 + y * 40503 + k * 97) >>> 7) & 0xffff;
  const palette = Uint8Array.from({ length: 256 * 3 }, (_, i) => (i * 37) & 255);
  const paletteRgb = (i: number): Rgb => [palette[i * 3] ?? 0, palette[i * 3 + 1] ?? 0, palette[i * 3 + 2] ?? 0];
  const cases: { name: string; format: PngFormat; samples: (x: number, y: number) => number[]; expected: (x: number, y: number) => Rgb; options?: EncodeOptions }[] = [
    ...([1, 2, 4, 8] as const).map((bitDepth) => {
      const max = (1 << bitDepth) - 1;
      const v = (x: number, y: number): number => hash(x, y, 0) & max;
      return { name: `grey ${bitDepth}-bit`, format: { width, height, colorType: 0, bitDepth } as PngFormat, samples: (x: number, y: number) => [v(x, y)], expected: (x: number, y: number): Rgb => [Math.round((v(x, y) * 255) / max), Math.round((v(x, y) * 255) / max), Math.round((v(x, y) * 255) / max)] };
    }),
    { name: 'grey 16-bit', format: { width, height, colorType: 0, bitDepth: 16 }, samples: (x, y) => [hash(x, y, 1)], expected: (x, y) => [hash(x, y, 1) >> 8, hash(x, y, 1) >> 8, hash(x, y, 1) >> 8] },
    {
      name: 'grey 8-bit with a transparent grey level',
      format: { width, height, colorType: 0, bitDepth: 8 },
      samples: (x, y) => [(x + y) % 4 === 0 ? 0x33 : hash(x, y, 2) & 0x1f],
      expected: (x, y) => ((x + y) % 4 === 0 ? [255, 255, 255] : [hash(x, y, 2) & 0x1f, hash(x, y, 2) & 0x1f, hash(x, y, 2) & 0x1f]),
      options: { transparency: Uint8Array.of(0, 0x33) },
    },
    { name: 'grey + alpha 8-bit', format: { width, height, colorType: 4, bitDepth: 8 }, samples: (x, y) => [hash(x, y, 3) & 255, hash(x, y, 4) & 255], expected: (x, y) => Array(3).fill(onWhite(hash(x, y, 3) & 255, hash(x, y, 4) & 255)) as unknown as Rgb },
    { name: 'grey + alpha 16-bit', format: { width, height, colorType: 4, bitDepth: 16 }, samples: (x, y) => [hash(x, y, 3), hash(x, y, 4)], expected: (x, y) => Array(3).fill(onWhite(hash(x, y, 3) >> 8, hash(x, y, 4) >> 8)) as unknown as Rgb },
    { name: 'RGB 16-bit', format: { width, height, colorType: 2, bitDepth: 16 }, samples: (x, y) => [hash(x, y, 5), hash(x, y, 6), hash(x, y, 7)], expected: (x, y) => [hash(x, y, 5) >> 8, hash(x, y, 6) >> 8, hash(x, y, 7) >> 8] },
    {
      name: 'RGB 8-bit with a transparent colour',
      format: { width, height, colorType: 2, bitDepth: 8 },
      samples: (x, y) => (x === y ? [1, 2, 3] : [x, y, 9]),
      expected: (x, y) => (x === y ? [255, 255, 255] : [x, y, 9]),
      options: { transparency: Uint8Array.of(0, 1, 0, 2, 0, 3) },
    },
    {
      // The key names all 16 bits: the same high bytes with other low bytes stay opaque.
      name: 'RGB 16-bit with a transparent colour',
      format: { width, height, colorType: 2, bitDepth: 16 },
      samples: (x) => (x % 2 === 0 ? [0x1234, 0x5678, 0x9abc] : [0x1235, 0x5678, 0x9abc]),
      expected: (x) => (x % 2 === 0 ? [255, 255, 255] : [0x12, 0x56, 0x9a]),
      options: { transparency: Uint8Array.of(0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc) },
    },
    { name: 'RGBA 8-bit', format: { width, height, colorType: 6, bitDepth: 8 }, samples: (x, y) => [hash(x, y, 8) & 255, hash(x, y, 9) & 255, hash(x, y, 10) & 255, hash(x, y, 11) & 255], expected: (x, y) => [onWhite(hash(x, y, 8) & 255, hash(x, y, 11) & 255), onWhite(hash(x, y, 9) & 255, hash(x, y, 11) & 255), onWhite(hash(x, y, 10) & 255, hash(x, y, 11) & 255)] },
    { name: 'RGBA 16-bit', format: { width, height, colorType: 6, bitDepth: 16 }, samples: (x, y) => [hash(x, y, 8), hash(x, y, 9), hash(x, y, 10), hash(x, y, 11)], expected: (x, y) => [onWhite(hash(x, y, 8) >> 8, hash(x, y, 11) >> 8), onWhite(hash(x, y, 9) >> 8, hash(x, y, 11) >> 8), onWhite(hash(x, y, 10) >> 8, hash(x, y, 11) >> 8)] },
    ...([1, 2, 4, 8] as const).map((bitDepth) => {
      const entries = 1 << bitDepth;
      const alpha = Uint8Array.from({ length: Math.min(entries, 3) }, (_, i) => [0, 100, 255][i] ?? 255);
      const index = (x: number, y: number): number => hash(x, y, 12) % entries;
      const expected = (x: number, y: number): Rgb => {
        const i = index(x, y);
        const a = alpha[i] ?? 255;
        const [r, g, b] = paletteRgb(i);
        return [onWhite(r, a), onWhite(g, a), onWhite(b, a)];
      };
      return { name: `palette ${bitDepth}-bit with tRNS`, format: { width, height, colorType: 3, bitDepth } as PngFormat, samples: (x: number, y: number) => [index(x, y)], expected, options: { palette: palette.subarray(0, entries * 3), transparency: alpha } };
    }),
  ];

  for (const c of cases) {
    it(`reads ${c.name}`, async () => {
      const dir = tempDir();
      const data = encodePng(c.format, (y) => packRow(Array.from({ length: width }, (_, x) => c.samples(x, y)).flat(), c.format.bitDepth), { ...c.options, idatSize: 17 });
      const path = save(dir, 'variant.png', data);
      expect(await readPngInfo(path)).toMatchObject({ colorType: c.format.colorType, bitDepth: c.format.bitDepth });
      const slices = await collect(path, 5);
      expect(slices.map((s) => s.height)).toEqual([5, 5, 5, 5, 3]);
      expect(reassemble(slices).pixels.equals(expectedPixels(width, height, c.expected))).toBe(true);
    });
  }

  it('writes rows with Sub, Up or Paeth filters, smaller than unfiltered', async () => {
    const dir = tempDir();
    // A screenshot-like page: flat bands, a gradient header and some "text" speckles.
    const pixel = (x: number, y: number): Rgb => (y < 40 ? [x & 255, 80, 160] : (x * 31 + y * 17) % 97 < 3 ? [20, 20, 20] : y % 200 < 100 ? [255, 255, 255] : [240, 242, 245]);
    const path = save(dir, 'page.png', png(400, 600, pixel));
    const slices = await collect(path, 300);
    const decoded = slices.map((s) => decodeRgbPng(s.png));
    const filters = new Set(decoded.flatMap((d) => d.filters));
    expect([...filters].some((f) => f === 1 || f === 2)).toBe(true);
    const unfiltered = deflateSync(filteredData({ width: 400, height: 300, colorType: 2, bitDepth: 8 }, (y) => expectedPixels(400, 1, (x) => pixel(x, y)), () => 0), { level: 6 });
    expect(slices[0]?.png.length).toBeLessThan(unfiltered.length);
  });

  it('refuses interlaced screenshots with a clear error', async () => {
    const dir = tempDir();
    const format: PngFormat = { width: 4, height: 4, colorType: 2, bitDepth: 8, interlaced: true };
    const path = save(dir, 'adam7.png', assemblePng(format, deflateSync(Buffer.alloc(64))));
    expect((await readPngInfo(path)).interlaced).toBe(true);
    const e = await sliceError(path);
    expect(e).toBeInstanceOf(PngError);
    expect((e as Error).message).toMatch(/interlaced .* not supported/);
  });

  describe('broken files', () => {
    const format: PngFormat = { width: 10, height: 50, colorType: 2, bitDepth: 8 };
    const good = encodePng(format, (y) => Uint8Array.from({ length: 30 }, (_, i) => (i * y) & 255), { idatSize: 100 });
    const firstIdat = good.indexOf('IDAT', 0, 'latin1') - 4;

    async function expectError(data: Buffer, message: RegExp): Promise<void> {
      const path = save(tempDir(), 'broken.png', data);
      const e = await sliceError(path);
      expect(e).toBeInstanceOf(PngError);
      expect((e as Error).message).toMatch(message);
    }

    it('not a PNG, or empty', async () => {
      await expectError(Buffer.from('GIF89a and so on, not a PNG at all'), /^not a PNG file$/);
      await expectError(Buffer.alloc(0), /^not a PNG file$/);
      await expect(readPngInfo(save(tempDir(), 'x.png', Buffer.from('%PDF-1.7')))).rejects.toThrow('not a PNG file');
    });

    it('truncated inside the image data: names the last complete row', async () => {
      await expectError(good.subarray(0, firstIdat + 8 + 150), /^truncated: the image data ends after row \d+ of 50/);
      await expectError(good.subarray(0, 20), /^truncated: the file ends at byte 20, inside the IHDR chunk/);
    });

    it('truncated after the image data (no IEND)', async () => {
      await expectError(good.subarray(0, good.length - 12), /^truncated: the file ends at byte \d+, inside a chunk header/);
    });

    it('bad CRC on IHDR and on IDAT', async () => {
      const badIhdr = Buffer.from(good);
      badIhdr[29] = (badIhdr[29] ?? 0) ^ 1;
      await expectError(badIhdr, /bad CRC in the IHDR chunk/);
      const badIdat = Buffer.from(good);
      const crcAt = firstIdat + 8 + 100;
      badIdat[crcAt] = (badIdat[crcAt] ?? 0) ^ 1;
      await expectError(badIdat, new RegExp(`bad CRC in the IDAT chunk at byte ${firstIdat}`));
    });

    it('IDAT that does not inflate', async () => {
      await expectError(assemblePng(format, Buffer.from('this is not zlib data at all, just text')), /IDAT data does not inflate/);
    });

    it('pixel data shorter than the header says', async () => {
      const short = deflateSync(filteredData({ ...format, height: 3 }, () => new Uint8Array(30)));
      await expectError(assemblePng(format, short), /^truncated: the image data ends after row 3 of 50$/);
    });

    it('more pixel data than the header says', async () => {
      const long = deflateSync(filteredData({ ...format, height: 51 }, () => new Uint8Array(30)));
      await expectError(assemblePng(format, long), /more image data than 10 × 50 px/);
    });

    it('data after the end of the compressed image', async () => {
      const data = deflateSync(filteredData(format, () => new Uint8Array(30)));
      await expectError(assemblePng(format, Buffer.concat([data, Buffer.from('appended')])), /^8 bytes of IDAT data follow the end of the compressed image$/);
    });

    it('unknown filter type, palette index out of range, missing PLTE, unknown critical chunk', async () => {
      const raw = filteredData(format, () => new Uint8Array(30), () => 0);
      raw[31 * 7] = 9;
      await expectError(assemblePng(format, deflateSync(raw)), /unknown filter type 9 on row 7/);
      const paletted: PngFormat = { width: 4, height: 2, colorType: 3, bitDepth: 8 };
      await expectError(encodePng(paletted, () => Uint8Array.of(0, 1, 2, 3), { palette: new Uint8Array(9) }), /palette index 3 out of range in row 0/);
      await expectError(encodePng(paletted, () => Uint8Array.of(0, 0, 0, 0)), /without a PLTE/);
      const withCritical = Buffer.concat([PNG_SIGNATURE, ihdr(format), pngChunk('ZZZZ', Buffer.alloc(3)), good.subarray(33)]);
      await expectError(withCritical, /unknown critical chunk ZZZZ/);
    });

    it('a header claiming 100000 × 100000 px with little data fails fast without allocating it', async () => {
      const huge: PngFormat = { width: 100_000, height: 100_000, colorType: 6, bitDepth: 8 };
      const data = assemblePng(huge, deflateSync(Buffer.alloc(400_001 * 2)));
      const before = process.memoryUsage().rss;
      const started = Date.now();
      await expectError(data, /^truncated: the image data ends after row 2 of 100000$/);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
    });
  });

  it('slices a 1366 × 60,000 px RGBA screenshot with little memory', async () => {
    const dir = tempDir();
    const path = join(dir, 'tall.png');
    const w = 1366;
    const h = 60_000;
    const row = new Uint8Array(w * 4);
    await writePngStream(path, { width: w, height: h, colorType: 6, bitDepth: 8 }, (y) => {
      for (let x = 0; x < w; x++) {
        const text = (x * 31 + y * 17) % 89 < 4;
        row.set(text ? [30, 30, 30, 255] : y % 700 < 60 ? [x & 255, y & 255, 200, 255] : [255, 255, 255, y % 3 === 0 ? 0 : 255], x * 4);
      }
      return row.slice();
    });
    const fileSize = statSync(path).size;
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    let rows = 0;
    let bytes = 0;
    let count = 0;
    try {
      for await (const slice of pngSlices(path, 2000)) {
        peak = Math.max(peak, process.memoryUsage().rss);
        expect(slice.top).toBe(rows);
        rows += slice.height;
        bytes += slice.png.length;
        count++;
        if (count === 7) {
          // Spot-check one slice's pixels against the generator.
          const { pixels } = decodeRgbPng(slice.png);
          const y = slice.top + 5;
          const x = 100;
          const text = (x * 31 + y * 17) % 89 < 4;
          expect([...pixels.subarray((5 * w + x) * 3, (5 * w + x) * 3 + 3)]).toEqual(text ? [30, 30, 30] : y % 700 < 60 ? [x & 255, y & 255, 200] : [255, 255, 255]);
        }
      }
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    expect(rows).toBe(h);
    expect(count).toBe(30);
    const growthMb = (peak - baseline) / 2 ** 20;
    console.log(`1366 × 60000 RGBA (${(fileSize / 2 ** 20).toFixed(1)} MB file) → ${count} slices, ${(bytes / 2 ** 20).toFixed(1)} MB, in ${seconds.toFixed(1)} s; RSS growth ${growthMb.toFixed(0)} MB`);
    expect(growthMb).toBeLessThan(150);
  });

  it('gives slices pdfkit embeds as 8-bit RGB images', async () => {
    const dir = tempDir();
    const path = save(dir, 'shot.png', encodePng({ width: 300, height: 500, colorType: 6, bitDepth: 8 }, (y) => Uint8Array.from({ length: 1200 }, (_, i) => (i % 4 === 3 ? 200 : (i + y) & 255))));
    const [slice] = await collect(path, 400);
    const pdfPath = join(dir, 'slice.pdf');
    const doc = new PDFDocument({ autoFirstPage: true });
    const out = createWriteStream(pdfPath);
    doc.pipe(out);
    doc.image(slice?.png ?? Buffer.alloc(0), 20, 20, { width: 300 });
    doc.end();
    await once(out, 'finish');
    const list = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' }).trim().split('\n');
    expect(list).toHaveLength(3);
    const [, , type, imgWidth, imgHeight, color, comp, bpc, enc] = (list[2] ?? '').trim().split(/\s+/);
    expect({ type, imgWidth, imgHeight, color, comp, bpc, enc }).toEqual({ type: 'image', imgWidth: '300', imgHeight: '400', color: 'rgb', comp: '3', bpc: '8', enc: 'image' });
    expect(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' })).toMatch(/Pages:\s+1/);
  });
});
