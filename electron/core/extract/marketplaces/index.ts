import { alibaba } from './alibaba.js';
import { aliexpress } from './aliexpress.js';
import { amazon } from './amazon.js';
import { ebay } from './ebay.js';
import { etsy } from './etsy.js';
import type { Marketplace } from './marketplace.js';
import { shopify } from './shopify.js';
import { taobao } from './taobao.js';
import { tmall } from './tmall.js';
import { walmart } from './walmart.js';

export type { Marketplace, MarketplaceExtraction } from './marketplace.js';

/**
 * The marketplaces Exhibit knows. Adding one is one file in this folder
 * exporting a `Marketplace`, and one line here. Order matters only among
 * page marks (a host match always wins): Shopify, recognised by marks on any
 * host, comes last.
 */
export const MARKETPLACES: readonly Marketplace[] = [amazon, ebay, aliexpress, taobao, tmall, alibaba, etsy, walmart, shopify];
