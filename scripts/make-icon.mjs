// Draws the app icon (assets/icons/icon.png and 512x512.png): a dark blue
// rounded square with a white seal mark (a ring around a check), so the
// repository carries its icon as code rather than as a binary from elsewhere.
// Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { png } from '../test/helpers/png.mjs';

const S = 512;
const navy = [31, 58, 95];
const white = [255, 255, 255];
const clear = [255, 255, 255];

function inRoundedSquare(x, y) {
  const r = 96;
  const cx = Math.min(Math.max(x, r), S - 1 - r);
  const cy = Math.min(Math.max(y, r), S - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function onSeal(x, y) {
  const d = Math.hypot(x - S / 2, y - S / 2);
  if (d > 150 && d < 178) return true; // the ring
  // the check mark: two thick strokes
  const dist = (ax, ay, bx, by) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
  };
  return dist(186, 262, 236, 318) < 20 || dist(236, 318, 336, 196) < 20;
}

const icon = png(S, S, (x, y) => (!inRoundedSquare(x, y) ? clear : onSeal(x, y) ? white : navy));
writeFileSync(new URL('../assets/icons/icon.png', import.meta.url), icon);
writeFileSync(new URL('../assets/icons/512x512.png', import.meta.url), icon);
