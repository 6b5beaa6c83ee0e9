#!/usr/bin/env node
// The `exhibit` command: loads the compiled CLI, which runs under plain Node.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/electron/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(`exhibit: not built yet. Run \`npm install\` (or \`npm run build\`) in ${fileURLToPath(new URL('..', import.meta.url))}\n`);
  process.exit(2);
}
// `exhibit sellers | head`: the reader closing the pipe is not an error. What
// was being done (a capture, an import) carries on; only its listing is cut short.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
