import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { exhibit } from '../helpers/cli.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { startSntpServer, type SntpServer } from '../helpers/sntp-server.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';
import { lookAt } from './axe.js';
import { browserPath, ensureRendererBuilt, launch, openUi, goTo } from './ui-helpers.js';

/*
 * Trusted time through the UI, end to end: a workspace set up with the real
 * `exhibit` command to ask only a real RFC 3161 authority on 127.0.0.1 (no
 * internet) and an SNTP server whose clock runs 5 s ahead of this machine's;
 * one capture made while the authority answers, one while it is down. Then
 * `exhibit serve` over that workspace, driven in real Chromium: what each
 * capture's page says about its times, Stamp now, and the authorities,
 * NTP servers and the key's stamp in Settings.
 */

const TSA_NAME = 'UI Test TSA';

let browser: Browser;
let site: FixtureServer;
let tsa: Tsa;
let sntp: SntpServer;
let dir: string;
let ws: Workspace;
let served: Served;
let page: Page;
let problems: string[];
const a11y: string[] = [];
let stampedId: string;
let stampedSerial: string;
let pendingId: string;

interface CapturedJson {
  id: string;
  outcome: string;
  timestamps: { status: string; authority: string | null; serial: string | null }[];
}

async function capture(): Promise<CapturedJson> {
  const r = await exhibit(['capture', site.url('/listing'), '--workspace', dir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const [c] = JSON.parse(r.stdout) as CapturedJson[];
  expect(c!.outcome).toBe('complete');
  return c!;
}

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  [browser, site, tsa, sntp] = await Promise.all([launch(), startFixtureServer(), startTsa({ name: TSA_NAME }), startSntpServer({ offsetMs: 5000 })]);
  dir = join(suiteTempDir(), 'ws');
  expect((await exhibit(['init', '--workspace', dir, '--investigator', 'Jane Roe', '--organisation', 'Acme Legal'])).code).toBe(0);
  // The default authorities are on the internet: not reachable here.
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) expect((await exhibit(['tsa', 'remove', url, '--workspace', dir])).code).toBe(0);
  const rootFile = join(suiteTempDir(), 'root.pem');
  writeFileSync(rootFile, tsa.rootPem);
  expect((await exhibit(['tsa', 'add', tsa.url, '--root', rootFile, '--name', TSA_NAME, '--workspace', dir])).code).toBe(0);
  expect((await exhibit(['settings', '--ntp-servers', sntp.address, '--workspace', dir])).code).toBe(0);

  const stamped = await capture();
  expect(stamped.timestamps).toEqual([expect.objectContaining({ status: 'stamped', authority: TSA_NAME })]);
  stampedId = stamped.id;
  stampedSerial = stamped.timestamps[0]!.serial!;
  tsa.setMode('down');
  const pending = await capture();
  expect(pending.timestamps).toEqual([expect.objectContaining({ status: 'pending' })]);
  pendingId = pending.id;

  const opened = await Workspace.open(dir);
  if (!opened.ok) throw new Error(`open failed: ${opened.error.kind}`);
  ws = opened.value;
  const browser_ = browserPath();
  served = await startServe(ws, { rendererDir, ...(browser_ ? { browserPath: browser_ } : {}) });
  ({ page, problems } = await openUi(browser, served.url));
}, 240_000);
afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await served?.close();
  await ws?.close();
  await Promise.all([site?.close(), tsa?.close(), sntp?.close()]);
});

const go = (hash: string) => goTo(page, hash);
const text = async (locator: ReturnType<Page['locator']>) => ((await locator.textContent()) ?? '').replace(/[ \t\r\n]+/g, ' ');

describe('trusted time through the UI', { timeout: 120_000 }, () => {
  // Each case starts in English, even after a French one failed half-way.
  afterEach(async () => {
    if ((await page.locator('html').getAttribute('lang')) === 'fr') await page.getByRole('button', { name: 'EN', exact: true }).click();
  });

  it('a stamped capture states both times, what the token proves and no more, the clock check and its warning', async () => {
    await go(`#/capture/${encodeURIComponent(stampedId)}`);
    const panel = page.getByRole('region', { name: 'Time-stamp', exact: true });
    await panel.waitFor();
    await panel.getByTestId('stamp-token').waitFor();
    const token = await text(panel.getByTestId('stamp-token'));
    expect(token).toMatch(new RegExp(`^existed no later than \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC \\(${TSA_NAME}, serial ${stampedSerial}\\)`));
    expect(token).toMatch(/local time .+ · \d+\.\d s (before|after) the machine’s time · token file timestamp-1\.tsr/);
    // The authority here runs on this machine's clock (the NTP server is the one 5 s off): its time falls seconds from the machine's, not 5 s more.
    expect(token).toMatch(/ \d\.\d s (before|after) the machine’s time/);
    expect(await text(panel)).not.toMatch(/captured at|pending/i);
    expect(await panel.locator('.stamp-badge').textContent()).toBe('stamped');
    expect(await text(panel.getByTestId('clock-check'))).toMatch(/^Machine clock checked against NTP server 127\.0\.0\.1:\d+: [45]\.\d{3} s behind \(round trip \d+ ms\)$/);
    const warning = panel.getByTestId('clock-warning');
    expect(await warning.isVisible()).toBe(true);
    expect(await text(warning)).toMatch(/^Warning: the machine’s clock was [45]\.\d s behind 127\.0\.0\.1:\d+ \(NTP\) when this capture session began/);
    // The warning is amber, as the other warnings are.
    expect(await warning.evaluate((e) => (e.ownerDocument.defaultView as { getComputedStyle(el: unknown): { color: string } }).getComputedStyle(e).color)).toBe('rgb(138, 90, 0)');
    expect(await text(panel)).toContain('Machine’s clock, end of capture');
    await lookAt(page, '50-capture-timestamp', a11y, panel);
  });

  it('says the same in French', async () => {
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Horodatage', exact: true });
    await panel.waitFor();
    const token = await text(panel.getByTestId('stamp-token'));
    expect(token).toMatch(new RegExp(`^existait au plus tard le \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC \\(${TSA_NAME}, numéro de série ${stampedSerial}\\)`));
    expect(token).toMatch(/heure locale .+ · \d,\d s (avant|après) l’heure de la machine · fichier du jeton timestamp-1\.tsr/);
    expect(await text(panel.getByTestId('clock-check'))).toMatch(/^Horloge de la machine vérifiée auprès du serveur NTP 127\.0\.0\.1:\d+\u202f: en retard de [45],\d{3} s \(aller-retour \d+ ms\)$/);
    expect(await text(panel.getByTestId('clock-warning'))).toMatch(/^Attention\u202f: l’horloge de la machine retardait de [45],\d s sur 127\.0\.0\.1:\d+ \(NTP\) au début de cette session de capture/);
    expect(await panel.locator('.stamp-badge').textContent()).toBe('horodatée');
    // No English left in the panel's own words.
    expect(await text(panel)).not.toMatch(/existed|Machine’s clock|Warning|behind|token file|round trip/);
    await lookAt(page, '51-capture-timestamp-fr', a11y, panel);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('region', { name: 'Time-stamp', exact: true }).waitFor();
  });

  it('a capture made while the authority was down says pending, claims no time, and Stamp now stamps it', async () => {
    tsa.setMode('down');
    try {
      await pendingThenStamped();
    } finally {
      tsa.setMode('ok');
    }
  });

  async function pendingThenStamped(): Promise<void> {
    await go(`#/capture/${encodeURIComponent(pendingId)}`);
    const panel = page.getByRole('region', { name: 'Time-stamp', exact: true });
    await panel.getByTestId('stamp-pending').waitFor();
    const shown = await text(panel);
    expect(shown).toContain('Time-stamp pending');
    expect(shown).not.toContain('existed no later than');
    expect(shown).not.toMatch(/\bstamped\b/);
    expect(await panel.locator('.stamp-badge').textContent()).toBe('pending');
    expect(await text(panel.getByTestId('stamp-pending'))).toMatch(/queued \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; \d+ attempts? so far · last error: .+/);
    await lookAt(page, '52-capture-stamp-pending', a11y, panel);

    // Still down: Stamp now says so, and the capture stays pending.
    await panel.getByRole('button', { name: 'Stamp now' }).click();
    await panel.getByRole('status').getByText('No time-stamp received; 1 still pending.').waitFor({ timeout: 70_000 });
    expect(await text(panel.locator('.stamp-failures'))).toBe(`${tsa.url}: cannot be reached: connection refused`);
    expect(await text(panel)).not.toContain('existed no later than');
    await lookAt(page, '53-capture-stamp-still-pending', a11y);

    tsa.setMode('ok');
    await panel.getByRole('button', { name: 'Stamp now' }).click();
    await panel.getByTestId('stamp-token').waitFor({ timeout: 70_000 });
    expect(await text(panel.getByTestId('stamp-token'))).toMatch(new RegExp(`^existed no later than .+ UTC \\(${TSA_NAME}, serial \\w+\\)`));
    expect(await text(panel)).not.toContain('pending');
    expect(await panel.locator('.stamp-badge').textContent()).toBe('stamped');
    await lookAt(page, '54-capture-stamped-now', a11y, panel);
  }

  it('Settings lists the authority with its root, refuses a bad one and changes nothing, adds and removes another, shows the key’s stamp', async () => {
    await go('#/settings');
    const card = page.getByRole('region', { name: 'Trusted time' });
    await card.waitFor();
    const list = card.getByRole('list', { name: 'Time-stamping authorities' });
    await list.waitFor();
    const items = list.locator(':scope > li');
    expect(await items.count()).toBe(1);
    const first = await text(items.first());
    expect(first).toContain(TSA_NAME);
    expect(first).toContain(tsa.url);
    expect(first).toContain(`${TSA_NAME} Root CA`);
    expect(first).toContain(new X509Certificate(tsa.rootPem).fingerprint256.replace(/:/g, '').toLowerCase());

    expect(await text(card.getByTestId('key-stamp'))).toMatch(new RegExp(`^Key first time-stamped: existed no later than .+ UTC \\(${TSA_NAME}, serial \\w+\\)$`));
    expect(await text(card.getByTestId('pending-stamps'))).toBe('Nothing is waiting for a time-stamp.');
    expect(await card.getByLabel('NTP servers').inputValue()).toBe(sntp.address);
    await lookAt(page, '55-settings-trusted-time', a11y, card);

    const form = card.getByRole('form', { name: 'Add an authority' });
    await form.getByLabel('Address (http:// or https://)').fill('ftp://x.example/');
    await form.getByRole('button', { name: 'Add authority' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await text(refusal)).toMatch(/Not a time-stamping authority's address: "ftp:\/\/x\.example\/" \(ftp is not http or https\).*Nothing was changed\./);
    expect(await items.count()).toBe(1);
    await lookAt(page, '56-settings-authority-refused', a11y, form);

    await form.getByLabel('Address (http:// or https://)').fill('https://tsa.example.com/tsr');
    await form.getByLabel('Name (optional)').fill('Spare TSA');
    await form.getByRole('button', { name: 'Add authority' }).click();
    await form.getByRole('status').getByText('Added.').waitFor();
    expect(await form.getByRole('alert').count()).toBe(0);
    await expect.poll(() => items.count()).toBe(2);
    expect(await text(items.nth(1))).toMatch(/Spare TSA https:\/\/tsa\.example\.com\/tsr.*built-in roots only/);
    await lookAt(page, '57-settings-authority-added', a11y);
    await card.getByRole('button', { name: 'Remove Spare TSA' }).click();
    await expect.poll(() => items.count()).toBe(1);
    expect(await text(items.first())).toContain(TSA_NAME);
    // Stored, not just shown: the API lists the same.
    const stored = await exhibit(['tsa', 'list', '--workspace', dir, '--json']);
    expect((JSON.parse(stored.stdout) as { url: string }[]).map((a) => a.url)).toEqual([tsa.url]);

    const ntp = card.getByLabel('NTP servers');
    await ntp.fill('ntp.example.org:notaport');
    await card.getByRole('button', { name: 'Save NTP servers' }).click();
    await card.locator('.ntp-servers').getByRole('alert').waitFor();
    expect(await text(card.locator('.ntp-servers').getByRole('alert'))).toMatch(/NTP servers: .*port must be a whole number.*Nothing was saved\./);
    expect((await ws.settings()).ntpServers).toBe(sntp.address);
    await ntp.fill(`${sntp.address}, pool.ntp.org`);
    await card.getByRole('button', { name: 'Save NTP servers' }).click();
    await card.locator('.ntp-servers').getByRole('status').getByText('Saved.').waitFor();
    expect((await ws.settings()).ntpServers).toBe(`${sntp.address}, pool.ntp.org`);
  });

  it('Settings in French', async () => {
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    const card = page.getByRole('region', { name: 'Horodatage' });
    await card.waitFor();
    expect(await text(card.getByTestId('key-stamp'))).toMatch(new RegExp(`^Clé horodatée pour la première fois\u202f: existait au plus tard le .+ UTC \\(${TSA_NAME}, numéro de série \\w+\\)$`));
    await card.getByRole('list', { name: 'Autorités d’horodatage' }).waitFor();
    await card.getByRole('button', { name: 'Ajouter l’autorité' }).waitFor();
    await lookAt(page, '58-settings-trusted-time-fr', a11y, card);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(problems).toEqual([]);
  });

  it('is clean of serious and critical axe-core findings, and its tables fit, on every screen it looked at', () => {
    expect(a11y).toEqual([]);
  });
});
