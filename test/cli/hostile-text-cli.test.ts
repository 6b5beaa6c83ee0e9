import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit, type CliResult } from '../helpers/cli.js';
import { marketplacePage, ROUTES, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { HOSTILE, hostilePage, RAW_CONTROL } from '../helpers/hostile-text.js';
import { tempDir } from '../helpers/tmp.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ ...ROUTES, '/dp/B0TEST1DE1': marketplacePage('amazon-de-listing', hostilePage) });
});
afterAll(async () => {
  await server?.close();
});

/** What reached the terminal: no raw control character, and the escape shown instead. */
function expectDefused(r: CliResult, what: string): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(0);
  expect(RAW_CONTROL.exec(r.stdout), `${what} stdout`).toBeNull();
  expect(RAW_CONTROL.exec(r.stderr), `${what} stderr`).toBeNull();
}

/** The XMP packet of a PDF written by pdfkit (uncompressed, as PDF/A wants it). */
function xmpOf(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const start = text.indexOf('<?xpacket begin');
  const end = text.indexOf('<?xpacket end="w"?>');
  expect(start).toBeGreaterThan(0);
  return Buffer.from(text.slice(start, end + '<?xpacket end="w"?>'.length), 'latin1').toString('utf8');
}

describe('text from pages is data, never terminal control', () => {
  it('every command shows a hostile title and seller name escaped, the evidence keeps them verbatim, and the dossier XMP is well-formed', async () => {
    const ws = join(tempDir(), 'ws');
    const w = ['--workspace', ws];
    expect((await exhibit(['init', ...w, '--investigator', 'Jane Roe'])).code).toBe(0);

    const captured = await exhibit(['capture', ...w, '--json', server.url('/dp/B0TEST1DE1')]);
    expectDefused(captured, 'capture --json');
    const [c] = JSON.parse(captured.stdout) as { id: string }[];
    // --json is for programs: the same characters, escaped as JSON, so the value read back is verbatim.
    const fields = JSON.parse((await exhibit(['show', ...w, c!.id, '--json'])).stdout) as { fields: { field: string; value: unknown }[] };
    for (const name of ['title', 'sellerName']) {
      const value = String(fields.fields.find((f) => f.field === name)?.value);
      for (const raw of ['\u001b[2J', '\u001b]52;c;', '\u0007', '\u2066rtl\u2069']) expect(value).toContain(raw);
    }

    const runs: [string, string[]][] = [
      ['show', ['show', c!.id]],
      ['sellers', ['sellers']],
      ['seller', ['seller', 'amazon:A1EXHIBITNORD1']],
      ['listings', ['listings', '--seller', 'amazon:A1EXHIBITNORD1']],
      ['search', ['search', 'thermoskanne']],
      ['timeline', ['timeline', '--listing', 'amazon:B0TEST1DE1']],
      ['correct', ['correct', c!.id, 'price', '19.99', '--reason', `read wrong ${HOSTILE}`]],
      ['log', ['log']],
      ['takedown add', ['takedown', 'add', 'amazon:B0TEST1DE1', '--platform', 'amazon.de', '--ref', HOSTILE]],
      ['takedown list', ['takedown', 'list']],
      ['takedown csv', ['takedown', 'list', '--csv', '-']],
      ['takedown notice', ['takedown', 'notice', '--platform', 'amazon.de']],
    ];
    for (const [what, args] of runs) expectDefused(await exhibit([...args, ...w]), what);
    for (const what of ['sellers', 'log', 'search']) {
      const json = await exhibit([...runs.find(([name]) => name === what)![1], ...w, '--json']);
      expect(RAW_CONTROL.exec(json.stdout), `${what} --json`).toBeNull();
    }
    const show = await exhibit(['show', c!.id, ...w]);
    expect(show.stdout).toContain('Evil\\u001b[2J\\u001b]8;;http://evil.example/\\u0007link');
    // The correction's reason, typed by the investigator, keeps C1 and every bidi control; shown escaped.
    expect(show.stdout).toContain('\\u009b31m\\u007f\\u2066rtl\\u2069\\u202eabc\\u202c\\u200f end');
    // A column is cut on the escaped text, by characters: never inside an escape sequence, which is no longer one.
    const sellers = (await exhibit(['sellers', ...w])).stdout;
    expect(sellers).toMatch(/^amazon:A1EXHIBITNORD1\s+Evil\\u001b\[2J\\u001b\]8;;http:\/…\s+1 listings/m);

    const pdf = join(tempDir(), 'hostile.pdf');
    const made = await exhibit(['dossier', ...w, '--seller', 'amazon:A1EXHIBITNORD1', '-o', pdf]);
    expect(made.code, made.stderr).toBe(0);
    expect(RAW_CONTROL.exec(made.stdout + made.stderr)).toBeNull();
    const xmp = xmpOf(readFileSync(pdf));
    expect(xmp).toContain('\\u001b[2J');
    expect(RAW_CONTROL.exec(xmp)).toBeNull();
    // A strict XML parser (expat) reads it: no forbidden character, "&" and "<" escaped.
    const parsed = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom; d = xml.dom.minidom.parse(sys.stdin.buffer); print(d.getElementsByTagName("dc:title")[0].getElementsByTagName("rdf:li")[0].firstChild.data)'], { input: xmp, encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    expect(parsed.stdout).toContain('Evil\\u001b[2J');
    expect(spawnSync('qpdf', ['--check', pdf]).status).toBe(0);
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(info.stdout).toContain('\\u001b[2J');
    expect(RAW_CONTROL.exec(info.stdout)).toBeNull();
  }, 120_000);
});
