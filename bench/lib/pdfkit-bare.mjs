// The baseline: bare pdfkit placing the same screenshots, one scaled to fit
// each page, no text, no slicing: `node pdfkit-bare.mjs LIST.json OUT.pdf`.
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import PDFDocument from 'pdfkit';

const [list, out] = process.argv.slice(2);
const paths = JSON.parse(readFileSync(list, 'utf8'));
const t0 = performance.now();
const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
const done = new Promise((r) => doc.pipe(createWriteStream(out)).on('finish', r));
for (const p of paths) {
  doc.addPage({ size: 'A4', layout: 'landscape', margin: 36 });
  doc.image(readFileSync(p), 36, 36, { fit: [770, 523] });
}
doc.end();
await done;
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, pages: paths.length, bytes: statSync(out).size, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
