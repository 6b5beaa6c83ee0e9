import type { CheerioAPI } from 'cheerio';
import { cleanText } from './text.js';

/** A cheerio selection, whatever it holds. */
export type Nodes = ReturnType<CheerioAPI>;

/**
 * Descendants of `nodes` matching `selector`. Cheerio's own find() hands
 * css-select the element's children as the context, and css-select dedupes
 * that list in quadratic time: an element with 100,000 children took
 * minutes. Anchored with :scope, the context is the element itself.
 */
export function within(nodes: Nodes, selector: string): Nodes {
  return nodes.find(splitSelectorList(selector).map((s) => `:scope ${s}`).join(', '));
}

/** "a, b[title='x,y']" → ["a", "b[title='x,y']"]: commas inside brackets, parentheses or quotes do not split. */
function splitSelectorList(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

const HIDDEN = 'script, style, noscript, template';

/** What a reader sees of an element: its text without the scripts and styles inside it. */
export function textOf(nodes: Nodes): string | null {
  const el = nodes.first();
  if (!el.length) return null;
  if (!within(el, HIDDEN).length) return cleanText(el.text());
  const copy = el.clone();
  within(copy, HIDDEN).remove();
  return cleanText(copy.text());
}

/** The first selector whose first match has text, with the selector that found it. */
export function firstText($: CheerioAPI, selectors: readonly string[]): { value: string; selector: string } | null {
  for (const selector of selectors) {
    for (const el of $(selector).toArray().slice(0, 20)) {
      const value = textOf($(el));
      if (value) return { value, selector };
    }
  }
  return null;
}

/** The first selector whose match carries the attribute, non-empty. */
export function firstAttr($: CheerioAPI, selectors: readonly string[], attr: string): { value: string; selector: string } | null {
  for (const selector of selectors) {
    for (const el of $(selector).toArray().slice(0, 50)) {
      const value = cleanText($(el).attr(attr));
      if (value) return { value, selector };
    }
  }
  return null;
}

const SCRIPT_CAP = 4_000_000;

/**
 * The bodies of inline scripts, where marketplaces keep their page state
 * (window.runParams, g_config, __NEXT_DATA__). JSON-LD is left to the
 * generic layer; a page's scripts are capped so a hostile page cannot make
 * every later search slow.
 */
export function inlineScripts($: CheerioAPI): string[] {
  const cached = scriptCache.get($);
  if (cached) return cached;
  const out: string[] = [];
  let total = 0;
  for (const el of $('script:not([src])').toArray()) {
    const type = ($(el).attr('type') ?? '').toLowerCase();
    if (type === 'application/ld+json' || (type && !/javascript|json|module/.test(type))) continue;
    const body = $(el).text();
    if (!body.trim()) continue;
    const room = SCRIPT_CAP - total;
    if (room <= 0) break;
    const kept = body.length > room ? body.slice(0, room) : body;
    out.push(kept);
    total += kept.length;
  }
  scriptCache.set($, out);
  return out;
}

/** Several marketplace modules look for their marks in the same scripts: collect them once per page. */
const scriptCache = new WeakMap<CheerioAPI, string[]>();
