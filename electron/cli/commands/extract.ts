import { gunzipSync } from 'node:zlib';
import { parseCaptureUrl } from '../../core/capture/url-policy.js';
import { EXTRACTOR_VERSION, extractPage } from '../../core/extract/extract-page.js';
import type { Extracted } from '../../core/extract/types.js';
import { describeReadInputError, readInputFile } from '../../core/util/read-input.js';
import { EXIT, UsageError, type Command } from '../command.js';

/** A saved page is read whole and parsed in memory: larger than this, it is not a page. */
const MAX_PAGE_BYTES = 128 * 1024 * 1024;

export const extractCommand: Command = {
  name: 'extract',
  summary: 'run the extractors on a saved page (nothing is stored)',
  usage: 'exhibit extract FILE.html[.gz] --url URL [--json]',
  help: `Reads a saved HTML page (gzip-compressed or not) and prints what Exhibit
would file from it: marketplace, listing id, title, price and currency,
availability, brand, images, seller name, id and profile URL, each with where
it was found (JSON-LD, a selector, the URL). Captcha and robot-check pages are
reported as blocked. Needs no workspace and changes nothing.

  --url URL   the address the page was saved from (marketplace ids are read from it)

FILE must be a regular file of at most 128 MiB (also once decompressed).`,
  options: { url: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals, out }) {
    const file = positionals[0]!;
    if (typeof values.url !== 'string') throw new UsageError('exhibit extract FILE --url URL: give the address the page was saved from');
    const url = parseCaptureUrl(values.url);
    if (!url.ok) throw new UsageError(`--url ${JSON.stringify(values.url)}: ${url.error.reason}`);
    const input = await readInputFile(file, MAX_PAGE_BYTES);
    if (!input.ok) throw new UsageError(`Cannot read ${file}: ${describeReadInputError(input.error)}.`);
    let bytes = input.value.bytes;
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = gunzipSync(bytes, { maxOutputLength: MAX_PAGE_BYTES });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(code === 'ERR_BUFFER_TOO_LARGE' ? `${file} decompresses to more than the ${MAX_PAGE_BYTES / 1024 ** 2} MiB this command reads.` : `${file} looks gzip-compressed but does not decompress: ${(e as Error).message}`);
      }
    }
    const x = extractPage(bytes.toString('utf8'), url.value.href);
    out.data({ extractorVersion: EXTRACTOR_VERSION, ...x });
    out.line(`${x.kind === 'blocked' ? 'BLOCKED' : x.kind}  ${x.marketplace}  (extractor ${x.extractor} ${EXTRACTOR_VERSION}; recognised by ${x.recognisedBy.kind}: ${x.recognisedBy.detail})`);
    if (x.blocked) out.line(`  a ${x.blocked.kind} sign: ${x.blocked.matched}: this page is a wall, not a listing, and is never filed as one`);
    const width = Math.max(0, ...Object.keys(x.fields).map((k) => k.length));
    for (const [field, v] of Object.entries(x.fields) as [string, Extracted<string | string[]>][]) {
      const value = Array.isArray(v.value) ? `${v.value.length} image(s): ${v.value.slice(0, 3).join(' ')}${v.value.length > 3 ? ' …' : ''}` : v.value;
      out.line(`  ${field.padEnd(width)}  ${value}\n  ${''.padEnd(width)}    from ${v.source.kind}: ${v.source.detail}`);
    }
    if (x.storefront) {
      out.line(`  storefront: ${x.storefront.length} listing(s)`);
      for (const l of x.storefront.slice(0, 50)) out.line(`    ${l.listingId}  ${l.url}${l.title ? `  ${l.title}` : ''}`);
    }
    return EXIT.ok;
  },
};
