// `npm run bench [name…]`: runs each benchmark (bench/*.bench.mjs) in its own process.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).sort();
const chosen = wanted.length ? all.filter((f) => wanted.some((w) => f.includes(w))) : all;
if (chosen.length === 0) {
  process.stderr.write(`no benchmark matches ${wanted.join(' ')}; there are: ${all.join(', ')}\n`);
  process.exitCode = 2;
}
for (const file of chosen) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const r = spawnSync(process.execPath, [`${dir}${file}`], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
