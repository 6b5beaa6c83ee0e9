// Electronegativity over the Electron shell (electron/main), as the security
// checklist asks. Fails on any finding except those reviewed here, each with
// the reason it stands:
// - PRELOAD_JS_CHECK: the preload exposes a small object (call, browser,
//   onMenu, artifactUrl) over three channels; the main side answers them
//   through one wrapper (electron/main/ipc.ts) that checks the sender frame
//   and parses the input, and a lint rule keeps raw ipcMain out of the rest.
// - OPEN_EXTERNAL_JS_CHECK: only http(s) URLs, only after the user confirms
//   (electron/main/security.ts).
// - CSP_GLOBAL_CHECK, CSP_JS_CHECK: the CSP is set on the app's page by a
//   response header of its app:// handler (app-protocol.ts), which the scanner
//   can only point at for review: it is default-src 'self', script-src 'self',
//   no frames, no forms.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Named as the tool names its checks (their class names), not as it prints them.
const REVIEWED = ['PreloadJSCheck', 'OpenExternalJSCheck', 'CSPGlobalCheck', 'CSPJSCheck'];
const dir = mkdtempSync(join(tmpdir(), 'exhibit-eneg-'));
try {
  const out = join(dir, 'findings.csv');
  const r = spawnSync('npx', ['electronegativity', '-i', 'electron/main', '-e', '45.0.0', '-r', '-v', 'false', '-x', REVIEWED.map((c) => c.toLowerCase()).join(','), '-o', out], { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    process.stderr.write(`electronegativity failed:\n${r.stdout}\n${r.stderr}\n`);
    process.exitCode = 1;
  }
  // It writes the file only when it finds something.
  const rows = (existsSync(out) ? readFileSync(out, 'utf8') : '').trim().split('\n').slice(1).filter((l) => l.trim());
  if (process.exitCode) {
  // already reported
} else if (rows.length > 0) {
    process.stderr.write(`electronegativity found ${rows.length} issue(s) in electron/main:\n${rows.join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`electronegativity: no findings in electron/main (reviewed and accepted: ${REVIEWED.join(', ')})\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
