import type { AddressGuard, BlockedRequest } from './address-guard.js';
import { withTimeout, type CdpSession } from './cdp.js';

/** Headers as the browser reported them: name → value (repeated headers joined by newlines). */
export type Headers = Record<string, string>;

export interface SecurityDetails {
  protocol: string;
  keyExchange: string;
  keyExchangeGroup?: string;
  cipher: string;
  mac?: string;
  subjectName: string;
  sanList: string[];
  issuer: string;
  validFrom: number;
  validTo: number;
  certificateTransparencyCompliance?: string;
}

export interface ResourceTiming {
  requestTime: number;
  dnsStart: number;
  dnsEnd: number;
  connectStart: number;
  connectEnd: number;
  sslStart: number;
  sslEnd: number;
  sendStart: number;
  sendEnd: number;
  receiveHeadersEnd: number;
}

export interface RecordedResponse {
  status: number;
  statusText: string;
  headers: Headers;
  mimeType: string;
  remoteIPAddress?: string;
  remotePort?: number;
  protocol?: string;
  securityDetails?: SecurityDetails;
  timing?: ResourceTiming;
  fromDiskCache?: boolean;
  fromServiceWorker?: boolean;
  encodedDataLength?: number;
}

/** One request and its response: a redirect is one exchange per hop. */
export interface Exchange {
  requestId: string;
  hop: number;
  url: string;
  method: string;
  requestHeaders: Headers;
  postData?: string;
  resourceType: string;
  frameId?: string;
  loaderId?: string;
  /** wall-clock start, ms since the epoch */
  startedAt: number;
  /** monotonic seconds, CDP's clock */
  startedMono: number;
  response?: RecordedResponse;
  finishedMono?: number;
  encodedBytes?: number;
  failure?: { errorText: string; canceled: boolean; blockedReason?: string };
  /** bytes received after content decoding (a gzip bomb is small on the wire, not here) */
  decodedBytes?: number;
  body?: Buffer;
  bodyNote?: string;
}

interface FetchPaused {
  requestId: string;
  networkId?: string;
  request?: { url: string };
  responseErrorReason?: string;
  responseStatusCode?: number;
  responseHeaders?: { name: string; value: string }[];
}

interface RequestWillBeSent {
  requestId: string;
  loaderId?: string;
  frameId?: string;
  type?: string;
  timestamp: number;
  wallTime: number;
  request: { url: string; method: string; headers: Headers; postData?: string };
  redirectResponse?: RecordedResponse;
}

/** Bodies above this are noted, not kept: a capture must not exhaust memory on a video. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** All the bodies of one page together: past this, more are noted, not kept. */
const MAX_PAGE_BYTES = 256 * 1024 * 1024;

/**
 * One recorder per page (as browsertrix does): it follows CDP's Network
 * events from before the navigation to the end of the capture, keeps every
 * exchange with its server address, timing and TLS details, and fetches
 * response bodies as they finish so the WARC holds what the server sent.
 */
export class NetworkRecorder {
  readonly exchanges: Exchange[] = [];
  private readonly open = new Map<string, Exchange>();
  private readonly bodyFetches = new Set<Promise<void>>();
  private lastActivity = Date.now();
  private readonly unsubscribe: (() => void)[] = [];
  /** document bodies taken at the response stage, by Network request id */
  private readonly documentBodies = new Map<string, { body?: Buffer; note?: string }>();
  private keptBytes = 0;
  /** a body was left out because it was over a limit */
  overLimit = false;

  constructor(
    private readonly cdp: CdpSession,
    private readonly documentBodyMs = 30_000,
    private readonly guard?: AddressGuard,
  ) {
    const on = (event: string, handler: (p: never) => void) => this.unsubscribe.push(cdp.on(event, handler as (p: unknown) => void));
    on('Network.requestWillBeSent', (p: RequestWillBeSent) => this.onRequest(p));
    on('Network.requestWillBeSentExtraInfo', (p: { requestId: string; headers: Headers }) => {
      const ex = this.open.get(p.requestId);
      // The headers actually sent (with cookies), when Chrome reports them.
      if (ex) ex.requestHeaders = { ...ex.requestHeaders, ...p.headers };
    });
    on('Network.responseReceived', (p: { requestId: string; type?: string; response: RecordedResponse }) => {
      const ex = this.open.get(p.requestId);
      if (!ex) return;
      ex.response = pickResponse(p.response);
      if (p.type) ex.resourceType = p.type;
      this.touch();
    });
    on('Network.dataReceived', (p: { requestId: string; dataLength: number }) => {
      const ex = this.open.get(p.requestId);
      if (ex) ex.decodedBytes = (ex.decodedBytes ?? 0) + p.dataLength;
    });
    on('Network.loadingFinished', (p: { requestId: string; timestamp: number; encodedDataLength: number }) => {
      const ex = this.open.get(p.requestId);
      if (!ex) return;
      this.open.delete(p.requestId);
      ex.finishedMono = p.timestamp;
      ex.encodedBytes = p.encodedDataLength;
      this.fetchBody(ex);
      this.touch();
    });
    on('Network.loadingFailed', (p: { requestId: string; timestamp: number; errorText: string; canceled?: boolean; blockedReason?: string }) => {
      const ex = this.open.get(p.requestId);
      if (!ex) return;
      this.open.delete(p.requestId);
      ex.finishedMono = p.timestamp;
      ex.failure = { errorText: p.errorText, canceled: p.canceled ?? false, ...(p.blockedReason ? { blockedReason: p.blockedReason } : {}) };
      // A download is aborted as a page load, but its bytes were taken on the way in.
      this.takeDocumentBody(ex);
      this.touch();
    });
    on('Fetch.requestPaused', (p: FetchPaused) => {
      if (p.responseStatusCode === undefined && p.responseErrorReason === undefined) this.trackBodyFetch(this.onRequestPaused(p));
      else this.trackBodyFetch(this.onDocumentResponse(p));
    });
  }

  /** Requests a public page made to this machine or its network: refused, never sent. */
  get blockedRequests(): BlockedRequest[] {
    return this.guard?.blocked ?? [];
  }

  async start(): Promise<void> {
    await this.cdp.send('Network.enable', { maxTotalBufferSize: 256 * 1024 * 1024, maxResourceBufferSize: MAX_BODY_BYTES });
    // Documents are paused at the response stage so their bodies are taken
    // exactly as received, before a viewer (PDF) or a download handler takes over.
    // With a guard, every request waits for its address to be checked before it is sent.
    const guarded = this.guard ? [{ urlPattern: '*', requestStage: 'Request' }] : [];
    await this.cdp.send('Fetch.enable', { patterns: [...guarded, { resourceType: 'Document', requestStage: 'Response' }] });
  }

  /** Requests started and not yet finished. */
  get inFlight(): number {
    return this.open.size;
  }

  /** Requests still open, with how long each has been open (ms). */
  openRequests(): { url: string; ageMs: number }[] {
    const now = Date.now();
    return [...this.open.values()].map((e) => ({ url: e.url, ageMs: now - e.startedAt }));
  }

  /** Milliseconds since a request last started or ended. */
  get quietFor(): number {
    return Date.now() - this.lastActivity;
  }

  /** Waits for the body fetches already started. */
  async bodiesSettled(): Promise<void> {
    while (this.bodyFetches.size > 0) await Promise.all([...this.bodyFetches]);
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private touch(): void {
    this.lastActivity = Date.now();
  }

  private onRequest(p: RequestWillBeSent): void {
    const previous = this.open.get(p.requestId);
    if (previous && p.redirectResponse) {
      // The same request id continues after a redirect: close the hop before it.
      previous.response = pickResponse(p.redirectResponse);
      previous.finishedMono = p.timestamp;
    }
    const exchange: Exchange = {
      requestId: p.requestId,
      hop: previous ? previous.hop + 1 : 0,
      url: p.request.url,
      method: p.request.method,
      requestHeaders: p.request.headers,
      resourceType: p.type ?? 'Other',
      startedAt: p.wallTime * 1000,
      startedMono: p.timestamp,
      ...(p.request.postData !== undefined ? { postData: p.request.postData } : {}),
      ...(p.frameId ? { frameId: p.frameId } : {}),
      ...(p.loaderId ? { loaderId: p.loaderId } : {}),
    };
    this.exchanges.push(exchange);
    this.open.set(p.requestId, exchange);
    this.touch();
  }

  private async onRequestPaused(p: FetchPaused): Promise<void> {
    const refused = this.guard && p.request ? await this.guard.refuses(p.request.url).catch(() => false) : false;
    if (refused) await this.cdp.send('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
    else await this.cdp.send('Fetch.continueRequest', { requestId: p.requestId }).catch(() => undefined);
  }

  private async onDocumentResponse(p: FetchPaused): Promise<void> {
    const key = p.networkId ?? p.requestId;
    // true once the request was answered here (fulfilled or failed) and must not be continued
    let handled = false;
    try {
      const status = p.responseStatusCode ?? 0;
      if (status >= 300 && status < 400) return;
      const header = (name: string) => p.responseHeaders?.find((h) => h.name.toLowerCase() === name)?.value ?? '';
      // A web page streams into the renderer (and may never finish): it is let
      // through at once and its body read when it has loaded. Only what the
      // browser would hand to a viewer or a download is held here.
      if (/^\s*(text\/html|application\/xhtml\+xml)/i.test(header('content-type')) && !/attachment/i.test(header('content-disposition'))) return;
      const length = Number(header('content-length') || NaN);
      if (length > MAX_BODY_BYTES || (!Number.isNaN(length) && this.keptBytes + length > MAX_PAGE_BYTES)) {
        this.overLimit = true;
        this.documentBodies.set(key, { note: `not kept: ${length} bytes is over the ${MAX_BODY_BYTES}-byte limit (or the page's ${MAX_PAGE_BYTES})` });
        return;
      }
      if (Number.isNaN(length) || header('content-encoding') !== '') {
        // Without a length (or compressed: a gzip bomb is small on the wire), the browser would read
        // the whole body into one message however large: it is read here a piece at a time, up to the limit.
        handled = await this.readStreamed(p, key);
        return;
      }
      const r = await withTimeout(this.cdp.send<{ body: string; base64Encoded: boolean }>('Fetch.getResponseBody', { requestId: p.requestId }), this.documentBodyMs, 'reading the document body');
      const body = Buffer.from(r.body, r.base64Encoded ? 'base64' : 'utf8');
      this.keptBytes += body.length;
      this.documentBodies.set(key, { body });
    } catch (e) {
      this.documentBodies.set(key, { note: `not available from the browser: ${(e as Error).message}` });
    } finally {
      if (!handled) await this.cdp.send('Fetch.continueResponse', { requestId: p.requestId }).catch(() => this.cdp.send('Fetch.continueRequest', { requestId: p.requestId }).catch(() => undefined));
    }
  }

  /**
   * Reads a document body of unknown size as a stream, up to MAX_BODY_BYTES,
   * and hands the browser exactly the bytes read. Over the limit, the browser
   * gets nothing (the request fails) and the note says why: a bomb is neither
   * kept nor rendered.
   */
  private async readStreamed(p: FetchPaused, key: string): Promise<boolean> {
    const { stream } = await withTimeout(this.cdp.send<{ stream: string }>('Fetch.takeResponseBodyAsStream', { requestId: p.requestId }), this.documentBodyMs, 'opening the document body');
    const chunks: Buffer[] = [];
    let size = 0;
    const deadline = Date.now() + this.documentBodyMs;
    try {
      for (;;) {
        const r = await withTimeout(this.cdp.send<{ data: string; base64Encoded?: boolean; eof: boolean }>('IO.read', { handle: stream, size: 1024 * 1024 }), Math.max(1000, deadline - Date.now()), 'reading the document body');
        const chunk = Buffer.from(r.data, r.base64Encoded ? 'base64' : 'utf8');
        size += chunk.length;
        if (size > MAX_BODY_BYTES || this.keptBytes + size > MAX_PAGE_BYTES) {
          this.overLimit = true;
          this.documentBodies.set(key, { note: `not kept: over the ${MAX_BODY_BYTES}-byte limit (or the page's ${MAX_PAGE_BYTES}) after decoding; not shown either` });
          await this.cdp.send('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
          return true;
        }
        chunks.push(chunk);
        if (r.eof) break;
      }
    } finally {
      await this.cdp.send('IO.close', { handle: stream }).catch(() => undefined);
    }
    const body = Buffer.concat(chunks);
    this.keptBytes += body.length;
    this.documentBodies.set(key, { body });
    // The bytes read are already decoded: the browser must not decode them again.
    const headers = (p.responseHeaders ?? []).filter((h) => h.name.toLowerCase() !== 'content-encoding');
    await this.cdp.send('Fetch.fulfillRequest', { requestId: p.requestId, responseCode: p.responseStatusCode ?? 200, responseHeaders: headers, body: body.toString('base64') });
    return true;
  }

  private takeDocumentBody(ex: Exchange): boolean {
    const taken = this.documentBodies.get(ex.requestId);
    if (!taken) return false;
    this.documentBodies.delete(ex.requestId);
    if (taken.body) ex.body = taken.body;
    if (taken.note) ex.bodyNote = taken.note;
    return true;
  }

  private trackBodyFetch(fetch: Promise<void>): void {
    const tracked: Promise<void> = fetch.finally(() => this.bodyFetches.delete(tracked));
    this.bodyFetches.add(tracked);
  }

  private fetchBody(ex: Exchange): void {
    if (ex.response && ex.response.status >= 300 && ex.response.status < 400) return;
    if (this.takeDocumentBody(ex)) return;
    const size = Math.max(ex.encodedBytes ?? 0, ex.decodedBytes ?? 0);
    if (size > MAX_BODY_BYTES || this.keptBytes + size > MAX_PAGE_BYTES) {
      this.overLimit = true;
      ex.bodyNote = `not kept: ${size} bytes is over the ${MAX_BODY_BYTES}-byte limit (or the page's ${MAX_PAGE_BYTES})`;
      return;
    }
    this.keptBytes += size;
    this.trackBodyFetch(
      this.cdp
        .send<{ body: string; base64Encoded: boolean }>('Network.getResponseBody', { requestId: ex.requestId })
        .then((r) => {
          ex.body = Buffer.from(r.body, r.base64Encoded ? 'base64' : 'utf8');
        })
        .catch((e: unknown) => {
          ex.bodyNote = `not available from the browser: ${(e as Error).message}`;
        }),
    );
  }
}

function pickResponse(r: RecordedResponse): RecordedResponse {
  return {
    status: r.status,
    statusText: r.statusText,
    headers: r.headers,
    mimeType: r.mimeType,
    ...(r.remoteIPAddress !== undefined ? { remoteIPAddress: r.remoteIPAddress } : {}),
    ...(r.remotePort !== undefined ? { remotePort: r.remotePort } : {}),
    ...(r.protocol !== undefined ? { protocol: r.protocol } : {}),
    ...(r.securityDetails !== undefined ? { securityDetails: r.securityDetails } : {}),
    ...(r.timing !== undefined ? { timing: r.timing } : {}),
    ...(r.fromDiskCache ? { fromDiskCache: true } : {}),
    ...(r.fromServiceWorker ? { fromServiceWorker: true } : {}),
    ...(r.encodedDataLength !== undefined ? { encodedDataLength: r.encodedDataLength } : {}),
  };
}
