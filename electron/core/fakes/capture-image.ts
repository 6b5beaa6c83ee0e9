import { gunzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import { scores } from '../store/index.js';
import type { Workspace } from '../workspace/workspace.js';

const MAX_WARC = 64 << 20;
const MAX_IMAGE = 5 << 20;

/**
 * An image as a capture recorded it: the response for that address in the
 * capture's WARC (what the browser was served while the page was captured),
 * never fetched again. Null when the capture holds no such response.
 */
export async function imageFromCapture(ws: Workspace, captureId: string, url: string): Promise<{ bytes: Buffer; mediaType: string } | null> {
  const warc = await scores.firstWarcOf(ws.db, captureId);
  if (!warc || warc.bytes > MAX_WARC) return null;
  try {
    let data = await ws.store.read(warc.sha256);
    if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
    for await (const record of new WARCParser([data])) {
      if (record.warcType !== 'response' || record.warcTargetURI !== url) {
        await record.readFully();
        continue;
      }
      const type = record.httpHeaders?.headers.get('content-type') ?? '';
      const body = Buffer.from(await record.readFully(true));
      if (body.length === 0 || body.length > MAX_IMAGE) return null;
      const mediaType = /^image\/(png|jpeg|webp|gif)\b/i.exec(type)?.[0].toLowerCase() ?? sniff(body);
      return mediaType ? { bytes: body, mediaType } : null;
    }
  } catch {
    return null;
  }
  return null;
}

function sniff(b: Buffer): string | null {
  if (b[0] === 0x89 && b[1] === 0x50) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (b.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  return null;
}
