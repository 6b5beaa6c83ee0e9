// A local marketplace for the capture benchmarks: listing pages with a
// gallery of images, a description, lazy-loaded reviews and a tall layout.
import { createServer } from 'node:http';
import { png } from '../../test/helpers/png.mjs';

const IMAGES = Array.from({ length: 6 }, (_, seed) => png(400, 300, (x, y) => [(x * 3 + seed * 40) & 255, (y * 2 + seed * 70) & 255, ((x ^ y) + seed * 13) & 255]));

/** schema.org Product data, as shops embed it: read by Exhibit's generic extractor, so each page files under its own listing. */
function productData(n) {
  const data = { '@context': 'https://schema.org', '@type': 'Product', name: `Luxe Bag #${n}`, sku: `BENCH-${n}`, offers: { '@type': 'Offer', price: (50 + (n % 400)).toFixed(2), priceCurrency: 'USD', availability: 'https://schema.org/InStock', seller: { '@type': 'Organization', name: `seller_${n % 50}` } } };
  return `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
}

function listing(n, withData) {
  const paragraphs = Array.from({ length: 30 }, (_, i) => `<p>Item ${n}, detail ${i}: genuine leather, gold-tone hardware, dust bag and authenticity card included. Ships worldwide within 48 hours.</p>`).join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Luxe Bag #${n} | Bench Market</title>
<style>body{font:15px/1.5 sans-serif;margin:0 auto;max-width:1100px} .gallery img{width:260px;margin:4px} footer{height:600px;background:#eee}</style>${withData ? productData(n) : ''}</head>
<body><h1>Luxe Bag #${n}</h1><p class="price">US $${(50 + (n % 400)).toFixed(2)}</p><p>Sold by <a href="/seller/${n % 50}">seller_${n % 50}</a></p>
<div class="gallery">${IMAGES.map((_, i) => `<img src="/img/${i}.png?n=${n}" width="260" height="195">`).join('')}</div>
${paragraphs}<div id="reviews">reviews load when seen</div>
<script>new IntersectionObserver((e, o) => { if (e.some((x) => x.isIntersecting)) { o.disconnect(); fetch('/api/reviews/${n}').then((r) => r.json()).then((d) => { document.getElementById('reviews').textContent = d.text; }); } }).observe(document.getElementById('reviews'));</script>
<footer>footer</footer></body></html>`;
}

/** `productData`: pages carry schema.org Product data (the re-capture benchmark needs listings to file them under). */
export async function startListingSite({ productData: withData = false } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const img = /^\/img\/(\d)\.png$/.exec(url.pathname);
    if (img) {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      res.end(IMAGES[Number(img[1])]);
    } else if (url.pathname.startsWith('/api/reviews/')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ text: `4.${url.pathname.length % 10} stars from 312 reviews` }));
    } else if (url.pathname.startsWith('/item/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(listing(Number(url.pathname.slice(6)) || 0, withData));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  return { url: (n) => `http://127.0.0.1:${port}/item/${n}`, close: () => new Promise((r) => server.close(r)) };
}
