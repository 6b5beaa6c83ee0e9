import { exhibitVersion } from '../../version.js';
import type { Exchange, Headers, ResourceTiming } from '../network-recorder.js';

type HarHeader = { name: string; value: string };

function harHeaders(h: Headers): HarHeader[] {
  return Object.entries(h).flatMap(([name, value]) => String(value).split('\n').map((v) => ({ name, value: v })));
}

export function httpVersion(protocol: string | undefined): string {
  if (!protocol) return 'HTTP/1.1';
  if (protocol === 'h2') return 'HTTP/2';
  if (protocol === 'h3' || protocol.startsWith('h3-')) return 'HTTP/3';
  return protocol.toUpperCase();
}

function timings(t: ResourceTiming | undefined, ex: Exchange) {
  const totalMs = ex.finishedMono !== undefined ? Math.max(0, (ex.finishedMono - ex.startedMono) * 1000) : 0;
  if (!t) return { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: totalMs, receive: 0 };
  const span = (a: number, b: number) => (a >= 0 && b >= 0 ? Math.max(0, b - a) : -1);
  const firstStart = [t.dnsStart, t.connectStart, t.sendStart].find((v) => v >= 0) ?? 0;
  const end = ex.finishedMono !== undefined ? (ex.finishedMono - t.requestTime) * 1000 : t.receiveHeadersEnd;
  return {
    blocked: Math.max(0, firstStart),
    dns: span(t.dnsStart, t.dnsEnd),
    connect: span(t.connectStart, t.connectEnd),
    ssl: span(t.sslStart, t.sslEnd),
    send: Math.max(0, t.sendEnd - t.sendStart),
    wait: Math.max(0, t.receiveHeadersEnd - t.sendEnd),
    receive: Math.max(0, end - t.receiveHeadersEnd),
  };
}

/** HAR 1.2 of every request the page made, with the server's address and port. */
export function buildHar(exchanges: readonly Exchange[], page: { id: string; title: string; startedAt: string }, browser: { name: string; version: string }): object {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Exhibit', version: exhibitVersion() },
      browser,
      pages: [{ startedDateTime: page.startedAt, id: page.id, title: page.title, pageTimings: {} }],
      entries: exchanges.map((ex) => {
        const r = ex.response;
        const t = timings(r?.timing, ex);
        const time = Object.entries(t).filter(([k, v]) => k !== 'ssl' && v > 0).reduce((a, [, v]) => a + v, 0);
        const url = new URL(ex.url);
        return {
          pageref: page.id,
          startedDateTime: new Date(ex.startedAt).toISOString(),
          time,
          request: {
            method: ex.method,
            url: ex.url,
            httpVersion: httpVersion(r?.protocol),
            cookies: [],
            headers: harHeaders(ex.requestHeaders),
            queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
            ...(ex.postData !== undefined ? { postData: { mimeType: ex.requestHeaders['Content-Type'] ?? ex.requestHeaders['content-type'] ?? '', text: ex.postData } } : {}),
            headersSize: -1,
            bodySize: ex.postData !== undefined ? Buffer.byteLength(ex.postData) : 0,
          },
          response: {
            status: r?.status ?? 0,
            statusText: r?.statusText ?? '',
            httpVersion: httpVersion(r?.protocol),
            cookies: [],
            headers: harHeaders(r?.headers ?? {}),
            content: { size: ex.body?.length ?? -1, mimeType: r?.mimeType ?? '' },
            redirectURL: r?.headers.location ?? r?.headers.Location ?? '',
            headersSize: -1,
            bodySize: ex.encodedBytes ?? -1,
            ...(ex.failure ? { _error: ex.failure.errorText } : {}),
          },
          cache: {},
          timings: t,
          ...(r?.remoteIPAddress ? { serverIPAddress: r.remoteIPAddress.replace(/^\[|\]$/g, '') } : {}),
          ...(r?.remotePort ? { _remotePort: r.remotePort } : {}),
          _resourceType: ex.resourceType,
          ...(r?.protocol ? { _protocol: r.protocol } : {}),
          ...(ex.bodyNote ? { _bodyNote: ex.bodyNote } : {}),
        };
      }),
    },
  };
}
