import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls, type StoredCapture } from '../../../electron/core/capture/capture-service.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { artifact, names } from '../../helpers/capture.js';
import { BOMB_BYTES, MINIMAL_PDF, pngSize, selfSignedCertificate, startFixtureServer, startHttpsServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { newWorkspace } from '../../helpers/workspace.js';

let server: FixtureServer;
let https: FixtureServer;
let tls: ReturnType<typeof selfSignedCertificate>;
let ws: Workspace;
let closedPort: number;
const byPath = new Map<string, StoredCapture>();

/** A port that was just free: nothing listens on it, so connecting is refused. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const PATHS = ['/no-such-listing', '/gone', '/broken', '/loop-a', '/hang', '/dialogs', '/popup', '/download', '/image.png', '/file.pdf', '/tall', '/captcha'];

beforeAll(async () => {
  server = await startFixtureServer();
  tls = selfSignedCertificate();
  https = await startHttpsServer(tls);
  closedPort = await freePort();
  ws = await newWorkspace(undefined, 'suite');
  const urls = [...PATHS.map((p) => server.url(p)), `http://127.0.0.1:${closedPort}/listing`, 'http://no-such-host.invalid/listing', https.url('/secure')];
  const r = await captureUrls(ws, { urls, concurrency: 4, bounds: { loadMs: 4000, settleMs: 4000, navigationMs: 15_000 } });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  r.value.forEach((c, i) => byPath.set(i < PATHS.length ? PATHS[i]! : ['refused', 'dns', 'tls'][i - PATHS.length]!, c));
  // The bomb on its own, with time to spare: what ends it must be the size limit, not a busy machine's clock.
  const bomb = await captureUrls(ws, { urls: [server.url('/pdf-bomb')], concurrency: 1, bounds: { loadMs: 60_000, settleMs: 10_000, navigationMs: 60_000 } });
  if (!bomb.ok) throw new Error(JSON.stringify(bomb.error));
  byPath.set('/pdf-bomb', bomb.value[0]!);
}, 240_000);

afterAll(async () => {
  await ws?.close();
  await server?.close();
  await https?.close();
});

const provenance = (c: StoredCapture) => c.record.manifest.provenance as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('bad input and hostile pages: nothing crashes, every attempt is recorded with its outcome', () => {
  it('every attempt is stored, and the workspace verifies clean', async () => {
    expect(byPath.size).toBe(PATHS.length + 4);
    const report = await verifyWorkspace(ws);
    expect(report.problems).toEqual([]);
    expect(report.counts.captures).toBe(PATHS.length + 4);
  });

  it.each([
    ['/no-such-listing', 'not-found', 404],
    ['/gone', 'gone', 410],
    ['/broken', 'server-error', 503],
  ])('%s: %s (HTTP %i), with its screenshot', async (path, outcome, status) => {
    const c = byPath.get(path)!;
    expect(c.page.outcome).toBe(outcome);
    expect(c.page.httpStatus).toBe(status);
    expect(names(c)).toContain('screenshot-full.png');
  });

  it('a redirect loop', () => {
    const c = byPath.get('/loop-a')!;
    expect(c.page.outcome).toBe('redirect-loop');
    expect(provenance(c).navigationError).toContain('ERR_TOO_MANY_REDIRECTS');
    expect(provenance(c).redirectChain.length).toBeGreaterThan(10);
  });

  it('connection refused and DNS failure, each with its network log', () => {
    expect(byPath.get('refused')!.page.outcome).toBe('connection-refused');
    expect(byPath.get('dns')!.page.outcome).toBe('dns-failure');
    for (const key of ['refused', 'dns']) expect(names(byPath.get(key)!)).toContain('network.har');
  });

  it('a TLS error is recorded, never bypassed', () => {
    const c = byPath.get('tls')!;
    expect(c.page.outcome).toBe('tls-error');
    expect(provenance(c).navigationError).toMatch(/ERR_CERT_AUTHORITY_INVALID/);
    expect(names(c)).not.toContain('screenshot-full.png');
  });

  it('a page that never finishes loading: what is there, marked partial, within the bound', async () => {
    const c = byPath.get('/hang')!;
    expect(c.page.outcome).toBe('partial');
    expect((await artifact(ws, c, 'dom.html')).toString()).toContain('The rest never arrives.');
    expect(provenance(c).steps).toContainEqual(expect.objectContaining({ name: 'load', status: 'partial' }));
    expect(Date.parse(c.page.finishedAt) - Date.parse(c.page.startedAt)).toBeLessThan(30_000);
  });

  it('alert and confirm dialogs are dismissed and recorded', async () => {
    const c = byPath.get('/dialogs')!;
    expect(c.page.outcome).toBe('complete');
    expect(provenance(c).dialogs).toEqual([expect.objectContaining({ type: 'alert', message: 'You won a prize!' }), expect.objectContaining({ type: 'confirm', message: 'Leave this page?' })]);
    expect((await artifact(ws, c, 'dom.html')).toString()).toContain('confirm said false');
  });

  it('pop-ups are closed and recorded', () => {
    const c = byPath.get('/popup')!;
    expect(c.page.outcome).toBe('complete');
    expect(provenance(c).popupsBlocked).toEqual([server.url('/listing')]);
  });

  it('a download instead of a page', () => {
    const c = byPath.get('/download')!;
    expect(c.page.outcome).toBe('download');
    expect(c.page.httpStatus).toBe(200);
  });

  it('an image URL is captured with the image as received', async () => {
    const c = byPath.get('/image.png')!;
    expect(c.page.outcome).toBe('complete');
    expect(pngSize(await artifact(ws, c, 'response-body.png'))).toEqual({ width: 120, height: 80 });
  });

  it('a PDF URL keeps the PDF as received', async () => {
    const c = byPath.get('/file.pdf')!;
    // Chromium's PDF viewer keeps a request open for good: the page still settles.
    expect(c.page.outcome).toBe('complete');
    expect(provenance(c).mainDocument.mimeType).toBe('application/pdf');
    expect(await artifact(ws, c, 'response-body.pdf')).toEqual(MINIMAL_PDF);
  });

  it('a document with no length that decodes past the limit (a gzip bomb served as a PDF) is neither kept nor shown, and the capture says so', () => {
    const c = byPath.get('/pdf-bomb')!;
    expect(c.page.outcome).toBe('partial');
    expect(c.page.partialReasons).toContain('too-large');
    expect(names(c)).not.toContain('response-body.pdf');
    expect(provenance(c).mainDocument.bodyNote).toMatch(/^not kept: over the 67108864-byte limit/);
    expect(c.record.manifest.artifacts.reduce((n, a) => n + a.bytes, 0)).toBeLessThan(BOMB_BYTES / 4);
  });

  it('a page 100,000 px tall is captured in tiles that join with nothing lost', async () => {
    const c = byPath.get('/tall')!;
    expect(c.page.outcome).toBe('complete');
    const shot = provenance(c).screenshot as { height: number; pageHeight: number; tiles: { name: string; y: number; height: number }[] };
    expect(shot.pageHeight).toBeGreaterThanOrEqual(100_000);
    expect(shot.height).toBe(shot.pageHeight);
    let y = 0;
    for (const tile of shot.tiles) {
      expect(tile.y).toBe(y);
      expect(pngSize(await artifact(ws, c, tile.name))).toEqual({ width: 1366, height: tile.height });
      y += tile.height;
    }
    expect(y).toBe(shot.height);
    expect(shot.tiles.length).toBeGreaterThan(1);
  });

  it('a captcha page is "blocked", not a listing', () => {
    const c = byPath.get('/captcha')!;
    expect(c.page.outcome).toBe('blocked');
    expect(provenance(c).blocked).toEqual({ kind: 'text', matched: 'Enter the characters you see below' });
  });
});

describe('HTTPS', () => {
  it('keeps the certificate chain in PEM and the TLS details when the certificate is trusted', async () => {
    const trusted = await newWorkspace();
    const r = await captureUrls(trusted, { urls: [https.url('/secure')], trustedSpki: [tls.spkiSha256Base64] });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const c = r.value[0]!;
    expect(c.page.outcome).toBe('complete');
    const pem = (await artifact(trusted, c, 'certificate-chain.pem')).toString();
    expect(pem).toBe(tls.cert.toString().replace(/\r\n/g, '\n'));
    const p = provenance(c);
    expect(p.tls).toMatchObject({ protocol: 'TLS 1.3', subjectName: 'Exhibit Test Shop', sanList: expect.arrayContaining(['127.0.0.1']) as unknown });
    expect(p.certificateChain[0].subject).toContain('CN=Exhibit Test Shop');
    expect(p.environment.network.certificatesTrustedWithoutAuthority).toEqual([tls.spkiSha256Base64]);
    await trusted.close();
  });
});
