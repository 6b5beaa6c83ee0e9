import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXHIBIT_BIN, exhibit } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

/** A time-stamping authority that takes the request and, while `hold` is set, never answers: the dossier waits there, mid-write. */
let tsa: Server;
let hold = true;
let asked = 0;
beforeAll(async () => {
  tsa = createServer((req: IncomingMessage) => {
    asked++;
    if (!hold) req.socket.destroy();
  });
  await new Promise<void>((r) => tsa.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  tsa.closeAllConnections();
  await new Promise((r) => tsa.close(r));
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a killed dossier leaves nothing behind for good', () => {
  it('the next dossier run removes the hidden .partial file of a run killed with SIGKILL, and nothing else', async () => {
    const ws = join(tempDir(), 'ws');
    const w = ['--workspace', ws];
    expect((await exhibit(['init', ...w])).code).toBe(0);
    const page = join(tempDir(), 'saved.html');
    writeFileSync(page, readFileSync(new URL('../fixtures/marketplace-pages/amazon-de-listing.html', import.meta.url)));
    const imported = await exhibit(['import', page, '--url', 'https://www.amazon.de/dp/B0TEST1DE1', ...w, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const { id } = JSON.parse(imported.stdout) as { id: string };
    expect((await exhibit(['tsa', 'add', `http://127.0.0.1:${(tsa.address() as AddressInfo).port}/`, ...w])).code).toBe(0);

    const out = join(tempDir(), 'out');
    mkdirSync(out);
    // The user's own files, some named like ours: never touched.
    const mine = ['.notes.partial', 'draft.partial', '.dossier.pdf.partial', '.x.pdf.12-zz.partial'];
    for (const name of mine) writeFileSync(join(out, name), 'mine');
    // A leftover of a writer that is still running (this test's own process): kept, unless a day old.
    const running = `.other.pdf.${process.pid}-0123abcd.partial`;
    writeFileSync(join(out, running), 'running');
    const stale = `.old.pdf.${process.pid}-89abcdef.partial`;
    writeFileSync(join(out, stale), 'abandoned');
    utimesSync(join(out, stale), new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));

    const before = new Set(readdirSync(out));
    const child = spawn(process.execPath, [EXHIBIT_BIN, 'dossier', '--captures', id, '-o', join(out, 'killed.pdf'), ...w], { env: { ...process.env, EXHIBIT_WORKSPACE: '' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    const leftovers = () => readdirSync(out).filter((n) => !before.has(n) && n.endsWith('.partial'));
    // Killed while it signs, its PDF written to the hidden file and its time-stamp asked for.
    await until(() => asked > 0 && leftovers().length > 0, 'the dossier to reach its time-stamp');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const left = leftovers();
    expect(left).toEqual([expect.stringMatching(/^\.killed\.pdf\.\d+-[0-9a-f]{8}\.partial$/)]);
    expect(existsSync(join(out, 'killed.pdf'))).toBe(false);

    hold = false;
    const next = await exhibit(['dossier', '--captures', id, '-o', join(out, 'next.pdf'), ...w]);
    expect(next.code, next.stderr).toBe(0);
    const after = readdirSync(out).sort();
    expect(after).toEqual([...mine, running, 'next.pdf'].sort());
  }, 120_000);
});
