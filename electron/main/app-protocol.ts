import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CSP } from '../serve/http-transport.js';
import { APP_SCHEME, MEDIA_TYPES, rendererFile } from './app-page.js';
import { ARTIFACT_SCHEME } from './artifact-protocol.js';

/** Both of the app's schemes, in the one call Electron allows; before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
    { scheme: ARTIFACT_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
  ]);
}

/** The app's page may also show screenshots through the artifact scheme (artifact-protocol.ts). */
const APP_CSP = `${CSP.replace("img-src 'self'", `img-src 'self' ${ARTIFACT_SCHEME}:`)}; frame-src ${ARTIFACT_SCHEME}:`;

/** app://exhibit/…: the renderer's built files, and nothing outside their folder. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFile(root, request.url);
    if (!file) return new Response('not found', { status: 404 });
    const found = await net.fetch(pathToFileURL(file).href).catch(() => null);
    if (!found?.ok) return new Response('not found', { status: 404 });
    return new Response(found.body, { headers: { 'Content-Type': MEDIA_TYPES[extname(file)]!, 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' } });
  });
}
