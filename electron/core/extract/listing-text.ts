import { load, type CheerioAPI } from 'cheerio/slim';
import { within, type Nodes } from './dom.js';
import { nestsTooDeep } from './nesting.js';
import { normaliseSpace } from './text.js';

/**
 * The text a seller wrote on a listing (its title and description), read
 * from the page's main content: what the marketplace puts on every page
 * (navigation, header, footer, side bars, its guarantees and shipping
 * boilerplate) is not the seller's and must not make two sellers look alike
 * (#20). Where the marketplace keeps the description in a known block, only
 * that block and the title are read; otherwise the page's main landmark (or
 * its body) with the page frame and its landmarks taken out. Pure.
 */

/** The marketplace's own blocks, never the seller's words, wherever they sit. */
const FRAME = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'header',
  'nav',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="search"]',
  '[aria-hidden="true"]',
  '[hidden]',
  // Amazon's page frame and eBay's shared panels (shipping, returns, guarantees).
  '#navbar',
  '#nav-belt',
  '#navFooter',
  '#rhf',
  '.x-shipping-returns-payments',
  '.ux-section--shippingReturnsPayments',
  '.vim-shipping',
  '.x-money-back-guarantee',
  '.x-about-this-item',
  '[data-marketplace-shared]',
].join(', ');

/** Where the seller's own description sits, by marketplace: read first, with the title. */
const DESCRIPTION_BLOCKS = [
  '#desc',
  '#viTabs_0_is',
  '.x-item-description',
  '[data-testid="x-item-description-child"]',
  '#productDescription',
  '#feature-bullets',
  '#aplus',
  '.product-description',
  '#product-description',
  '[data-product-details-description-text-content]',
  '#J_DivItemDesc',
  '.description',
  '[itemprop="description"]',
];

const TITLE_BLOCKS = ['#productTitle', '.x-item-title__mainTitle', '[data-pl="product-title"]', 'h1'];

const MAIN = ['main', '[role="main"]', '#main-content', '#mainContent', '#main', 'article'];

/** Read this far: contact details and descriptions sit well inside it. */
const TEXT_CAP = 50_000;

export interface ListingText {
  text: string;
  /** where it was read: the description block's selector, or the main content's, or 'body' */
  from: string;
}

export function listingText(html: string): ListingText {
  if (nestsTooDeep(html)) return { text: '', from: 'none (nested too deep to read)' };
  const $ = load(html);
  const body = $('body').first();
  if (!body.length) return { text: '', from: 'none' };
  const copy = body.clone();
  within(copy, FRAME).remove();
  const title = firstOf($, copy, TITLE_BLOCKS);
  const selector = DESCRIPTION_BLOCKS.find((s) => within(copy, s).length > 0);
  if (selector !== undefined) {
    const blocks = within(copy, selector)
      .toArray()
      .slice(0, 20)
      .map((el) => textIn($, $(el)));
    return { text: cap([title?.text ?? '', ...blocks].filter(Boolean).join('\n')), from: selector };
  }
  for (const main of MAIN) {
    const el = within(copy, main).first();
    if (el.length) return { text: cap(textIn($, el)), from: main };
  }
  return { text: cap(textIn($, copy)), from: 'body' };
}

function firstOf($: CheerioAPI, nodes: Nodes, selectors: readonly string[]): { text: string; selector: string } | null {
  for (const selector of selectors) {
    const el = within(nodes, selector).first();
    const text = el.length ? textIn($, el) : '';
    if (text) return { text, selector };
  }
  return null;
}

const BLOCK = 'p, div, li, br, h1, h2, h3, h4, h5, h6, tr, dd, dt, section, article, address, table';

/** An element's text with a line break after each block, as a browser lays it out, so words in adjacent blocks do not run together. */
function textIn($: CheerioAPI, el: Nodes): string {
  const copy = el.clone();
  within(copy, BLOCK).each((_i, node) => {
    $(node).after('\n');
  });
  return copy
    .text()
    .split('\n')
    .map((l) => normaliseSpace(l))
    .filter(Boolean)
    .join('\n');
}

const cap = (s: string) => s.slice(0, TEXT_CAP);
