import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { ROOT, shot } from './ui-helpers.js';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical findings on the page as it is now, each
 * with where: what a screen-reader or keyboard user would trip on. Run
 * through the DevTools protocol, so the app's CSP stays as it is.
 */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  // A string, run in the page: the test's own types know no DOM.
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as Violation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * A screenshot for a person to look at, and axe-core's serious and critical
 * findings on the screen as it is, each named after the screenshot, added to
 * `found`: a test file ends by expecting none on any screen it visited.
 */
export async function lookAt(page: Page, name: string, found: string[]): Promise<void> {
  await shot(page, name);
  for (const p of await axeProblems(page)) found.push(`${name}: ${p}`);
}
