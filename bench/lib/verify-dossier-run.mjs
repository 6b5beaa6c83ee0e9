// Verifies one dossier in this process, with the workspace that made it, and
// reports the time, the verdict and the peak RSS: `node verify-dossier-run.mjs WORKSPACE FILE.pdf`.
import { Workspace } from '../../dist/electron/core/workspace/workspace.js';
import { verifyDossier } from '../../dist/electron/core/dossier/verify-dossier.js';
import { authorityRootMap } from '../../dist/electron/core/workspace/timestamps.js';

const [dir, file] = process.argv.slice(2);
const opened = await Workspace.open(dir);
if (!opened.ok) throw new Error(opened.error.kind);
const ws = opened.value;
const t0 = performance.now();
const r = await verifyDossier(file, { db: ws.db, authorityRoots: await authorityRootMap(ws.db) });
const ms = performance.now() - t0;
await ws.close();
if (!r.ok) throw new Error(JSON.stringify(r.error));
process.stdout.write(JSON.stringify({ ms, ok: r.value.ok, problems: [...r.value.problems, ...r.value.exhibits.flatMap((x) => x.problems)].slice(0, 5), maxRssMB: process.resourceUsage().maxRSS / 1024 }));
