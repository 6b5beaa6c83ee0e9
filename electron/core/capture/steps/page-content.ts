import { withTimeout, type CdpSession } from '../cdp.js';

export interface PageContent {
  url: string;
  title: string;
  html: string;
  text: string;
}

/** The DOM as rendered (with its doctype), the visible text, the title and the address shown. */
export async function readPageContent(cdp: CdpSession, boundMs: number): Promise<PageContent> {
  const r = await withTimeout(
    cdp.send<{ result: { value?: PageContent }; exceptionDetails?: { text: string } }>('Runtime.evaluate', {
      expression: `(() => {
        const d = document.doctype;
        const doctype = d ? '<!DOCTYPE ' + d.name + (d.publicId ? ' PUBLIC "' + d.publicId + '"' : '') + (d.systemId ? ' "' + d.systemId + '"' : '') + '>\\n' : '';
        return { url: location.href, title: document.title, html: doctype + document.documentElement.outerHTML, text: document.body ? document.body.innerText : '' };
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
