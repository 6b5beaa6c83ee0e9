import { decodeText, mhtmlParts, type MhtmlPart } from './mhtml.js';

/** Resources past this are left out of the view (the download has them): a view is for reading, not a second archive. */
const MAX_INLINE_BYTES = 8 * 1024 * 1024;

/**
 * An MHTML archive as one HTML document to show in a sandboxed frame: its
 * page with every image and style sheet of the archive put in place as a
 * data: URI, so the view needs nothing from the web (and the frame's CSP
 * allows nothing from it). Scripts stay inert: the frame runs none. Null
 * when the file is not MHTML or holds no page.
 */
export function mhtmlForViewing(bytes: Buffer): string | null {
  const parts = mhtmlParts(bytes);
  const page = parts?.find((p) => p.contentType === 'text/html');
  if (!parts || !page) return null;
  const byAddress = new Map<string, MhtmlPart>();
  for (const p of parts) {
    if (p === page || p.body.length > MAX_INLINE_BYTES) continue;
    if (p.location) byAddress.set(p.location, p);
    if (p.contentId) byAddress.set(`cid:${p.contentId}`, p);
  }
  const dataUri = (p: MhtmlPart, seen: Set<MhtmlPart>): string => {
    // A style sheet's own url()s point into the archive too.
    const body = p.contentType === 'text/css' && !seen.has(p) ? Buffer.from(inline(decodeText(p.body, p.charset), new Set([...seen, p])), 'utf8') : p.body;
    return `data:${p.contentType};base64,${body.toString('base64')}`;
  };
  const inline = (text: string, seen: Set<MhtmlPart>): string => {
    let out = text;
    // Longest addresses first, so one that begins another is not replaced inside it.
    for (const [address, part] of [...byAddress].sort((a, b) => b[0].length - a[0].length)) {
      if (!out.includes(address)) continue;
      out = out.split(address).join(dataUri(part, seen));
      const amp = address.replace(/&/g, '&amp;');
      if (amp !== address && out.includes(amp)) out = out.split(amp).join(dataUri(part, seen));
    }
    return out;
  };
  return inline(decodeText(page.body, page.charset), new Set());
}
