import { withTimeout, type CdpSession } from '../cdp.js';

export interface PageContent {
  url: string;
  title: string;
  html: string;
  text: string;
  /** no element and no text in the body: the server answered with nothing to see */
  empty: boolean;
  /** the DOM was over MAX_DOM_CHARS: html and text are left empty, these are their sizes */
  tooLarge?: { htmlChars: number; textChars: number };
}

/**
 * Past this many characters of DOM and text, a page is not brought into
 * Exhibit: a gzip bomb or a 200 MB page would take the process to gigabytes.
 * Its size is recorded and the capture is partial.
 */
export const MAX_DOM_CHARS = 32 * 1024 * 1024;

/** The DOM as rendered (with its doctype), the visible text, the title and the address shown. */
export async function readPageContent(cdp: CdpSession, boundMs: number): Promise<PageContent> {
  const r = await withTimeout(
    cdp.send<{ result: { value?: PageContent }; exceptionDetails?: { text: string } }>('Runtime.evaluate', {
      expression: `(() => {
        const d = document.doctype;
        const doctype = d ? '<!DOCTYPE ' + d.name + (d.publicId ? ' PUBLIC "' + d.publicId + '"' : '') + (d.systemId ? ' "' + d.systemId + '"' : '') + '>\\n' : '';
        const html = doctype + (document.documentElement ? document.documentElement.outerHTML : '');
        const text = document.body ? document.body.innerText : '';
        const root = document.body || document.documentElement;
        const empty = !root || (root.childElementCount === 0 && root.textContent.trim() === '');
        const title = String(document.title).slice(0, 10000);
        if (html.length + text.length > ${MAX_DOM_CHARS}) return { url: location.href, title, html: '', text: '', empty, tooLarge: { htmlChars: html.length, textChars: text.length } };
        return { url: location.href, title, html, text, empty };
      })()`,
      returnByValue: true,
    }),
    boundMs,
    'reading the DOM',
  );
  if (!r.result.value) throw new Error(`the page's DOM could not be read${r.exceptionDetails ? `: ${r.exceptionDetails.text}` : ''}`);
  return r.result.value;
}

/** MHTML: the page and its resources in one file that opens offline in Chromium. */
export async function captureMhtml(cdp: CdpSession, boundMs: number): Promise<Buffer> {
  const r = await withTimeout(cdp.send<{ data: string }>('Page.captureSnapshot', { format: 'mhtml' }), boundMs, 'the MHTML archive');
  return Buffer.from(r.data, 'utf8');
}
