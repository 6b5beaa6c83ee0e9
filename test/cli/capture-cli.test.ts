import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit } from '../helpers/cli.js';
import { startFixtureServer, startHttpProxy, type FixtureServer } from '../helpers/fixture-server.js';
import { HOSTILE_ROUTES } from '../helpers/hostile-pages.js';
import { snapshot } from '../helpers/snapshot.js';
import { tempDir } from '../helpers/tmp.js';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server?.close();
});

async function workspace(): Promise<string> {
  const dir = join(tempDir(), 'ws');
  const r = await exhibit(['init', '--workspace', dir, '--investigator', 'Jane Roe']);
  expect(r.code).toBe(0);
  return dir;
}

interface CaptureJson {
  id: string;
  requestedUrl: string;
  finalUrl: string;
  httpStatus: number;
  outcome: string;
  startedAt: string;
  finishedAt: string;
  artifacts: { name: string; kind: string; sha256: string; bytes: number; mediaType: string }[];
  manifestSha256: string;
}

describe('exhibit capture', () => {
  it('refuses bad URLs before any browser starts, and changes nothing', async () => {
    const dir = await workspace();
    const before = snapshot(dir);
    const r = await exhibit(['capture', '--workspace', dir, '--browser', '/no/such/browser', server.url('/listing'), 'file:///etc/passwd', 'javascript:alert(1)', 'https://jane:secret@www.example.com/', 'not a url']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Refused "file:///etc/passwd": the file: scheme is not captured');
    expect(r.stderr).toContain('Refused "javascript:alert(1)": the javascript: scheme is not captured');
    expect(r.stderr).toContain('contains a user name or password');
    expect(r.stderr).toContain('Refused "not a url": it is not a valid URL');
    expect(r.stderr).toContain('Nothing was captured.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('says plainly when no browser can be found', async () => {
    const dir = await workspace();
    const before = snapshot(dir);
    const r = await exhibit(['capture', '--workspace', dir, '--browser', '/no/such/browser', server.url('/listing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--browser /no/such/browser: no such file');
    expect(snapshot(dir)).toEqual(before);
  });

  it('captures from a file with concurrency, prints the JSON the issue specifies, files under case and seller, and show + export-capture work', async () => {
    const dir = await workspace();
    const list = join(tempDir(), 'urls.txt');
    writeFileSync(list, `# suspects\n${server.url('/listing')}\n\n${server.url('/gone')}\n`);
    const r = await exhibit(['capture', '--workspace', dir, '--from', list, '--concurrency', '2', '--case', 'Luxe v. Fakes', '--seller', 'ebay:luxury_deals_88', '--note', 'weekly sweep', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CaptureJson[];
    expect(out.map((c) => [c.requestedUrl, c.outcome, c.httpStatus])).toEqual([
      [server.url('/listing'), 'complete', 200],
      [server.url('/gone'), 'gone', 410],
    ]);
    const c = out[0]!;
    expect(Object.keys(c).sort()).toEqual(['artifacts', 'documentUrl', 'filing', 'finalUrl', 'partialReasons', 'finishedAt', 'httpStatus', 'id', 'manifestSha256', 'outcome', 'requestedUrl', 'startedAt', 'timestamps'].sort());
    expect(c.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(c.artifacts.find((a) => a.kind === 'screenshot-full')).toMatchObject({ mediaType: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });

    const show = await exhibit(['show', c.id, '--workspace', dir]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(server.url('/listing'));
    for (const a of c.artifacts) expect(show.stdout).toContain(a.sha256);
    expect(show.stdout).toContain('capture.stored');

    const target = join(tempDir(), 'export');
    const exported = await exhibit(['export-capture', c.id, target, '--workspace', dir]);
    expect(exported.code).toBe(0);
    const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: target, encoding: 'utf8' });
    expect(sums.status).toBe(0);
    expect(sums.stdout.trim().split('\n')).toHaveLength(c.artifacts.length + 1);
    const sig = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], { cwd: target, encoding: 'utf8' });
    expect(sig.stdout).toContain('Signature Verified Successfully');
    const again = await exhibit(['export-capture', c.id, target, '--workspace', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is not empty; nothing was written');

    const log = JSON.parse((await exhibit(['log', '--workspace', dir, '--json'])).stdout) as { action: string; subject: string }[];
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['case.created', 'seller.created', 'listing.created', 'capture.stored', 'field.corrected', 'export.made']));
    // The page itself names no seller: it is filed under the one named, the 410 under none.
    const sellers = JSON.parse((await exhibit(['sellers', '--workspace', dir, '--case', 'Luxe v. Fakes', '--json'])).stdout) as { marketplace: string; sellerKey: string; captures: number }[];
    expect(sellers).toEqual([expect.objectContaining({ marketplace: 'ebay', sellerKey: 'luxury_deals_88', captures: 1 })]);
    expect((await exhibit(['verify', '--workspace', dir])).code).toBe(0);
  });

  it('--proxy sends the capture through the proxy and records it in the environment', async () => {
    const proxy = await startHttpProxy();
    try {
      const dir = await workspace();
      const r = await exhibit(['capture', '--workspace', dir, '--proxy', proxy.url(), server.url('/listing'), '--json']);
      expect(r.code).toBe(0);
      const [c] = JSON.parse(r.stdout) as CaptureJson[];
      expect(proxy.seen).toContain(server.url('/listing'));
      const shown = JSON.parse((await exhibit(['show', c!.id, '--workspace', dir, '--json'])).stdout) as { manifest: { provenance: { environment: { network: { proxy: string } } } } };
      expect(shown.manifest.provenance.environment.network.proxy).toBe(proxy.url());
      const bad = await exhibit(['capture', '--workspace', dir, '--proxy', 'ftp://x', server.url('/listing')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--proxy ftp://x');
    } finally {
      await proxy.close();
    }
  });
});

describe('exhibit capture: what the exit code tells a script', () => {
  it('an empty page is partial, with the reason; a batch where no page could be reached exits 1, one where some could exits 1 and says how many', async () => {
    const dir = await workspace();
    const pages = await startFixtureServer(HOSTILE_ROUTES);
    try {
      const empty = await exhibit(['capture', '--workspace', dir, pages.url('/empty'), '--json']);
      expect(empty.code).toBe(0);
      const [c] = JSON.parse(empty.stdout) as (CaptureJson & { partialReasons: string[] })[];
      expect(c).toMatchObject({ outcome: 'partial', httpStatus: 200, partialReasons: ['empty-page'] });
      const text = await exhibit(['capture', '--workspace', dir, pages.url('/empty')]);
      expect(text.stdout).toContain('partial: the server answered, but the page is empty');

      await pages.close();
      const none = await exhibit(['capture', '--workspace', dir, pages.url('/plain'), pages.url('/empty')]);
      expect(none.code).toBe(1);
      expect(none.stdout).toContain('No page could be reached (2 of 2)');
      const some = await exhibit(['capture', '--workspace', dir, server.url('/listing'), pages.url('/plain'), '--json']);
      expect(some.code).toBe(1);
      expect((JSON.parse(some.stdout) as CaptureJson[]).map((x) => x.outcome)).toEqual(['complete', 'connection-refused']);
      expect(some.stderr).toBe('');
      // Every attempt is stored all the same.
      expect((await exhibit(['verify', '--workspace', dir])).code).toBe(0);
    } finally {
      await pages.close().catch(() => undefined);
    }
  });

  it('--help says what each exit code means', async () => {
    const help = await exhibit(['capture', '--help']);
    expect(help.stdout).toMatch(/Exit code: 0 when every page was reached[\s\S]*1 when some page could not be[\s\S]*2 when nothing could start/);
    expect(help.stdout).toContain('--deadline SECONDS');
    const bad = await exhibit(['capture', '--deadline', '0', 'https://www.example.com/']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--deadline');
  });
});

describe('exhibit capture --profile', () => {
  it('keeps cookies and logins between captures in a named profile, and says so in the environment', async () => {
    const dir = await workspace();
    const run = async (...extra: string[]) => {
      const r = await exhibit(['capture', '--workspace', dir, server.url('/account'), '--json', ...extra]);
      expect(r.code).toBe(0);
      const [c] = JSON.parse(r.stdout) as CaptureJson[];
      const shown = JSON.parse((await exhibit(['show', c!.id, '--workspace', dir, '--json'])).stdout) as { manifest: { provenance: { environment: { profile: { kind: string; name?: string } } } } };
      return { env: shown.manifest.provenance.environment.profile, id: c!.id };
    };
    const textOf = async (id: string) => {
      const exportDir = join(tempDir(), id);
      expect((await exhibit(['export-capture', id, exportDir, '--workspace', dir])).code).toBe(0);
      return readFileSync(join(exportDir, 'text.txt'), 'utf8');
    };
    const first = await run('--profile', 'jane-ebay');
    expect(first.env).toMatchObject({ kind: 'persistent', name: 'jane-ebay' });
    expect(await textOf(first.id)).toContain('First visit');
    const second = await run('--profile', 'jane-ebay');
    expect(await textOf(second.id)).toContain('Welcome back, jane');
    const clean = await run();
    expect(clean.env.kind).toBe('clean');
    expect(await textOf(clean.id)).toContain('First visit');
    const bad = await exhibit(['capture', '--workspace', dir, '--profile', '../escape', server.url('/account')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--profile ../escape');
  });
});
