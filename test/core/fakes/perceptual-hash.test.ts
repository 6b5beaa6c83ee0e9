import { describe, expect, it } from 'vitest';
import { hammingDistance, perceptualHash } from '../../../electron/core/fakes/perceptual-hash.js';
import { flaskPng, mirroredFlaskPng, stripesPng } from '../../helpers/brand-images.js';

async function hash(bytes: Uint8Array) {
  const h = await perceptualHash(bytes);
  if (!h.ok) throw new Error(h.error);
  return h.value;
}

describe('perceptual hash (dHash over the PNG decoder)', () => {
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

  it('refuses a JPEG or WebP naming the format and the library it needs, and a damaged PNG', async () => {
    const jpeg = await perceptualHash(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]));
    expect(jpeg).toEqual({ ok: false, error: expect.stringMatching(/a JPEG image: only PNG.*sharp/) });
    const webp = await perceptualHash(Buffer.from('RIFF\0\0\0\0WEBPVP8 '));
    expect(webp.ok ? '' : webp.error).toMatch(/WEBP/);
    const cut = flaskPng(50, 50).subarray(0, 60);
    const damaged = await perceptualHash(cut);
    expect(damaged.ok ? '' : damaged.error).toMatch(/damaged PNG/);
  });

  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('0f00000000000001', '0000000000000000')).toBe(5);
  });
});
