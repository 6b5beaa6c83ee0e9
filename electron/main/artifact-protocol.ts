import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { answerArtifact, artifactRoute } from '../core/api/artifact-responses.js';
import type { Workspace } from '../core/workspace/workspace.js';

/**
 * exhibit-artifact://capture/CAPTURE_ID/NAME: a capture's screenshot;
 * exhibit-artifact://tile/CAPTURE_ID/NAME/LEVEL/COL/ROW: a tile of it;
 * exhibit-artifact://view/CAPTURE_ID/page.mhtml: its page archive as one
 * sandboxed page. For the app's viewer (registered in app-protocol.ts);
 * what each answers is decided in core (artifact-responses.ts).
 */
export const ARTIFACT_SCHEME = 'exhibit-artifact';

/** The app's own page, the only one that may frame a page view. */
const APP_ORIGIN = 'app://exhibit';

export function serveArtifacts(ws: Workspace): void {
  protocol.handle(ARTIFACT_SCHEME, async (request) => {
    const url = new URL(request.url);
    const parts = url.pathname.split('/').filter((p) => p !== '');
    let decoded: string[];
    try {
      decoded = parts.map(decodeURIComponent);
    } catch {
      return new Response('not found', { status: 404 });
    }
    const host = url.hostname === 'capture' ? 'artifact' : url.hostname;
    // Downloads in the app go through the system's save dialog, not this scheme: here only what is shown.
    const route = artifactRoute([host, ...decoded], false);
    if (!route || (host !== 'artifact' && host !== 'tile' && host !== 'view')) return new Response('not found', { status: 404 });
    const answer = await answerArtifact(ws, route, APP_ORIGIN);
    if (answer.headers['Content-Disposition']) return new Response('not found', { status: 404 });
    const body = Buffer.isBuffer(answer.body) ? answer.body : await readFile(answer.body.file);
    return new Response(new Uint8Array(body), { status: answer.status, headers: answer.headers });
  });
}
