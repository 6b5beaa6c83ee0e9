import { gunzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import { thumbnails } from '../store/index.js';
import { utcNow } from '../util/time.js';
import type { Workspace } from '../workspace/workspace.js';
import { perceptualHash } from './perceptual-hash.js';
import type { CatalogueView } from './score.js';

const THUMBNAIL_TIMEOUT_MS = 15_000;
const MAX_THUMBNAIL = 5 << 20;
const MAX_WARC = 64 << 20;

/**
 * The perceptual hashes of search results' thumbnails, each image read once.
 * A thumbnail is taken from the result page's own capture (the browser
 * loaded it while the page was captured), else from the images kept in the
 * workspace (object store, by SHA-256; the address it came from), and
 * fetched only when neither has it. Each image is hashed once, by its
 * SHA-256, whichever address shows it. Only when the catalogue has official
 * images to compare with; one that cannot be read gives no image signal.
 */
export class ThumbnailHashes {
  private readonly memo = new Map<string, string | null>();
  private captured = new Map<string, Buffer>();
  /** addresses fetched over the network by this run (tests and the run's summary count them) */
  fetched = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly catalogue: CatalogueView,
  ) {}

  /** The images a captured result page loaded, among `urls`: read from its WARC in one pass. */
  async fromCapture(captureId: string, urls: readonly string[]): Promise<void> {
    this.captured = new Map();
    const wanted = new Set(urls.filter((u) => !this.memo.has(u)));
    if (this.catalogue.images.length === 0 || wanted.size === 0) return;
    const warc = await thumbnails.warcOfCapture(this.ws.db, captureId);
    if (!warc || warc.bytes > MAX_WARC) return;
    try {
      let data = await this.ws.store.read(warc.sha256);
      if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
      for await (const record of new WARCParser([data])) {
        const uri = record.warcTargetURI;
        if (record.warcType !== 'response' || !uri || !wanted.has(uri) || this.captured.has(uri)) {
          await record.readFully();
          continue;
        }
        const body = Buffer.from(await record.readFully(true));
        if (body.length > 0 && body.length <= MAX_THUMBNAIL) this.captured.set(uri, body);
      }
    } catch {
      // A WARC that cannot be read leaves its thumbnails to the kept images or a fetch.
    }
  }

  async hash(url: string): Promise<string | null> {
    if (this.catalogue.images.length === 0 || !/^https?:\/\//i.test(url)) return null;
    if (this.memo.has(url)) return this.memo.get(url)!;
    let value: string | null = null;
    const bytes = this.captured.get(url);
    if (bytes) value = await this.keep(url, bytes);
    else {
      const kept = await thumbnails.imageOfUrl(this.ws.db, url);
      const known = kept === undefined ? undefined : await thumbnails.hashOfImage(this.ws.db, kept);
      if (known !== undefined) value = known;
      else {
        const got = await this.fetch(url);
        if (got) value = await this.keep(url, got);
      }
    }
    this.memo.set(url, value);
    return value;
  }

  /** The image stored under its SHA-256, its address remembered, its hash computed if no image with those bytes was hashed before. */
  private async keep(url: string, bytes: Uint8Array): Promise<string | null> {
    const { sha256 } = await this.ws.store.put(bytes);
    let dhash = await thumbnails.hashOfImage(this.ws.db, sha256);
    if (dhash === undefined) {
      const h = await perceptualHash(bytes);
      dhash = h.ok ? h.value.dhash : null;
    }
    const at = utcNow();
    const known = dhash;
    await this.ws.db.transaction(async (tx) => {
      await thumbnails.rememberHash(tx, sha256, known, at);
      await thumbnails.rememberUrl(tx, url, sha256, at);
    });
    return dhash;
  }

  private async fetch(url: string): Promise<Uint8Array | null> {
    try {
      this.fetched++;
      const res = await fetch(url, { signal: AbortSignal.timeout(THUMBNAIL_TIMEOUT_MS) });
      if (!res.ok) return null;
      const bytes = new Uint8Array(await res.arrayBuffer());
      return bytes.length <= MAX_THUMBNAIL ? bytes : null;
    } catch {
      return null;
    }
  }
}
