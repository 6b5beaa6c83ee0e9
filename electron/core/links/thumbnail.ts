import sharp from 'sharp';
import { imageFromCapture } from '../fakes/capture-image.js';
import type { Workspace } from '../workspace/workspace.js';

/** Side by side, a picture needs no more than this; a smaller one is not enlarged. */
const THUMB_PX = 320;
const MAX_PIXELS = 40_000_000;

/**
 * A listing picture as the capture's WARC recorded it, made small for
 * showing two side by side: never fetched from the web again. Null when the
 * capture holds no such picture or it cannot be decoded.
 */
export async function captureThumbnail(ws: Workspace, captureId: string, url: string): Promise<{ dataUrl: string; width: number; height: number } | null> {
  const image = await imageFromCapture(ws, captureId, url);
  if (!image) return null;
  try {
    const { data, info } = await sharp(image.bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error', pages: 1 })
      .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer({ resolveWithObject: true });
    return { dataUrl: `data:image/png;base64,${data.toString('base64')}`, width: info.width, height: info.height };
  } catch {
    return null;
  }
}
