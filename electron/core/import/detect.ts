import { gunzipSync } from 'node:zlib';

export type ImportKind = 'html' | 'mhtml' | 'screenshot';

export interface DetectedFile {
  kind: ImportKind;
  mediaType: string;
  extension: string;
  /** the decompressed bytes when the file was gzip-compressed */
  content: Buffer;
  gzipped: boolean;
}

/** Decompressed pages larger than this are refused: no listing page is near it, and a zip bomb is. */
const MAX_DECOMPRESSED = 512 * 1024 * 1024;

/** What a file is, from its bytes rather than its name: a renamed file is still what it is. */
export function detectFile(bytes: Buffer): DetectedFile | { error: string } {
  let content = bytes;
  let gzipped = false;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      content = gunzipSync(bytes, { maxOutputLength: MAX_DECOMPRESSED });
      gzipped = true;
    } catch (e) {
      return { error: `it looks gzip-compressed but does not decompress (${(e as Error).message})` };
    }
  }
  const magic = content.subarray(0, 12);
  if (magic.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return found('screenshot', 'image/png', 'png');
  if (magic[0] === 0xff && magic[1] === 0xd8 && magic[2] === 0xff) return found('screenshot', 'image/jpeg', 'jpg');
  if (magic.subarray(0, 4).toString('latin1') === 'RIFF' && magic.subarray(8, 12).toString('latin1') === 'WEBP') return found('screenshot', 'image/webp', 'webp');
  const head = content.subarray(0, 65_536).toString('utf8');
  if (/^\s*(From:|Snapshot-Content-Location:|Subject:|Date:|MIME-Version:)/i.test(head) && /content-type:\s*multipart\/related/i.test(head)) {
    return found('mhtml', 'multipart/related', 'mhtml');
  }
  if (/<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/i.test(head)) return found('html', 'text/html', 'html');
  return { error: 'it is not an HTML page, an MHTML archive or a PNG, JPEG or WebP screenshot' };

  function found(kind: ImportKind, mediaType: string, extension: string): DetectedFile {
    return { kind, mediaType, extension: gzipped ? `${extension}.gz` : extension, content, gzipped };
  }
}
