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
let cli;
try {
  cli = await import(entry.href);
} catch (e) {
  process.stderr.write(`exhibit: cannot load the CLI (${e?.message ?? e}). Rebuild it with \`npm run build\`.\n`);
  process.exit(3);
}
// What escapes a command (an error from a stream callback, a promise nobody
// awaited) is named in one line, exit 3, never a raw stack.
const lastResort = (e) => process.exit(cli.lastResort(e));
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);
process.exitCode = await cli.main(process.argv.slice(2));
