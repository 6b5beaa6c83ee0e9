import { source } from '../fields.js';
import type { Marketplace } from './marketplace.js';
import { CNY, itemIdOf, readFamilyListing, readFamilyStorefront, REACT_PRICE, REACT_SHOP, REACT_TITLE } from './taobao-family.js';

const HOST = /(?:^|\.)tmall\.(?:com|hk)$/;
/** Tmall's own hosts; any other NAME.tmall.com is a brand's or a shop's storefront. */
const SERVICE_HOSTS = /^(?:www|detail|list|chaoshi|pages|login|buyertrade|cart|s|m)\.tmall\.(?:com|hk)$/;

const LAYOUT = {
  title: ['.tb-detail-hd h1', '[data-spm="1000983"] h1', ...REACT_TITLE],
  price: ['#J_PromoPrice .tm-price', '.tm-promo-price .tm-price', '#J_StrPriceModBox .tm-price', '.tm-price', ...REACT_PRICE],
  shopName: ['a.slogo-shopname', '.slogo-shopname strong', '.slogo-shopname', '.shopLink', '.hd-shop-name a', ...REACT_SHOP],
};

export const tmall: Marketplace = {
  id: 'tmall',
  name: 'Tmall',

  recognise(url, $) {
    const host = url.hostname.toLowerCase();
    if (HOST.test(host)) return source('url', `host ${host}`);
    if (/\bTShop\.Setup\s*\(/.test($('script:not([src])').slice(0, 60).text())) return source('script', 'TShop.Setup');
    return null;
  },

  marketplaceKey: () => 'tmall',

  defaultCurrency: (url) => CNY(url.hostname.toLowerCase().endsWith('.hk') ? 'tmall.hk' : 'tmall.com'),

  extract($, url, generic) {
    const host = url.hostname.toLowerCase();
    if (HOST.test(host) && !SERVICE_HOSTS.test(host) && !itemIdOf(url)) return readFamilyStorefront($, url, ['.slogo-shopname strong', '.slogo-shopname', '.shop-name', 'h1'], null);
    return { fields: readFamilyListing($, url, generic, LAYOUT, this.defaultCurrency!(url)!), storefront: null };
  },
};
