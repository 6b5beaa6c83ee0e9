import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright';
import { ROOT, shot } from './ui-helpers.js';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The two window sizes issue 18 asks every screen to work at: a common laptop, and the smallest supported. */
export const WIDE = { width: 1366, height: 900 };
export const NARROW = { width: 1024, height: 700 };

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

/*
 * What a user finds wrong with the tables on the screen, run in the page:
 * - the page itself scrolls sideways (something is wider than the window);
 * - a table is wider than the box that shows it, so its last columns are cut
 *   off or need a sideways scroll to be seen (at 1024 px every column must
 *   be on screen), or it runs past the card that holds it;
 * - a column header's words wrap to more than three lines (a word broken
 *   letter by letter, or a column too narrow for its name), or run past
 *   their column;
 * - a word of the language is broken across lines (letter-by-letter
 *   wrapping of a column too narrow for its words);
 * - a cell's text runs into the next column;
 * - a cell's text is cut (clipped, with or without an ellipsis) and can be
 *   read whole neither on hover (a title) nor with the keyboard (the cut
 *   element, or an element in it, can take focus).
 */
const FIT = `(() => {
  const out = [];
  const de = document.documentElement;
  // Laid out and drawn: not hidden, and not in a closed <details>.
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && e.checkVisibility({ visibilityProperty: true }); };
  const words = (e) => (e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
  const named = (t) => {
    const region = t.closest('[aria-label],[aria-labelledby]');
    const byId = region && region.getAttribute('aria-labelledby') ? document.getElementById(region.getAttribute('aria-labelledby').split(' ')[0]) : null;
    const name = t.getAttribute('aria-label') || (t.caption && words(t.caption)) || (region && (region.getAttribute('aria-label') || (byId && words(byId)))) || '';
    return 'table' + (t.className ? '.' + String(t.className).trim().split(/\\s+/).join('.') : '') + (name ? ' "' + name + '"' : '');
  };
  if (de.scrollWidth > de.clientWidth + 1) out.push('the page scrolls sideways: ' + de.scrollWidth + ' px wide in a ' + de.clientWidth + ' px window');
  const clips = (e) => /hidden|clip/.test(getComputedStyle(e).overflowX);
  const focusable = (e) => e.matches('a[href],button,input,select,textarea,[tabindex]:not([tabindex="-1"])') || !!e.querySelector('a[href],button,input,select,textarea,[tabindex]:not([tabindex="-1"])');
  for (const t of document.querySelectorAll('table')) {
    if (!shown(t)) continue;
    let box = t.parentElement;
    while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
    const room = box && box !== document.body ? box.clientWidth : de.clientWidth;
    if (t.offsetWidth > room + 1) out.push(named(t) + ' is ' + t.offsetWidth + ' px wide in ' + room + ' px: its last columns are off screen');
    else if (t.getBoundingClientRect().right > t.parentElement.getBoundingClientRect().right + 1) out.push(named(t) + ' runs ' + Math.round(t.getBoundingClientRect().right - t.parentElement.getBoundingClientRect().right) + ' px past the box that holds it');
    for (const th of t.querySelectorAll('thead th')) {
      if (!shown(th)) continue;
      // Each run of words on its own: a header that holds a name and a note under it is two runs, not one long wrap.
      const walk = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        if (!n.textContent.trim()) continue;
        const s = getComputedStyle(n.parentElement);
        const line = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.3;
        const run = document.createRange();
        run.selectNodeContents(n);
        const high = run.getBoundingClientRect().height;
        if (high > line * 3.5) out.push(named(t) + ': header "' + words(th) + '" wraps to ' + Math.round(high / line) + ' lines');
      }
      if (th.scrollWidth > th.clientWidth + 1) out.push(named(t) + ': header "' + words(th) + '" runs past its column');
    }
    // A word of the language broken across lines: a column too narrow for its words (ids, hashes and addresses may break, words may not).
    const walk = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.parentElement || !shown(n.parentElement) || n.parentElement.closest('code, .hash, .mono')) continue;
      // Words only: a run between spaces that is letters (hyphens apart) once its punctuation is off, not an address or an id.
      const runs = [...n.textContent.matchAll(/\\S+/g)].filter((m) => /^[(«"'“‘]*[\\p{L}’'-]+[)»"'”’.,;:!?…]*$/u.test(m[0]));
      for (const w of runs) for (const m of w[0].matchAll(/\\p{L}{4,}/gu)) {
        const word = document.createRange();
        word.setStart(n, w.index + m.index);
        word.setEnd(n, w.index + m.index + m[0].length);
        const lines = new Set([...word.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) {
          out.push(named(t) + ': the word "' + m[0] + '" is broken across ' + lines.size + ' lines');
          break;
        }
      }
    }
    for (const c of t.querySelectorAll('td, tbody th')) {
      if (shown(c) && !clips(c) && c.scrollWidth > c.clientWidth + 1) out.push(named(t) + ': "' + words(c) + '" runs into the next column');
    }
    for (const e of t.querySelectorAll('td, td *, tbody th, tbody th *')) {
      // A field's own text scrolls inside it: not cut.
      if (e.matches('input, textarea, select') || !shown(e) || !clips(e) || e.scrollWidth <= e.clientWidth + 1) continue;
      if (e.tagName === 'TD' || e.tagName === 'TH') {
        // A clipping cell matters only if what it holds is cut, not a child that cuts itself cleanly.
        const inner = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!inner && [...e.children].every((c) => c.getBoundingClientRect().right <= e.getBoundingClientRect().right + 1)) continue;
      }
      const cell = e.closest('td, th');
      let titled = false;
      for (let a = e; a && a !== cell.parentElement; a = a.parentElement) if (a.getAttribute('title')) titled = true;
      if (!titled || !focusable(e)) out.push(named(t) + ': "' + words(e) + '" is cut ' + (titled ? 'and cannot be reached with the keyboard' : 'with no full text on hover'));
    }
  }
  return [...new Set(out)];
})()`;

/** What a user would find wrong with the tables and the page's width on the screen as it is: see FIT. */
export async function fitProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(FIT)) as string[];
}

/** Two frames: the layout after a resize has been made and painted. */
const settled = (page: Page) => page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');

/**
 * A screen looked at as a user would, at 1366 × 900 and at 1024 × 700: a
 * screenshot at each (`name`, `name-1024`) for a person to look at, and
 * axe-core's serious and critical findings and the tables' fit problems
 * (fitProblems) at each, named after the screenshot, added to `found`: a test
 * file ends by expecting none on any screen it visited. `show`: the part of
 * the screen the screenshots are about, scrolled into view at each size. The
 * window is given back at the size it had.
 */
export async function lookAt(page: Page, name: string, found: string[], show?: Locator): Promise<void> {
  const before = page.viewportSize();
  for (const [size, suffix] of [
    [WIDE, ''],
    [NARROW, '-1024'],
  ] as const) {
    await page.setViewportSize(size);
    await settled(page);
    await show?.scrollIntoViewIfNeeded();
    await shot(page, `${name}${suffix}`);
    for (const p of [...(await axeProblems(page)), ...(await fitProblems(page))]) found.push(`${name}${suffix}: ${p}`);
  }
  if (before && (before.width !== NARROW.width || before.height !== NARROW.height)) {
    await page.setViewportSize(before);
    await settled(page);
  }
}
