// Makes one dossier in this process and reports its time, size and the
// process's peak RSS: `node dossier-run.mjs WORKSPACE OUT.pdf ATTACH`.
import { statSync } from 'node:fs';
import { Workspace } from '../../dist/electron/core/workspace/workspace.js';
import { makeDossier } from '../../dist/electron/core/dossier/make-dossier.js';

const [dir, out, attach] = process.argv.slice(2);
const opened = await Workspace.open(dir);
if (!opened.ok) throw new Error(opened.error.kind);
const ws = opened.value;
const t0 = performance.now();
const made = await makeDossier(ws, { selection: { kind: 'case', ref: 'Bench case' }, lang: 'en', attach, output: out });
const ms = performance.now() - t0;
await ws.close();
if (!made.ok) throw new Error(JSON.stringify(made.error));
process.stdout.write(JSON.stringify({ ms, pages: made.value.pages, bytes: statSync(out).size, attachments: made.value.attachments, maxRssMB: process.resourceUsage().maxRSS / 1024, timestamp: made.value.signature.timestamp, documentTimestamp: made.value.signature.documentTimestamp, pending: made.value.signature.pending }));
