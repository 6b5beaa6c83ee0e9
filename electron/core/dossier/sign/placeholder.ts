import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';

// A PDF signature is made in two steps: the PDF is written with a signature
// dictionary whose /ByteRange and /Contents are placeholders of fixed size,
// then the byte range is filled in, the bytes it covers are hashed and
// signed, and the signature written into /Contents: in place, nothing moves.

/** Ten stars: room for any offset below 10 GB. */
const STARS = '**********';
export const BYTE_RANGE_PLACEHOLDER = `[0 /${STARS} /${STARS} /${STARS}]`;

/** Where a signature dictionary is in a file: the region its object occupies. */
export interface PlaceholderRegion {
  start: number;
  end: number;
}

export interface SignatureSlot {
  /** offset of the `[` of /ByteRange's placeholder */
  byteRangeAt: number;
  /** offsets of `<` and one past `>` of /Contents */
  contentsStart: number;
  contentsEnd: number;
  fileSize: number;
}

/** The four numbers of a signature whose /Contents spans [start, end) of a file of `size` bytes. */
export function byteRangeFor(slot: { contentsStart: number; contentsEnd: number; fileSize: number }): [number, number, number, number] {
  return [0, slot.contentsStart, slot.contentsEnd, slot.fileSize - slot.contentsEnd];
}

/** The byte range written over its placeholder: the same length, padded with spaces inside the brackets. */
export function byteRangeText(range: readonly number[]): string {
  const text = `[${range.join(' ')}`;
  if (text.length + 1 > BYTE_RANGE_PLACEHOLDER.length) throw new Error(`byte range ${text}] does not fit its placeholder`);
  return `${text}${' '.repeat(BYTE_RANGE_PLACEHOLDER.length - text.length - 1)}]`;
}

/** Finds the placeholders inside a signature dictionary's bytes. */
export function findSlot(region: Buffer, regionStart: number, fileSize: number): SignatureSlot {
  const br = region.indexOf(`/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, 0, 'latin1');
  const contents = region.indexOf('/Contents <', 0, 'latin1');
  if (br < 0 || contents < 0) throw new Error('the signature placeholder was not found where the signature dictionary was written');
  const open = contents + '/Contents '.length;
  const close = region.indexOf('>', open, 'latin1');
  if (close < 0) throw new Error('the signature placeholder /Contents is not closed');
  return { byteRangeAt: regionStart + br + '/ByteRange '.length, contentsStart: regionStart + open, contentsEnd: regionStart + close + 1, fileSize };
}

/** SHA-256 of a file's bytes in the byte range, read in pieces: a dossier is never held in memory whole. */
export async function hashRanges(handle: fs.FileHandle, range: readonly number[]): Promise<Buffer> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  for (let i = 0; i + 1 < range.length; i += 2) {
    let pos = range[i]!;
    const end = pos + range[i + 1]!;
    while (pos < end) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, end - pos), pos);
      if (bytesRead === 0) throw new Error(`the file ends at byte ${pos}, inside the signature's byte range`);
      hash.update(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
  }
  return hash.digest();
}

/** The CMS (or token) as the hex /Contents holds, zero-padded to the placeholder's width; throws if it does not fit. */
export function contentsHex(der: Buffer, slot: { contentsStart: number; contentsEnd: number }): Buffer {
  const width = slot.contentsEnd - slot.contentsStart - 2;
  const hex = der.toString('hex');
  if (hex.length > width) throw new Error(`the signature (${der.length} bytes) does not fit its ${width / 2}-byte placeholder`);
  return Buffer.from(hex.padEnd(width, '0'), 'latin1');
}
