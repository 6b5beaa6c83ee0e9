import { readdirSync, readFileSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/durable-fs.js';
import { processAlive } from '../util/leftovers.js';
import { workspaceLayout } from './layout.js';

/*
 * A running `exhibit serve` says where it listens, in a file of its own
 * under the workspace's run/ folder (run/serve-PID.json), so the desktop
 * app's browser panel can refuse to open it: a page the investigator browses
 * must not reach the app's own API on this machine. Runtime state, not
 * evidence: nothing here is hashed or logged in the custody chain.
 */
const announced = z.object({ pid: z.number().int().positive(), port: z.number().int().min(1).max(65535), startedAt: z.string() });

const FILE = /^serve-(\d+)\.json$/;

/** Written once `serve` listens; the function returned removes it (called when it stops). */
export async function announceServe(dir: string, port: number): Promise<() => Promise<void>> {
  const run = workspaceLayout(dir).run;
  await fs.mkdir(run, { recursive: true });
  const file = join(run, `serve-${process.pid}.json`);
  await writeFileAtomic(file, JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() }));
  return () => fs.rm(file, { force: true });
}

/**
 * The ports `exhibit serve` listens on for this workspace now. Read at each
 * decision, synchronously (a few bytes), so a serve started after the app is
 * refused from its first moment. A file whose process is gone (a serve killed
 * with SIGKILL) or that does not parse is ignored, never removed: the reader
 * changes nothing.
 */
export function servePorts(dir: string): number[] {
  const run = workspaceLayout(dir).run;
  let names: string[];
  try {
    names = readdirSync(run);
  } catch {
    return [];
  }
  const ports: number[] = [];
  for (const name of names) {
    const m = FILE.exec(name);
    if (!m) continue;
    const found = readAnnounced(join(run, name));
    if (found && found.pid === Number(m[1]) && processAlive(found.pid)) ports.push(found.port);
  }
  return ports;
}

function readAnnounced(file: string): z.infer<typeof announced> | null {
  try {
    const parsed = announced.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
