import type { LabelRule } from './seller-profile-fields.js';

/**
 * Where a marketplace lays out a seller's trader details, and the labels it
 * writes them under that would be too loose on any other page ("Name",
 * 名称). A reader applies to any page that holds one of its blocks, or on
 * its own hosts to the section under one of its headings (a page saved elsewhere, a test shop); its blocks are
 * read together, so a store's "Store info" and its "Trader information"
 * make one profile.
 */
export interface ProfileReader {
  id: string;
  host: RegExp;
  /** the blocks holding trader details, most telling first */
  blocks: readonly string[];
  /** on its own hosts, the heading a block of trader details stands under, when no block is found by its selector */
  heading: RegExp;
  /** read before the general labels, within this reader's blocks (or the whole page on its own hosts) */
  labels: readonly LabelRule[];
  /** the country a phone number or registration is read in when the page names none */
  country?: string;
}

const ESTABLISHED = /^(established|established date|date established|date of establishment|open since|opened)$/i;

/**
 * AliExpress store pages (/store/NNN): the "Store info" box (store number,
 * open since), the "Trader information" block it shows EU buyers (Name,
 * Address, Email, Phone number, VAT number, Registration number), and the
 * business licence (credential) page with the company's registration.
 */
export const aliexpressProfile: ProfileReader = {
  id: 'aliexpress',
  host: /(?:^|\.)aliexpress\.(?:com|us|ru)$/,
  blocks: ['[data-spm="trader-info"]', '.store-trader-info', '.business-license-info', '[class*="storeInfo--"]', '.store-info-wrap'],
  heading: /^(trader information|business information|business licen[cs]e|store info)$/i,
  labels: [
    ['businessName', /^(name|company|business licen[cs]e name)$/i],
    ['company', /^(unified social credit code|business licen[cs]e(?: number| no\.?)?|licen[cs]e number)$/i],
    ['storeNumber', /^(store (?:no\.?|number|id))$/i],
    ['established', ESTABLISHED],
  ],
};

/**
 * Taobao and Tmall shops: the business licence (营业执照) block of the shop's
 * qualification page, in Chinese. The unified social credit code is the
 * company's registration number; an individual's shop names its operator
 * (经营者) instead of a company.
 */
export const taobaoProfile: ProfileReader = {
  id: 'taobao',
  host: /(?:^|\.)(?:taobao\.com|tmall\.(?:com|hk))$/,
  blocks: ['#J_ShopLicense', '.shop-license', '.license-info', '[class*="licenseInfo--"]'],
  heading: /^(营业执照(?:信息)?|工商(?:执照|信息)|企业信息|经营者信息|店铺资质)$/,
  labels: [
    ['businessName', /^(企业名称|公司名称|名称|经营者|经营者名称)$/],
    ['company', /^(统一社会信用代码|营业执照注册号|注册号|信用代码)$/],
    ['address', /^(地址|住所|企业地址|营业场所|经营场所|经营地址|联系地址)$/],
    ['phone', /^(联系电话|电话|客服电话)$/],
    ['email', /^(电子邮箱|邮箱|联系邮箱)$/],
    ['established', /^(成立日期|成立时间)$/],
  ],
  country: 'CN',
};

/** Etsy shop pages (/shop/NAME): the trader block an EU seller fills in ("Seller details", "Legal imprint"). */
export const etsyProfile: ProfileReader = {
  id: 'etsy',
  host: /(?:^|\.)etsy\.com$/,
  blocks: ['[data-region="seller-details"]', '[data-region="legal-imprint"]', '#legal-imprint', '.shop-legal-imprint'],
  heading: /^(seller details|trader details|legal imprint|seller information)$/i,
  labels: [
    ['businessName', /^(name|seller name|shop owner)$/i],
    ['established', /^(on etsy since|established)$/i],
  ],
};

export const PROFILE_READERS: readonly ProfileReader[] = [aliexpressProfile, taobaoProfile, etsyProfile];
