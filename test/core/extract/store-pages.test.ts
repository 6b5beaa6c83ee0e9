import { describe, expect, it } from 'vitest';
import { readPage } from '../../../electron/core/extract/extract-page.js';
import { readSellerProfile, type SellerProfile } from '../../../electron/core/extract/seller-profile.js';
import { STORE_PAGES } from '../../helpers/store-pages.js';

/* Trader details on AliExpress, Taobao/Tmall and Etsy store pages (#20), read off the test shop's pages. */

const values = (p: SellerProfile | null) => (p ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? v : v.value])) : null);
const page = (url: string) => ({ html: STORE_PAGES[url]!, url });

describe('store pages of AliExpress, Taobao/Tmall and Etsy', () => {
  it('an AliExpress store: its store info and the trader information it shows EU buyers, field by field', () => {
    const { html, url } = page('https://www.aliexpress.com/store/1102345678');
    const p = readSellerProfile(html, url);
    expect(values(p)).toEqual({
      storeNumber: '1102345678',
      established: 'Mar 12, 2019',
      businessName: 'Shenzhen Bright Technology Co., Ltd.',
      address: 'Room 1203, Building A, 18 Keji Road, Nanshan District, Shenzhen, Guangdong, China',
      email: 'service@bright-tech.cn',
      phone: '+86 755 8888 1234',
      vat: 'NL 8261.23.456.B01',
      company: '91440300MA5FQ2XK3L',
      country: 'CN',
    });
    // "Location: Guangdong, China" in the store box is not the trader's address.
    expect(p!.address!.source).toBe('[data-spm="trader-info"]: "Address"');
    expect(readPage(html, url).extraction).toMatchObject({ marketplace: 'aliexpress', kind: 'storefront', fields: { sellerId: { value: '1102345678' }, sellerName: { value: 'Bright Gadgets Store' } } });
  });

  it("an AliExpress store's business licence page is the same store's, and gives the company's registration", () => {
    const { html, url } = page('https://shoprenderview.aliexpress.com/credential/showcredential.htm?storeNum=1102345678');
    expect(values(readSellerProfile(html, url))).toEqual({
      businessName: 'Shenzhen Bright Technology Co., Ltd.',
      company: '91440300MA5FQ2XK3L',
      address: 'Room 1203, Building A, 18 Keji Road, Nanshan District, Shenzhen, Guangdong, China',
      established: '2017-05-08',
      country: 'CN',
    });
    expect(readPage(html, url).extraction).toMatchObject({ marketplace: 'aliexpress', kind: 'storefront', fields: { sellerId: { value: '1102345678', source: { detail: 'showcredential.htm?storeNum={id}' } } } });
  });

  it('a Tmall shop’s business licence, in Chinese; the rows not read (法定代表人, 登记机关) end the row before them', () => {
    const { html, url } = page('https://brightgadgets.tmall.com/');
    expect(values(readSellerProfile(html, url))).toEqual({
      businessName: '深圳明亮科技有限公司',
      company: '9144 0300 MA5F Q2XK 3L',
      address: '深圳市南山区科技路18号A座1203',
      phone: '0755-8888 1234',
      established: '2017-05-08',
      country: 'CN',
    });
    expect(readPage(html, url).extraction).toMatchObject({ marketplace: 'tmall', kind: 'storefront', fields: { sellerId: { value: '71234567' }, sellerName: { value: '明亮数码旗舰店' } } });
  });

  it("a Taobao individual's shop: the operator (经营者) is the trader", () => {
    const { html, url } = page('https://shop57300012.taobao.com/');
    expect(values(readSellerProfile(html, url))).toEqual({ businessName: '王芳', company: '92330110MA2H7YXX1Q', address: '浙江省杭州市余杭区文一西路100号', phone: '0571-8765 4321', country: 'CN' });
    expect(readPage(html, url).extraction).toMatchObject({ marketplace: 'taobao', kind: 'storefront', fields: { sellerId: { value: '57300012' } } });
  });

  it("an Etsy shop's seller details, the address on the lines under its label", () => {
    const { html, url } = page('https://www.etsy.com/shop/LunaCraftsStudio');
    expect(values(readSellerProfile(html, url))).toEqual({
      businessName: 'Luna Handwerk GmbH',
      address: 'Gartenweg 3, 50667 Köln, Germany',
      email: 'hello@lunacrafts.de',
      phone: '+49 221 5550101',
      vat: 'DE 311 222 333',
      company: 'HRB 98765',
      country: 'DE',
    });
    expect(readPage(html, url).extraction).toMatchObject({ marketplace: 'etsy', kind: 'storefront', fields: { sellerId: { value: 'LunaCraftsStudio' } } });
  });

  it('a marketplace’s loose labels are read only on its pages: "Name:" on another site is not a trader name', () => {
    const other = '<html><body><div class="profile"><p>Name: Jane</p><p>Address: 1 Main St, Springfield</p></div></body></html>';
    expect(values(readSellerProfile(other, 'https://forum.example.com/u/jane'))).toEqual({ address: '1 Main St, Springfield' });
    const chinese = '<html><body><p>名称：某某公司</p><p>统一社会信用代码：91440300MA5FQ2XK3L</p></body></html>';
    expect(readSellerProfile(chinese, 'https://news.example.com/a')).toBeNull();
    // On the marketplace's own pages, only within its trader block: found by its class, else under its heading.
    expect(readSellerProfile(chinese, 'https://shop1234567.taobao.com/')).toBeNull();
    const headed = `<html><body><div class="x9f"><h3>营业执照信息</h3>${chinese.slice(12, -14)}</div><div class="reviews"><p>名称：买家甲</p></div></body></html>`;
    expect(values(readSellerProfile(headed, 'https://shop1234567.taobao.com/'))).toEqual({ businessName: '某某公司', company: '91440300MA5FQ2XK3L', country: 'CN' });
    const etsy = STORE_PAGES['https://www.etsy.com/shop/LunaCraftsStudio']!.replace('<div data-region="seller-details">', '<div class="wt-mt-xs-4 renamed">');
    expect(readSellerProfile(etsy, 'https://www.etsy.com/shop/LunaCraftsStudio')).toMatchObject({ businessName: { value: 'Luna Handwerk GmbH', source: '"Seller details": "Name"' }, vat: { value: 'DE 311 222 333' } });
  });
});
