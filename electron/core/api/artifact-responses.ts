import { readFile } from 'node:fs/promises';
import { mhtmlForViewing } from '../import/mhtml-view.js';
import { parseTileAddress } from '../imaging/view-tiles.js';
import type { Workspace } from '../workspace/workspace.js';
import { screenshotTile } from './viewer-handlers.js';
import { artifacts } from '../store/index.js';

/**
 * What the UI fetches besides the API, for both transports (`exhibit serve`
 * over HTTP, exhibit-artifact: in the app), decided once:
 *   artifact/CAPTURE/NAME[?download]  an artifact's bytes: an image shown inline; anything else, or
 *                                     any artifact asked for as a download, as an attachment named
 *                                     after the capture and the file, with its own media type
 *   view/CAPTURE/NAME                 an MHTML archive as one page, for a sandboxed frame
 *   tile/CAPTURE/NAME/LEVEL/COL/ROW   a tile of a full-page screenshot (see view-tiles.ts)
 * Every name is looked up in the capture's artifacts, never used as a path.
 * A captured page is evidence, not code: it never runs in the app's origin,
 * and what is shown of it is sandboxed, its scripts inert and the web out of reach.
 */
export type ArtifactRoute =
  | { kind: 'artifact'; captureId: string; name: string; download: boolean }
  | { kind: 'view'; captureId: string; name: string }
  | { kind: 'tile'; captureId: string; name: string; level: string; col: string; row: string };

export interface ArtifactAnswer {
  status: number;
  headers: Record<string, string>;
  /** the bytes, or the stored file to stream */
  body: Buffer | { file: string };
}

/** Shown inline in the UI; everything else is a download. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** A view of a captured page: no script, nothing from the web, in no origin of its own; framed only by the app. */
export const viewCsp = (frameAncestors = "'self'") => `sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline' data:; font-src data:; media-src data:; frame-ancestors ${frameAncestors}`;
export const VIEW_CSP = viewCsp();

const SANDBOX = { 'Content-Security-Policy': 'sandbox', 'X-Content-Type-Options': 'nosniff' };

/** The route of a path's parts (already percent-decoded), or null when it is none of them. */
export function artifactRoute(parts: readonly string[], download: boolean): ArtifactRoute | null {
  const [kind, captureId, name, ...rest] = parts;
  if (!captureId || !name) return null;
  if (kind === 'artifact' && rest.length === 0) return { kind, captureId, name, download };
  if (kind === 'view' && rest.length === 0) return { kind, captureId, name };
  if (kind === 'tile' && rest.length === 3) return { kind, captureId, name, level: rest[0]!, col: rest[1]!, row: rest[2]! };
  return null;
}

export const notFound = (what: string): ArtifactAnswer => ({ status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SANDBOX }, body: Buffer.from(what) });

/** The file name a download is saved under: the capture's id and the artifact's name, nothing a browser would refuse. */
export function downloadName(captureId: string, name: string): string {
  return `${captureId}-${name}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** frameAncestors: who may frame a page view (the app's own origin; in the desktop app, app://exhibit) */
export async function answerArtifact(ws: Workspace, route: ArtifactRoute, frameAncestors?: string): Promise<ArtifactAnswer> {
  if (route.kind === 'tile') {
    const at = parseTileAddress(route.level, route.col, route.row);
    return tileAnswer(at ? await screenshotTile(ws, route.captureId, route.name, at) : null);
  }
  const row = await artifacts.artifactNamed(ws.db, route.captureId, route.name);
  if (!row) return notFound('no such artifact');
  const file = ws.store.pathOf(row.sha256);
  return answerFound(route, row, { file, read: () => readFile(file) }, frameAncestors);
}

/** A tile cut from a stored strip, or 404 when there is none at that address. */
export function tileAnswer(png: Buffer | null): ArtifactAnswer {
  if (!png) return notFound('no such tile');
  // Cut from a stored strip that never changes: the browser may keep it.
  return { status: 200, headers: { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=86400, immutable', ...SANDBOX }, body: png };
}

/**
 * The answer for an artifact found, whichever store holds its bytes (the
 * workspace's files, or the team hub's objects): `bytes.file` is streamed
 * when there is one, else `bytes.read` gives them.
 */
export async function answerFound(
  route: Exclude<ArtifactRoute, { kind: 'tile' }>,
  row: { kind: string; mediaType: string },
  bytes: { file?: string; read: () => Promise<Buffer> },
  frameAncestors?: string,
): Promise<ArtifactAnswer> {
  const type = row.mediaType.split(';')[0]!.trim();
  if (route.kind === 'view') {
    if (row.kind !== 'mhtml') return notFound('only a page archive (MHTML) is shown as a page');
    const html = mhtmlForViewing(await bytes.read());
    if (html === null) return notFound('the archive holds no page');
    return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': viewCsp(frameAncestors), 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' }, body: Buffer.from(html, 'utf8') };
  }
  const body = bytes.file ? { file: bytes.file } : await bytes.read();
  if (INLINE.has(type) && !route.download) return { status: 200, headers: { 'Content-Type': type, ...SANDBOX }, body };
  const fileName = downloadName(route.captureId, route.name);
  return {
    status: 200,
    headers: {
      // Its own type, for the program that opens it; as an attachment it is never rendered here.
      'Content-Type': row.mediaType,
      'Content-Disposition': `attachment; filename="${fileName}"`,
      ...SANDBOX,
    },
    body,
  };
}
