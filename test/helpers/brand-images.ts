import { png } from './png.mjs';

/*
 * "Official" product images for the brand catalogue tests: pictures with a
 * structure a perceptual hash can see (a bottle shape on a gradient), and
 * others that look nothing like them.
 */
const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** A flask: a dark bottle left of centre on a light gradient, at any size. */
export function flaskPng(width: number, height: number, tint = 0): Buffer {
  return png(width, height, (x, y) => {
    const u = x / width;
    const v = y / height;
    const inBottle = u > 0.2 && u < 0.45 && v > 0.15 + (u < 0.3 ? 0 : 0.1) && v < 0.9;
    const g = inBottle ? 40 + 30 * v : 230 - 120 * u + 20 * v;
    return [clamp(g + tint), clamp(g), clamp(g - tint)];
  });
}

/** The same flask, mirrored left to right. */
export function mirroredFlaskPng(width: number, height: number): Buffer {
  const w = width;
  return png(width, height, (x, y) => {
    const u = (w - 1 - x) / w;
    const v = y / height;
    const inBottle = u > 0.2 && u < 0.45 && v > 0.15 + (u < 0.3 ? 0 : 0.1) && v < 0.9;
    const g = inBottle ? 40 + 30 * v : 230 - 120 * u + 20 * v;
    return [clamp(g), clamp(g), clamp(g)];
  });
}

/** Something else entirely: diagonal stripes. */
export function stripesPng(width: number, height: number): Buffer {
  return png(width, height, (x, y) => (Math.floor((x + 2 * y) / 9) % 2 ? [250, 250, 250] : [10, 60, 120]));
}
