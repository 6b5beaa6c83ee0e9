/**
 * The HTML inside an MHTML file (RFC 2557, as Chrome's "Save as single
 * file" writes it): the first text/html part, decoded. Only what extraction
 * needs; the file itself is kept whole as the evidence.
 */
export function htmlOfMhtml(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 16_384).toString('latin1');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  if (!boundary) return null;
  const text = bytes.toString('latin1');
  for (const part of text.split(`--${boundary}`).slice(1)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (!/^content-type:\s*text\/html/im.test(headers)) continue;
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
    const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
    const charset = /charset="?([\w-]+)"?/i.exec(headers)?.[1]?.toLowerCase() ?? 'utf-8';
    const raw =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? decodeQuotedPrintable(body)
          : Buffer.from(body, 'latin1');
    return decode(raw, charset);
  }
  return null;
}

function decodeQuotedPrintable(s: string): Buffer {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(c & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decode(raw: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(raw);
  } catch {
    return new TextDecoder('utf-8').decode(raw);
  }
}
