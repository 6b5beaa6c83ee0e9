/** Names Windows reserves whatever their extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name safe on every OS from any text (a seller's name in Chinese, a
 * case with slashes and quotes): accents dropped, anything but letters,
 * digits, dot, dash and underscore turned into a dash, length bounded.
 */
export function safeFileStem(text: string, fallback = 'dossier'): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60)
    .replace(/[-.]+$/g, '');
  if (!ascii || RESERVED.test(ascii)) return fallback;
  return ascii;
}
