import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { answerFound, notFound, tileAnswer, type ArtifactAnswer, type ArtifactRoute } from '../api/artifact-responses.js';
import type { CaptureView } from '../api/contract.js';
import { ApiFailure } from '../api/failure.js';
import { inWords } from '../dossier/custody-lines.js';
import { readPngInfo } from '../imaging/png-slices.js';
import { parseTileAddress, ViewTiles } from '../imaging/view-tiles.js';
import type { ScreenshotComparison, ScreenshotLayout } from '../api/viewer-handlers.js';
import { diffScreenshots } from '../imaging/screenshot-diff.js';
import { hubViews } from '../store/pg/index.js';
import { verifyEd25519 } from '../workspace/signing-key.js';
import { parseManifest, type Manifest } from '../workspace/manifest.js';
import type { HubPool } from './db.js';
import type { HubObjectStore } from './object-store.js';
import { hubStampRecords } from './stamp-records.js';
import { StripCache } from './strip-cache.js';
import { HubExtracted, hubFieldStates } from './hub-extracted.js';
import { EXTRACTED_ARTIFACT } from '../workspace/verify/extraction-checks.js';
import type { FieldState } from '../catalogue/fields.js';

/**
 * The team hub's evidence as the app reads it: a capture's manifest from the
 * object store (hashed on the way in), checked against the key of the
 * workspace that signed it; its files by the names the signed manifest gives
 * them, their bytes from the store. The screenshot viewer's tiles are cut
 * from a local copy of each strip (cacheDir), kept by its hash, the most
 * recently used `cachedStrips` of them (strip-cache.ts).
 */
export class HubEvidence {
  private readonly tiles: ViewTiles;
  private readonly cache: StripCache;
  /** each capture's signed extracted.json, parsed, by its hash */
  readonly extracted: HubExtracted;

  constructor(
    private readonly pool: HubPool,
    private readonly store: HubObjectStore,
    cacheDir: string,
    cachedStrips?: number,
  ) {
    this.cache = new StripCache(cacheDir, cachedStrips);
    this.extracted = new HubExtracted(store);
    this.tiles = new ViewTiles(this.cache.tilesDir);
  }

  /** A capture with its signed manifest; the manifest's own hash is checked by the store's read. */
  private async manifestOf(id: string): Promise<{ line: hubViews.HubCaptureLine; manifest: Manifest; bytes: Buffer }> {
    const line = await hubViews.captureLineById(this.pool, id);
    if (!line) throw new ApiFailure('not-found', `No capture ${id} on the team hub.`);
    const bytes = await this.store.get(line.manifest_sha256);
    const parsed = parseManifest(bytes);
    if (!parsed.ok) throw new ApiFailure('failed', `The manifest of capture ${id} cannot be read; run exhibit hub verify.`);
    return { line, manifest: parsed.value, bytes };
  }

  async captureView(id: string): Promise<CaptureView> {
    const { line, manifest, bytes } = await this.manifestOf(id);
    const signature = verifyEd25519(line.public_key_pem, bytes, Buffer.from(line.signature, 'base64')) ? 'valid' : 'invalid';
    const { tokens, problems: stampProblems } = await hubStampRecords(this.pool, this.store, id, line.manifest_sha256);
    const entries = await hubViews.custodyOfSubject(this.pool, line.workspace, id);
    const fields = await this.fieldsOf(id, manifest, entries);
    const custody = entries.map((e) => ({
      seq: e.seq,
      at: e.at,
      investigator: e.investigator,
      osUser: e.os_user,
      action: e.action,
      subject: e.subject,
      details: e.details,
      prevHash: e.prev_hash,
      hash: e.hash,
    }));
    const listingId = line.listing_id === null ? null : String(line.listing_id);
    return {
      capture: {
        id,
        listingId,
        requestedUrl: manifest.requestedUrl,
        finalUrl: manifest.finalUrl,
        httpStatus: manifest.httpStatus,
        outcome: manifest.outcome,
        startedAt: manifest.startedAt,
        finishedAt: manifest.finishedAt,
        manifestSha256: line.manifest_sha256,
      },
      filing: { listingId, sellerId: line.seller_id === null ? null : String(line.seller_id), caseId: null },
      manifest,
      fields,
      custody: inWords(custody, { labels: new Map(), authorityNames: new Map(tokens.map((t) => [t.authorityUrl, t.authorityName])) }),
      screenshotTiles: strips(manifest).map((a) => a.name),
      note: null,
      timestamp: tokens.length > 0 ? { status: 'stamped', tokens } : { status: 'not-stamped' },
      recheckOf: null,
      hub: { pushedBy: line.pushed_by, pushedAt: line.pushed_at, investigator: line.investigator, workspace: line.workspace, signature, stampProblems },
    };
  }

  /**
   * What was read from the page: the signed extracted.json the manifest
   * names (under the hash the hub catalogued, checked again as it is read
   * from the store), with the corrections its workspace's custody log holds.
   */
  private async fieldsOf(id: string, manifest: Manifest, custody: readonly hubViews.HubCustodyLine[]): Promise<FieldState[]> {
    const signed = manifest.artifacts.find((a) => a.name === EXTRACTED_ARTIFACT);
    if (!signed) return hubFieldStates(null, custody);
    const catalogued = (await hubViews.artifactsOf(this.pool, id)).get(EXTRACTED_ARTIFACT);
    if (catalogued !== signed.sha256) throw new ApiFailure('failed', `The extracted fields of capture ${id} are not the ones its manifest names; run exhibit hub verify.`);
    return hubFieldStates(await this.extracted.read(id, signed.sha256, { fresh: true }), custody);
  }

  /** The full-page screenshot's layout, from each strip's PNG header. */
  async screenshotLayout(id: string): Promise<ScreenshotLayout | null> {
    const { manifest } = await this.manifestOf(id);
    const parts = strips(manifest);
    if (parts.length === 0) return null;
    let y = 0;
    let width = 0;
    const out: ScreenshotLayout['strips'] = [];
    for (const a of parts) {
      const info = await this.cache.with(a.sha256, async () => readPngInfo(await this.localCopy(a.sha256)));
      out.push({ name: a.name, y, width: info.width, height: info.height });
      y += info.height;
      width = Math.max(width, info.width);
    }
    return { width, height: y, strips: out };
  }

  /**
   * Two captures' full-page screenshots compared, as the workspace compares
   * them (api/viewer-handlers.ts), from local copies of their strips (each
   * hashed as it came from the store), held in the cache while compared.
   */
  async compare(before: string, after: string): Promise<ScreenshotComparison> {
    const [a, b] = await Promise.all([this.manifestOf(before), this.manifestOf(after)]);
    const [sa, sb] = [strips(a.manifest), strips(b.manifest)];
    if (sa.length === 0 || sb.length === 0) throw new ApiFailure('refused', `Capture ${sa.length === 0 ? before : after} has no full-page screenshot to compare.`);
    const [la, lb] = await Promise.all([this.screenshotLayout(before), this.screenshotLayout(after)]);
    const d = await this.holding([...new Set([...sa, ...sb].map((s) => s.sha256))], async () => {
      const files = (list: Manifest['artifacts']) => Promise.all(list.map((s) => this.localCopy(s.sha256)));
      return diffScreenshots(await files(sa), await files(sb), { regions: true });
    });
    return { before: la!, after: lb!, share: d.share, differingCells: d.differingCells, regions: d.regions ?? [] };
  }

  /** Runs fn with every one of these objects held in the strip cache (none of them trimmed meanwhile). */
  private async holding<T>(shas: readonly string[], fn: () => Promise<T>): Promise<T> {
    const [first, ...rest] = shas;
    return first === undefined ? fn() : this.cache.with(first, () => this.holding(rest, fn));
  }

  /** What the app fetches besides the API (see artifact-responses.ts): only names the signed manifest gives, and the hub catalogued under the same hash. */
  async answer(route: ArtifactRoute, frameAncestors?: string): Promise<ArtifactAnswer> {
    const line = await hubViews.captureLineById(this.pool, route.captureId);
    if (!line) return notFound('no such artifact');
    const { manifest } = await this.manifestOf(route.captureId);
    const artifact = manifest.artifacts.find((a) => a.name === route.name);
    const catalogued = (await hubViews.artifactsOf(this.pool, route.captureId)).get(route.name);
    if (!artifact || catalogued !== artifact.sha256) return notFound(route.kind === 'tile' ? 'no such tile' : 'no such artifact');
    if (route.kind === 'tile') {
      const at = parseTileAddress(route.level, route.col, route.row);
      if (!at || !strips(manifest).some((s) => s.name === artifact.name)) return tileAnswer(null);
      return tileAnswer(
        await this.cache.with(artifact.sha256, async () => {
          const file = await this.localCopy(artifact.sha256);
          const info = await readPngInfo(file);
          return this.tiles.tile(file, artifact.sha256, info.width, info.height, at);
        }),
      );
    }
    return answerFound(route, artifact, { read: () => this.store.get(artifact.sha256) }, frameAncestors);
  }

  /** An object's bytes in a local file named by its hash (checked as they are read from the store); only within cache.with. */
  private async localCopy(sha256: string): Promise<string> {
    const file = this.cache.objectPath(sha256);
    if (existsSync(file)) return file;
    await mkdir(dirname(file), { recursive: true });
    const bytes = await this.store.get(sha256);
    const part = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
    await writeFile(part, bytes);
    await rename(part, file);
    return file;
  }
}

/** The strips of the full-page screenshot, in name order (the order they join in), as the workspace's viewer takes them. */
function strips(m: Manifest): Manifest['artifacts'] {
  return m.artifacts.filter((a) => a.kind === 'screenshot-full' && a.mediaType === 'image/png').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
