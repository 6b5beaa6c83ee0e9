/**
 * Text as an investigator reads it: one space between words, no invisible
 * marks (Amazon wraps values in U+200E/U+200F), entities decoded, addresses
 * absolute.
 */
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff]/g;

export function normaliseSpace(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

/** JSON-LD and script data are often HTML-escaped inside their strings ("Kitchen &amp; Tabletop"). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6}|#39);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return codePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return codePoint(parseInt(lower.slice(1), 10), whole);
    return Object.hasOwn(NAMED, lower) ? NAMED[lower]! : whole;
  });
}

function codePoint(n: number, whole: string): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
}

/** A clean, single-line text value, or null when nothing is left. */
export function cleanText(s: string | null | undefined): string | null {
  if (typeof s !== 'string') return null;
  const t = normaliseSpace(decodeEntities(s));
  return t ? t : null;
}

/** An http(s) address made absolute against the page; anything else (javascript:, data:) is null. */
export function absoluteUrl(href: string | null | undefined, base: string | URL | null): string | null {
  if (typeof href !== 'string' || !href.trim()) return null;
  try {
    const u = base ? new URL(href.trim(), base) : new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function parseUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

/** The host an investigator would name: lower case, without "www.". */
export function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/** The first of several query parameters present in an address (relative ones are read against a dummy base). */
export function queryParam(href: string | null | undefined, names: readonly string[]): { name: string; value: string } | null {
  if (typeof href !== 'string') return null;
  let u: URL;
  try {
    u = new URL(href, 'https://base.invalid/');
  } catch {
    return null;
  }
  for (const name of names) {
    const v = u.searchParams.get(name);
    if (v && v.trim()) return { name, value: v.trim() };
  }
  return null;
}
