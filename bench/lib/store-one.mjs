// Stores one file into a fresh workspace's object store in this process and
// reports the time of the put alone and the process's peak RSS.
import { Workspace } from '../../dist/electron/core/workspace/workspace.js';

const [dir, source] = process.argv.slice(2);
const made = await Workspace.init(dir);
if (!made.ok) throw new Error(made.error.kind);
const ws = made.value;
const t0 = performance.now();
const stored = await ws.store.put({ path: source });
const ms = performance.now() - t0;
await ws.close();
process.stdout.write(JSON.stringify({ ms, sha256: stored.sha256, bytes: stored.bytes, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
