/**
 * Text that came from a page (a title, a seller's name) is data: shown to a
 * person, it must not steer their terminal (ESC sequences clear the screen,
 * set the window title, write the clipboard with OSC 52), nor reorder what is
 * around it (bidi overrides and isolates), nor break an XML document. The
 * evidence keeps it verbatim; only its display is escaped, as `\u001b`.
 */

/**
 * What is never shown raw: C0 controls, DEL, C1 controls, the bidi controls
 * (LRM, RLM, ALM, embeddings, overrides, isolates), the line and paragraph
 * separators, U+FFFE/U+FFFF (not characters; XML forbids them) and lone
 * surrogates (not text; XML forbids them, and a terminal shows garbage).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** What `JSON.stringify` leaves raw of UNSAFE (its own line breaks are between tokens, and stay). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;

function escapeOne(ch: string): string {
  if (ch === '\t') return '\\t';
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The text with every unsafe character written as a visible escape
 * (`\u001b`; a tab as `\t`). `lineBreaks: 'keep'` leaves `\n` alone, for text
 * whose line breaks are Exhibit's own; by default a line break is escaped too,
 * so one value stays on one line.
 */
export function displayText(text: string, o: { lineBreaks?: 'keep' | 'escape' } = {}): string {
  const keep = o.lineBreaks === 'keep';
  return text.replace(UNSAFE, (ch) => (keep && ch === '\n' ? ch : escapeOne(ch)));
}

/**
 * JSON for a terminal or a pipe: `JSON.stringify` already escapes C0 and lone
 * surrogates; this also escapes DEL, C1 and the bidi controls. Inside a JSON
 * string `\uXXXX` is the same character, so a program reading it gets the
 * evidence verbatim.
 */
export function displayJson(value: unknown, indent = 2): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(UNSAFE_IN_JSON, escapeOne);
}


/** Text for an XML element or attribute: escaped as markup, with no character XML 1.0 forbids. */
export function xmlText(text: string): string {
  return displayText(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Already-displayable text padded to `width` characters (code points, not
 * UTF-16 units); longer text is cut to the width, ending in "…", unless `cut` is false.
 */
export function fitColumn(text: string, width: number, cut = true): string {
  const chars = Array.from(text);
  if (chars.length > width && !cut) return text;
  if (chars.length > width) return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
  return text + ' '.repeat(width - chars.length);
}
