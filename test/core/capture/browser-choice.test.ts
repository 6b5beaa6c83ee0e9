import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBrowserPath } from '../../../electron/core/capture/browser/check-browser-path.js';
import { findBrowser } from '../../../electron/core/capture/browser/find-browser.js';
import { tempDir } from '../../helpers/tmp.js';

describe('the browser captures use', () => {
  it('a path typed in Settings is the full path of a program that exists and can be run, or is refused with the reason', async () => {
    const dir = tempDir();
    const program = join(dir, 'chromium');
    writeFileSync(program, '#!/bin/sh\n');
    chmodSync(program, 0o755);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a program');
    chmodSync(text, 0o644);
    mkdirSync(join(dir, 'Chrome.app'));
    expect(await checkBrowserPath(program, 'linux')).toEqual({ ok: true, value: program });
    expect(await checkBrowserPath('chromium', 'linux')).toEqual({ ok: false, error: "chromium: give the full path of the browser's program (e.g. /usr/bin/chromium)." });
    expect(await checkBrowserPath(join(dir, 'nothing-here'), 'linux')).toEqual({ ok: false, error: `${join(dir, 'nothing-here')}: no such file.` });
    expect(await checkBrowserPath(join(dir, 'Chrome.app'), 'darwin')).toMatchObject({ ok: false, error: expect.stringMatching(/is a folder: give the browser's program inside it \(e\.g\. \/Applications\/Google Chrome\.app\/Contents\/MacOS\/Google Chrome\)/) as unknown });
    expect(await checkBrowserPath(text, 'linux')).toEqual({ ok: false, error: `${text} is not an executable program.` });
  });

  it('what is given for the run goes first, then the workspace’s choice, then one found on the machine', () => {
    const dir = tempDir();
    const chosen = join(dir, 'chosen');
    const flag = join(dir, 'flag');
    writeFileSync(chosen, '');
    writeFileSync(flag, '');
    expect(findBrowser(undefined, {}, () => undefined, 'linux', chosen)).toEqual({ ok: true, value: { path: chosen, source: 'settings' } });
    expect(findBrowser(flag, {}, () => undefined, 'linux', chosen)).toEqual({ ok: true, value: { path: flag, source: 'flag' } });
    expect(findBrowser(undefined, { EXHIBIT_CHROMIUM: flag }, () => undefined, 'linux', chosen)).toEqual({ ok: true, value: { path: flag, source: 'env' } });
    const gone = join(dir, 'gone');
    expect(findBrowser(undefined, {}, () => chosen, 'linux', gone)).toEqual({ ok: false, error: `The browser chosen in Settings, ${gone}, is no longer there: choose another in Settings, or clear it to let Exhibit find one.` });
    expect(findBrowser(undefined, {}, () => chosen, 'linux', '')).toEqual({ ok: true, value: { path: chosen, source: 'playwright' } });
  });
});
