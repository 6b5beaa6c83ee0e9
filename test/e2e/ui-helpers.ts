import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { findBrowser } from '../../electron/core/capture/browser/find-browser.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_BUILD = join(ROOT, 'dist', 'renderer');
const SHOTS = join(ROOT, 'test-output', 'ui');

/** The newest modification time under a folder. */
function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

/** Builds the UI when it is missing or older than its sources: the test drives what the sources say. */
export function ensureRendererBuilt(): string {
  const index = join(RENDERER_BUILD, 'index.html');
  const src = join(ROOT, 'renderer');
  const stale = !existsSync(index) || Math.max(newest(join(src, 'src')), newest(join(src, 'index.html')), newest(join(src, 'vite.config.ts'))) > statSync(index).mtimeMs;
  if (stale) execFileSync('npx', ['vite', 'build', 'renderer', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  return RENDERER_BUILD;
}

export function browserPath(): string | undefined {
  const found = findBrowser(undefined);
  return found.ok ? found.value.path : undefined;
}

export async function launch(): Promise<Browser> {
  const executablePath = browserPath();
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page that fails the test on any script error or CSP violation the UI causes. */
export async function openUi(browser: Browser, url: string, locale = 'en-GB'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** test-output/ui/NN-name.png, for a person to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Closes what a UI test opened, in the order given; what was never opened (its beforeAll failed early) is passed over. */
export async function closeInOrder(...opened: ({ close(): Promise<unknown> } | null | undefined)[]): Promise<void> {
  for (const o of opened) await o?.close();
}

/** Goes to one of the app's routes (a hash), as following a link does. */
export function goTo(page: Page, hash: string): Promise<unknown> {
  return page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}
