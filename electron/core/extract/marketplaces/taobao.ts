import { source } from '../fields.js';
import type { Marketplace } from './marketplace.js';
import { CNY, readFamilyListing, readFamilyStorefront, REACT_PRICE, REACT_SHOP, REACT_TITLE, shopIdOfHost } from './taobao-family.js';

const HOST = /(?:^|\.)taobao\.com$/;

const LAYOUT = {
  title: ['.tb-main-title', '#J_Title h3', ...REACT_TITLE],
  price: ['#J_PromoPriceNum', '#J_StrPrice .tb-rmb-num', '.tb-rmb-num', '#J_StrPrice', ...REACT_PRICE],
  shopName: ['.tb-shop-name a', '.tb-shop-name', '.shop-name-link', '.shop-name a', '.tb-seller-name', ...REACT_SHOP],
};

export const taobao: Marketplace = {
  id: 'taobao',
  name: 'Taobao',

  recognise(url, $) {
    const host = url.hostname.toLowerCase();
    if (HOST.test(host)) return source('url', `host ${host}`);
    if (/\bg_config\b[\s\S]{0,2000}\bshopId\b/.test($('script:not([src])').slice(0, 60).text()) && $('.tb-main-title, #J_Title').length) return source('script', 'g_config');
    return null;
  },

  marketplaceKey: () => 'taobao',

  defaultCurrency: () => CNY('taobao.com'),

  extract($, url, generic) {
    const shopId = shopIdOfHost(url);
    if (shopId) return readFamilyStorefront($, url, ['.shop-name a', '.shop-name', '.shop-title', 'h1'], shopId);
    return { fields: readFamilyListing($, url, generic, LAYOUT, CNY('taobao.com')), storefront: null };
  },
};
