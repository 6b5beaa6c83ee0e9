/**
 * Chromium's parser never nests elements deeper than 512: deeper ones are
 * attached beside their parent. A saved page nested deeper than that was
 * not shown by a browser, and parse5 (like the spec it follows) scans the
 * whole stack of open elements for each new one, so such a page would take
 * minutes to parse. This estimate runs in one linear pass first.
 */
export const MAX_NESTING = 512;

/** Elements the parser closes by itself (void elements, and those an open sibling implies closed): they add no depth. */
const NO_DEPTH = new Set(
  'area base br col embed hr img input link meta source track wbr param keygen frame p li dt dd option optgroup tr td th tbody thead tfoot rp rt colgroup caption html head body'.split(' '),
);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template', 'iframe', 'noembed', 'noframes', 'plaintext']);

/** True when the page's tags nest deeper than a browser would build; stops counting as soon as they do. */
export function nestsTooDeep(html: string, limit = MAX_NESTING): boolean {
  const lower = html.toLowerCase();
  const tag = /<(\/?)([a-z][a-z0-9:-]*)[^>]*?(\/?)>|<!--/g;
  let depth = 0;
  for (let m = tag.exec(lower); m; m = tag.exec(lower)) {
    if (!m[2]) {
      // A comment: skip to its end; an unterminated one runs to the end of the page.
      const end = lower.indexOf('-->', tag.lastIndex);
      if (end < 0) break;
      tag.lastIndex = end + 3;
      continue;
    }
    const name = m[2];
    if (!m[1] && RAW_TEXT.has(name) && !m[3]) {
      const end = lower.indexOf(`</${name}`, tag.lastIndex);
      if (end < 0) break;
      tag.lastIndex = end;
      continue;
    }
    if (NO_DEPTH.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}
