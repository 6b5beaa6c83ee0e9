import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exhibit } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

// Every command, as the overview lists them: each is loaded by that name only when it runs.
const COMMANDS = ['init', 'capture', 'import', 'show', 'correct', 'note', 'sellers', 'seller', 'listings', 'search', 'case', 'watch', 'recapture', 'timeline', 'links', 'brand', 'monitor', 'triage', 'takedown', 'dossier', 'extract', 'export-capture', 'export', 'serve', 'stamp', 'tsa', 'identity', 'verify', 'log', 'settings', 'push', 'hub', 'worker'];

describe('exhibit CLI', () => {
  it('lists every command, and every command has --help', async () => {
    const top = await exhibit(['--help']);
    expect(top.code).toBe(0);
    expect([...top.stdout.matchAll(/^ {2}([a-z][a-z-]*) {2,}/gm)].map((m) => m[1])).toEqual(COMMANDS);
    for (const c of COMMANDS) {
      expect(top.stdout).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
      const help = await exhibit([c, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: exhibit ${c}`);
      expect(help.stdout).toContain('--workspace DIR');
    }
  });

  it('usage errors exit 2 and say what to do', async () => {
    const none = await exhibit([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('See: exhibit --help');
    const unknown = await exhibit(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const option = await exhibit(['log', '--bogus', '--workspace', tempDir()]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--bogus'");
    expect(option.stderr).toContain('See: exhibit log --help');
  });

  it('init, settings, verify and log, in text and JSON, with the key fingerprint', async () => {
    const dir = join(tempDir(), 'case-files');
    const init = await exhibit(['init', '--workspace', dir, '--investigator', 'Jane Roe', '--organisation', 'Acme Legal', '--json']);
    expect(init.code).toBe(0);
    const made = JSON.parse(init.stdout) as { workspace: string; publicKeyFingerprint: string; investigator: string };
    expect(made).toMatchObject({ workspace: dir, investigator: 'Jane Roe' });
    expect(made.publicKeyFingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);

    const verify = await exhibit(['verify', '--workspace', dir]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(made.publicKeyFingerprint);
    expect(verify.stdout).toContain('OK: nothing altered, nothing missing');

    const set = await exhibit(['settings', '--workspace', dir, '--organisation', 'Acme Brand Protection']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Acme Brand Protection');

    const log = await exhibit(['log', '--workspace', dir, '--json']);
    expect(log.code).toBe(0);
    const entries = JSON.parse(log.stdout) as { seq: number; action: string; investigator: string; osUser: string; details: Record<string, unknown> }[];
    expect(entries.map((e) => e.action)).toEqual(['workspace.created', 'identity.created', 'verification.run', 'settings.changed']);
    expect(entries[0]!.details).toMatchObject({ publicKeyFingerprint: made.publicKeyFingerprint, investigator: 'Jane Roe', organisation: 'Acme Legal' });
    // The certificate dossiers are signed with, made at init, names the investigator and organisation.
    expect(entries[1]!.details).toMatchObject({ subject: expect.stringContaining('CN=Jane Roe'), algorithm: 'ECDSA prime256v1' });
    expect(entries[3]!.details).toEqual({ organisation: { from: 'Acme Legal', to: 'Acme Brand Protection' } });
    expect(entries.every((e) => e.investigator === 'Jane Roe' && e.osUser.length > 0)).toBe(true);

    const text = await exhibit(['log', '--workspace', dir]);
    expect(text.stdout).toMatch(/^#1 {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}Jane Roe \(.+\) {2}workspace\.created/m);

    // The browser program is set here (or in the desktop app), never through `exhibit serve`; a path that is no program changes nothing.
    const bad = await exhibit(['settings', '--workspace', dir, '--browser', '/no/such/chromium']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--browser: /no/such/chromium: no such file. Nothing was changed.');
    const browser = await exhibit(['settings', '--workspace', dir, '--browser', process.execPath, '--json']);
    expect(browser.code).toBe(0);
    expect(JSON.parse(browser.stdout)).toMatchObject({ browserPath: process.execPath });
  });

  it('EXHIBIT_WORKSPACE chooses the workspace, --workspace overrides it, and the default is the app-data folder', async () => {
    const fromEnv = join(tempDir(), 'env-ws');
    expect((await exhibit(['init'], { EXHIBIT_WORKSPACE: fromEnv })).code).toBe(0);
    expect(existsSync(join(fromEnv, 'exhibit-workspace.json'))).toBe(true);

    const fromFlag = join(tempDir(), 'flag-ws');
    expect((await exhibit(['init', '--workspace', fromFlag], { EXHIBIT_WORKSPACE: fromEnv })).code).toBe(0);
    expect(existsSync(join(fromFlag, 'exhibit-workspace.json'))).toBe(true);

    const config = tempDir();
    const r = await exhibit(['init', '--json'], { XDG_CONFIG_HOME: config, HOME: config });
    expect(r.code).toBe(0);
    const expected = process.platform === 'linux' ? join(config, 'Exhibit', 'workspace') : undefined;
    if (expected) expect((JSON.parse(r.stdout) as { workspace: string }).workspace).toBe(expected);
  });
});
