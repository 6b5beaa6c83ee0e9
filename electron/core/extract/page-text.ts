import type { CheerioAPI } from 'cheerio';
import { within } from './dom.js';
import { cleanText } from './text.js';

const TEXT_CAP = 200_000;

/**
 * The title and the text a visitor sees, as the blocked-page check reads
 * them from a live page (document.title, body.innerText): scripts, styles
 * and templates are not text.
 */
export function visiblePage($: CheerioAPI): { title: string; text: string } {
  const title = cleanText($('title').first().text()) ?? '';
  const body = $('body').first();
  if (!body.length) return { title, text: '' };
  const copy = body.clone();
  within(copy, 'script, style, noscript, template').remove();
  return { title, text: copy.text().slice(0, TEXT_CAP).replace(/\s+/g, ' ').trim() };
}
