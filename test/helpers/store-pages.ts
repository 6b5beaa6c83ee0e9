import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { selfSignedCertificate } from './fixture-server.js';

/*
 * Store and shop pages of AliExpress, Taobao, Tmall and Etsy (#20), written
 * for the tests after those sites' layouts (no real page is copied), served
 * by a forward proxy on 127.0.0.1 under the marketplaces' own https
 * addresses (it answers CONNECT with a certificate of its own, which the
 * capture is told to trust), so a capture sent through it is read as the
 * marketplace's:
 *   - aliexpress:1102345678 and tmall:71234567 are one company: the same
 *     unified social credit code and the same phone number, written two ways
 *   - taobao:57300012 is an individual's shop (经营者), etsy:LunaCraftsStudio a German GmbH
 * Nothing is fetched from the internet.
 */

const ALI_META = '<meta property="al:android:package" content="com.alibaba.aliexpresshd">';

/** An AliExpress store page; without items, a store that shows none (a re-capture then queues no listing). */
export function aliexpressStore(store: string, trader: { name: string; address: string; email: string; phone: string; vat: string | null; registration: string }, items = true): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${ALI_META}<title>Bright Gadgets Store - Amazing products with exclusive discounts on AliExpress</title></head><body>
<div class="store-header"><h1 class="shop-name">Bright Gadgets Store</h1><a href="/store/${store}/pages/all-items.html">All items</a></div>
<div class="store-info-wrap"><h3>Store info</h3>
<div class="row"><span>Store no.:</span> <span>${store}</span></div>
<div class="row"><span>Open since:</span> <span>Mar 12, 2019</span></div>
<div class="row"><span>Location:</span> <span>Guangdong, China</span></div></div>
<div class="store-trader-info" data-spm="trader-info"><h3>Trader information</h3>
<div class="row"><span>Name:</span> <span>${trader.name}</span></div>
<div class="row"><span>Address:</span> <span>${trader.address}</span></div>
<div class="row"><span>Email:</span> <span>${trader.email}</span></div>
<div class="row"><span>Phone number:</span> <span>${trader.phone}</span></div>
${trader.vat ? `<div class="row"><span>VAT number:</span> <span>${trader.vat}</span></div>` : ''}
<div class="row"><span>Registration number:</span> <span>${trader.registration}</span></div></div>
${items ? '<ul class="store-items"><li><a href="/item/1005006000000001.html">USB-C fast charger 65 W</a></li><li><a href="/item/1005006000000002.html">Wireless earbuds, noise cancelling</a></li></ul>' : '<p class="store-empty">No items</p>'}
</body></html>`;
}

export const BRIGHT_TRADER = {
  name: 'Shenzhen Bright Technology Co., Ltd.',
  address: 'Room 1203, Building A, 18 Keji Road, Nanshan District, Shenzhen, Guangdong, China',
  email: 'service@bright-tech.cn',
  phone: '+86 755 8888 1234',
  vat: 'NL 8261.23.456.B01',
  registration: '91440300MA5FQ2XK3L',
};

const ALI_CREDENTIAL = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${ALI_META}<title>Business License</title></head><body>
<div class="business-license-info"><h2>Business information</h2><table>
<tr><th>Company name:</th><td>Shenzhen Bright Technology Co., Ltd.</td></tr>
<tr><th>Unified social credit code:</th><td>91440300MA5FQ2XK3L</td></tr>
<tr><th>Legal representative:</th><td>Li Ming</td></tr>
<tr><th>Address:</th><td>Room 1203, Building A, 18 Keji Road, Nanshan District, Shenzhen, Guangdong, China</td></tr>
<tr><th>Established:</th><td>2017-05-08</td></tr>
<tr><th>Business scope:</th><td>Electronic products, communication equipment</td></tr>
</table></div></body></html>`;

const TMALL_SHOP = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="microscope-data" content="pageId=1620001;prototypeId=2;siteCategory=1;shopId=71234567;userid=2200001234;"><title>明亮数码旗舰店-天猫Tmall.com</title></head><body>
<div class="slogo"><a class="slogo-shopname" href="//brightgadgets.tmall.com"><strong>明亮数码旗舰店</strong></a></div>
<div class="shop-items"><a href="//detail.tmall.com/item.htm?id=680000000001">65W 氮化镓快充充电器</a><a href="//detail.tmall.com/item.htm?id=680000000002">降噪蓝牙耳机</a></div>
<div id="J_ShopLicense" class="shop-license"><h3>营业执照信息</h3><ul>
<li><span>企业名称：</span><span>深圳明亮科技有限公司</span></li>
<li><span>统一社会信用代码：</span><span>9144 0300 MA5F Q2XK 3L</span></li>
<li><span>法定代表人：</span><span>李明</span></li>
<li><span>住所：</span><span>深圳市南山区科技路18号A座1203</span></li>
<li><span>联系电话：</span><span>0755-8888 1234</span></li>
<li><span>成立日期：</span><span>2017-05-08</span></li>
<li><span>登记机关：</span><span>深圳市市场监督管理局</span></li>
</ul></div></body></html>`;

const TAOBAO_SHOP = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>芳芳手工饰品店 - 淘宝网</title></head><body>
<div class="shop-name"><a href="//shop57300012.taobao.com">芳芳手工饰品店</a></div>
<div class="shop-items"><a href="//item.taobao.com/item.htm?id=700000000001">手工银耳环</a></div>
<div class="shop-license"><h3>营业执照</h3>
<p>经营者：王芳</p><p>统一社会信用代码：92330110MA2H7YXX1Q</p><p>经营场所：浙江省杭州市余杭区文一西路100号</p><p>联系电话：0571-8765 4321</p><p>登记机关：杭州市余杭区市场监督管理局</p></div></body></html>`;

const ETSY_SHOP = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:site_name" content="Etsy"><title>LunaCraftsStudio - Etsy</title></head><body>
<div class="shop-name-and-title-container"><h1>LunaCraftsStudio</h1><p>Hand-poured candles from Cologne</p></div>
<ul class="listings"><li><a href="/listing/1500000001/soy-candle-lavender">Soy candle, lavender</a></li><li><a href="/listing/1500000002/beeswax-taper-pair">Beeswax tapers, pair</a></li></ul>
<div data-region="seller-details"><h2>Seller details</h2>
<p>Name: Luna Handwerk GmbH</p>
<p>Address:</p><p>Gartenweg 3</p><p>50667 Köln</p><p>Germany</p>
<p>Email: hello@lunacrafts.de</p><p>Phone number: +49 221 5550101</p>
<p>VAT number: DE 311 222 333</p><p>Registration number: HRB 98765</p></div>
<footer><p>On Etsy since 2016</p></footer></body></html>`;

/** The pages by address, as the proxy serves them. */
export const STORE_PAGES: Record<string, string> = {
  'https://www.aliexpress.com/store/1102345678': aliexpressStore('1102345678', BRIGHT_TRADER),
  'https://shoprenderview.aliexpress.com/credential/showcredential.htm?storeNum=1102345678': ALI_CREDENTIAL,
  'https://brightgadgets.tmall.com/': TMALL_SHOP,
  'https://shop57300012.taobao.com/': TAOBAO_SHOP,
  'https://www.etsy.com/shop/LunaCraftsStudio': ETSY_SHOP,
};

export interface MarketplaceProxy {
  /** the capture's proxy */
  url: string;
  /** the proxy's certificate, for the capture's trustedSpki */
  spki: string;
  /** the addresses asked for, in order */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy that answers for the marketplaces from the pages it is
 * given (STORE_PAGES unless told), and 404 for anything else; `pages` may
 * be changed between captures. A CONNECT to HOST:443 is handed to a TLS
 * server on 127.0.0.1 that answers for https://HOST.
 */
export async function startMarketplaceProxy(pages: Record<string, string> = STORE_PAGES): Promise<MarketplaceProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const answer = (url: string, res: ServerResponse) => {
    seen.push(url);
    const page = pages[url];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? '<!DOCTYPE html><title>Not found</title><h1>Not found</h1>');
  };
  const tls = selfSignedCertificate();
  const secure = createTlsServer({ key: tls.key, cert: tls.cert }, (req, res) => answer(`https://${req.headers.host ?? ''}${req.url ?? '/'}`, res));
  secure.on('connection', track);
  await new Promise<void>((r) => secure.listen(0, '127.0.0.1', r));
  const securePort = (secure.address() as AddressInfo).port;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => answer(req.url ?? '', res));
  server.on('connection', track);
  server.on('connect', (_req: IncomingMessage, client: Socket, head: Buffer) => {
    const upstream = connect(securePort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const closed = (s: { close(cb: () => void): unknown }) => new Promise<void>((r) => s.close(() => r()));
  return {
    url: `http://127.0.0.1:${port}`,
    spki: tls.spkiSha256Base64,
    seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([closed(server), closed(secure)]);
    },
  };
}
