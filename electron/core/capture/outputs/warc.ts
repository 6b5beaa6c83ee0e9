import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { exhibitVersion } from '../../version.js';
import type { Exchange, Headers } from '../network-recorder.js';
import { httpVersion } from './har.js';

const gzipAsync = promisify(gzip);

/**
 * A WARC 1.1 file (each record gzipped) of every request and response the
 * page made, with the server's IP address on each response. Bodies are the
 * decoded bytes the browser received; where the server had compressed them,
 * the original Content-Encoding and Content-Length are kept under
 * X-Exhibit-Original-* so replay tools do not decompress twice.
 */
export async function buildWarc(exchanges: readonly Exchange[], info: Record<string, string>): Promise<Buffer> {
  const pending: Promise<Buffer>[] = [];
  // One gzip member per record, as the WARC spec recommends, on the thread
  // pool. Bodies that are compressed already (images, video, fonts, archives)
  // are stored in their member rather than deflated again: that would cost
  // more CPU than anything else in the WARC and save nothing.
  const add = async (record: WARCRecord, payload?: Uint8Array, mediaType?: string) => {
    if (payload) sealDigests(record, payload);
    const level = mediaType !== undefined && isCompressedAlready(mediaType) ? 0 : 1;
    pending.push(gzipAsync(await WARCSerializer.serialize(record, { gzip: false }), { level, chunkSize: 1 << 20 }));
  };
  await add(WARCRecord.createWARCInfo({ filename: 'page.warc.gz', warcVersion: 'WARC/1.1' }, { software: `Exhibit ${exhibitVersion()} (warcio.js)`, format: 'WARC File Format 1.1', ...info }));

  for (const ex of exchanges) {
    if (!ex.response || !/^https?:/.test(ex.url)) continue;
    const date = new Date(ex.startedAt).toISOString();
    const url = new URL(ex.url);
    const version = httpVersion(ex.response.protocol).replace('HTTP/2', 'HTTP/1.1').replace('HTTP/3', 'HTTP/1.1');
    const response = WARCRecord.create(
      {
        url: ex.url,
        date,
        type: 'response',
        warcVersion: 'WARC/1.1',
        statusline: `${version} ${ex.response.status} ${ex.response.statusText || ''}`.trimEnd(),
        httpHeaders: responseHeaders(ex.response.headers, ex.body),
        warcHeaders: {
          ...(ex.response.remoteIPAddress ? { 'WARC-IP-Address': ex.response.remoteIPAddress.replace(/^\[|\]$/g, '') } : {}),
          ...(ex.body === undefined && ex.response.status !== 304 && !(ex.response.status >= 300 && ex.response.status < 400) ? { 'WARC-Truncated': 'unspecified' } : {}),
          ...(ex.response.protocol ? { 'WARC-Protocol': ex.response.protocol } : {}),
        },
      },
      [ex.body ?? new Uint8Array()],
    );
    const responseId = response.warcHeaders.headers.get('WARC-Record-ID') ?? '';
    await add(response, ex.body ?? new Uint8Array(), ex.response.mimeType);
    const request = WARCRecord.create(
      {
        url: ex.url,
        date,
        type: 'request',
        warcVersion: 'WARC/1.1',
        statusline: `${ex.method} ${url.pathname}${url.search} ${version}`,
        httpHeaders: cleanHeaders(ex.requestHeaders),
        warcHeaders: responseId ? { 'WARC-Concurrent-To': responseId } : {},
      },
      [ex.postData !== undefined ? Buffer.from(ex.postData) : new Uint8Array()],
    );
    await add(request, ex.postData !== undefined ? Buffer.from(ex.postData) : new Uint8Array());
  }
  return Buffer.concat(await Promise.all(pending));
}

/**
 * WARC-Payload-Digest and WARC-Block-Digest, computed here with Node's
 * native SHA-256; warcio, finding them set, does not compute them again in
 * WebAssembly. The block is what warcio writes: the HTTP header block, a
 * blank line, then the payload (a test reads the file back and checks both).
 */
function sealDigests(record: WARCRecord, payload: Uint8Array): void {
  const sha256 = (...parts: Uint8Array[]) => {
    const h = createHash('sha256');
    for (const p of parts) h.update(p);
    return `sha256:${h.digest('hex')}`;
  };
  const headers = record.httpHeaders ? Buffer.from(`${record.httpHeaders.toString()}\r\n`, 'utf8') : new Uint8Array();
  record.warcHeaders.headers.set('WARC-Payload-Digest', sha256(payload));
  record.warcHeaders.headers.set('WARC-Block-Digest', sha256(headers, payload));
}

/** Media types whose bytes are compressed already: deflating them again gains nothing. */
function isCompressedAlready(mediaType: string): boolean {
  const type = mediaType.split(';', 1)[0]!.trim().toLowerCase();
  if (type === 'image/svg+xml' || type === 'image/bmp' || type === 'image/x-icon' || type === 'image/vnd.microsoft.icon') return false;
  return /^(image|video|audio)\//.test(type) || /^(font\/woff2?|application\/(zip|gzip|x-gzip|x-7z-compressed|x-rar-compressed|x-bzip2|zstd|font-woff2?|wasm))$/.test(type);
}

/** HTTP/2 pseudo-headers (:authority…) are not HTTP/1 headers. */
function cleanHeaders(h: Headers): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([k]) => !k.startsWith(':')).map(([k, v]) => [k, String(v).replace(/\n/g, ', ')]));
}

function responseHeaders(h: Headers, body: Buffer | undefined): Record<string, string> {
  const out = cleanHeaders(h);
  for (const key of Object.keys(out)) {
    const lower = key.toLowerCase();
    if (lower === 'content-encoding' || (lower === 'transfer-encoding' && body !== undefined)) {
      out[`X-Exhibit-Original-${key}`] = out[key]!;
      delete out[key];
    }
    if (lower === 'content-length' && body !== undefined && String(body.length) !== out[key]) {
      out['X-Exhibit-Original-Content-Length'] = out[key]!;
      out[key] = String(body.length);
    }
  }
  return out;
}
