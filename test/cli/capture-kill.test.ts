import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit, EXHIBIT_BIN } from '../helpers/cli.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { HOSTILE_ROUTES } from '../helpers/hostile-pages.js';
import { tempDir } from '../helpers/tmp.js';

// Linux's /proc tells which processes share a process group: the test reads it as `ps` would.
const linux = process.platform === 'linux';

let server: FixtureServer;
let started = 0;

beforeAll(async () => {
  server = await startFixtureServer({
    ...HOSTILE_ROUTES,
    '/spinning': (q, res) => {
      started++;
      HOSTILE_ROUTES['/loop-before-load']!(q, res);
    },
  });
});
afterAll(async () => {
  await server?.close();
});

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  cmd: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after the last ')'.
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid), state: state!, cmd: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Live (not zombie) processes of this process group. */
const alive = (pgid: number) => processes().filter((p) => p.pgid === pgid && p.state !== 'Z');

async function until<T>(what: string, probe: () => T | undefined | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(linux)('a killed `exhibit capture` leaves no browser behind', () => {
  it.each(['SIGKILL', 'SIGTERM'] as const)('%s mid-capture: the browser, in a process group of its own, is gone with every process it started', async (signal) => {
    const dir = join(tempDir(), 'ws');
    expect((await exhibit(['init', '--workspace', dir, '--investigator', 'Jane Roe'])).code).toBe(0);
    const before = started;
    const cli = spawn(process.execPath, [EXHIBIT_BIN, 'capture', '--workspace', dir, '--timeout', '3', server.url('/spinning')], { stdio: 'ignore', env: { ...process.env, EXHIBIT_WORKSPACE: '' } });
    const exited = new Promise<number | null>((r) => cli.on('exit', (code) => r(code)));
    try {
      const browser = await until('the browser to start', () => processes().find((p) => p.ppid === cli.pid && /chrom/i.test(p.cmd)));
      // Its own process group, not the CLI's: a signal to the CLI's group would not reach it, and killing its group takes it all.
      expect(browser.pgid).toBe(browser.pid);
      expect(browser.pgid).not.toBe(processes().find((p) => p.pid === cli.pid)!.pgid);
      await until('the page to be loading', () => started > before);
      await until('the renderer to start', () => alive(browser.pgid).length > 2);
      cli.kill(signal);
      await exited;
      const left = await until('the browser to be gone', () => (alive(browser.pgid).length === 0 ? [] : undefined), 30_000).catch(() => alive(browser.pgid));
      expect(left).toEqual([]);
    } finally {
      cli.kill('SIGKILL');
    }
  });
});
