import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hammingDistance, perceptualHash } from '../../../electron/core/fakes/perceptual-hash.js';
import { flaskPng, mirroredFlaskPng, stripesPng } from '../../helpers/brand-images.js';

async function hash(bytes: Uint8Array) {
  const h = await perceptualHash(bytes);
  if (!h.ok) throw new Error(h.error);
  return h.value;
}

const FLASK_400x600_BEFORE_SHARP = 'ffdfcfcfcfcfcfef';

describe('perceptual hash (dHash over sharp-decoded pixels)', () => {
  it('gives the same picture at another size and tint nearly the same hash, and another picture a distant one', async () => {
    const official = await hash(flaskPng(400, 600));
    const thumbnail = await hash(flaskPng(90, 135, 12));
    const other = await hash(stripesPng(400, 600));
    expect(official.dhash).toMatch(/^[0-9a-f]{16}$/);
    expect(official).toMatchObject({ width: 400, height: 600 });
    expect(hammingDistance(official.dhash, thumbnail.dhash)).toBeLessThanOrEqual(6);
    expect(hammingDistance(official.dhash, other.dhash)).toBeGreaterThan(20);
  });

  it('catches a mirrored copy through the mirrored hash, which the direct hash misses', async () => {
    const official = await hash(flaskPng(300, 300));
    const flipped = await hash(mirroredFlaskPng(120, 120));
    expect(hammingDistance(official.dhash, flipped.dhash)).toBeGreaterThan(20);
    expect(hammingDistance(official.mirrored, flipped.dhash)).toBeLessThanOrEqual(6);
  });

  it('reads JPEG, WebP and GIF through sharp: a recompressed, resized or mirrored copy of the official PNG is near it, another picture is not', async () => {
    const official = await hash(flaskPng(400, 600));
    const jpegThumb = await hash(await sharp(flaskPng(400, 600, 12)).resize(120, 180).jpeg({ quality: 60 }).toBuffer());
    const webp = await hash(await sharp(flaskPng(400, 600)).resize(200, 300).webp({ quality: 50 }).toBuffer());
    const gif = await hash(await sharp(flaskPng(160, 240)).gif().toBuffer());
    const mirroredJpeg = await hash(await sharp(mirroredFlaskPng(200, 300)).jpeg({ quality: 70 }).toBuffer());
    const otherWebp = await hash(await sharp(stripesPng(400, 600)).webp().toBuffer());
    expect(jpegThumb).toMatchObject({ width: 120, height: 180 });
    expect(webp).toMatchObject({ width: 200, height: 300 });
    expect(hammingDistance(official.dhash, jpegThumb.dhash)).toBeLessThanOrEqual(6);
    expect(hammingDistance(official.dhash, webp.dhash)).toBeLessThanOrEqual(6);
    expect(hammingDistance(official.dhash, gif.dhash)).toBeLessThanOrEqual(6);
    expect(hammingDistance(official.dhash, mirroredJpeg.dhash)).toBeGreaterThan(20);
    expect(hammingDistance(official.mirrored, mirroredJpeg.dhash)).toBeLessThanOrEqual(6);
    expect(hammingDistance(official.dhash, otherWebp.dhash)).toBeGreaterThan(20);
  });

  it('turns a JPEG upright by its EXIF orientation before hashing, as a browser shows it', async () => {
    const upright = await hash(flaskPng(300, 200));
    // stored rotated a quarter turn, with orientation 6 (rotate 90° clockwise to show) in its EXIF
    const stored = await sharp(flaskPng(300, 200)).rotate(-90).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
    const shown = await hash(stored);
    expect(shown).toMatchObject({ width: 300, height: 200 });
    expect(hammingDistance(upright.dhash, shown.dhash)).toBeLessThanOrEqual(6);
  });

  it('hashes an 8-bit PNG exactly as the project PNG decoder did before sharp', async () => {
    // values computed by the dHash over electron/core/imaging/png-slices.ts, kept so a change of decoder shows
    expect((await hash(flaskPng(400, 600))).dhash).toBe(FLASK_400x600_BEFORE_SHARP);
  });

  it('refuses what is not an image, a damaged JPEG, WebP or PNG, naming the format', async () => {
    const text = await perceptualHash(Buffer.from('<html>not a picture</html>'));
    expect(text).toEqual({ ok: false, error: 'not an image Exhibit can read (PNG, JPEG, WebP or GIF expected)' });
    const jpeg = await perceptualHash(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]));
    expect(jpeg.ok ? '' : jpeg.error).toMatch(/^a damaged JPEG: /);
    const webp = await perceptualHash(Buffer.from('RIFF\0\0\0\0WEBPVP8 '));
    expect(webp.ok ? '' : webp.error).toMatch(/^a damaged WebP: /);
    const cut = flaskPng(50, 50).subarray(0, 60);
    const damaged = await perceptualHash(cut);
    expect(damaged.ok ? '' : damaged.error).toMatch(/^a damaged PNG: /);
  });

  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('0f00000000000001', '0000000000000000')).toBe(5);
  });
});
