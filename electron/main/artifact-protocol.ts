import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { artifactFile } from '../core/api/handlers.js';
import type { Workspace } from '../core/workspace/workspace.js';

/** exhibit-artifact://capture/CAPTURE_ID/NAME: a capture's screenshot, for the app's viewer (registered in app-protocol.ts). */
export const ARTIFACT_SCHEME = 'exhibit-artifact';

/** Images only, and never as a page: a captured HTML file must not run inside the app. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/webp']);

export function serveArtifacts(ws: Workspace): void {
  protocol.handle(ARTIFACT_SCHEME, async (request) => {
    const url = new URL(request.url);
    const [captureId, name] = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
    if (url.hostname !== 'capture' || !captureId || !name) return new Response('not found', { status: 404 });
    const found = await artifactFile(ws, captureId, name);
    const type = found?.mediaType.split(';')[0]!.trim() ?? '';
    if (!found || !INLINE.has(type)) return new Response('not found', { status: 404 });
    const file = await net.fetch(pathToFileURL(found.path).href);
    return new Response(file.body, { headers: { 'Content-Type': type, 'Content-Security-Policy': 'sandbox', 'X-Content-Type-Options': 'nosniff' } });
  });
}
