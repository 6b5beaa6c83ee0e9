export interface MhtmlPart {
  contentType: string;
  /** Content-Location: the address the part was loaded from (or cid:…) */
  location: string | null;
  contentId: string | null;
  charset: string;
  body: Buffer;
}

/** Every part of an MHTML file (RFC 2557, as Chrome's "Save as single file" writes it), decoded; null when it is not one. */
export function mhtmlParts(bytes: Buffer): MhtmlPart[] | null {
  const head = bytes.subarray(0, 16_384).toString('latin1');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  if (!boundary) return null;
  const text = bytes.toString('latin1');
  const parts: MhtmlPart[] = [];
  for (const part of text.split(`--${boundary}`).slice(1)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '');
    const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
    parts.push({
      contentType: /^content-type:\s*([^;\r\n]+)/im.exec(headers)?.[1]?.trim().toLowerCase() ?? 'application/octet-stream',
      location: /^content-location:\s*(\S+)/im.exec(headers)?.[1] ?? null,
      contentId: /^content-id:\s*<?([^>\r\n]+)>?/im.exec(headers)?.[1] ?? null,
      charset: /charset="?([\w-]+)"?/i.exec(headers)?.[1]?.toLowerCase() ?? 'utf-8',
      body: encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : Buffer.from(body, 'latin1'),
    });
  }
  return parts;
}

/**
 * The HTML inside an MHTML file: the first text/html part, decoded. Only
 * what extraction needs; the file itself is kept whole as the evidence.
 */
export function htmlOfMhtml(bytes: Buffer): string | null {
  const html = mhtmlParts(bytes)?.find((p) => p.contentType === 'text/html');
  return html ? decodeText(html.body, html.charset) : null;
}

/** A part's text in its charset (UTF-8 when the charset is unknown). */
export function decodeText(raw: Buffer, charset: string): string {
  return decode(raw, charset);
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
