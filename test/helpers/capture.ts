import { createHash } from 'node:crypto';
import type { StoredCapture } from '../../electron/core/capture/capture-service.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';

export const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** An artifact's stored bytes, checked against the hash the manifest gives for it. */
export async function artifact(ws: Workspace, c: StoredCapture, name: string): Promise<Buffer> {
  const entry = c.record.manifest.artifacts.find((a) => a.name === name);
  if (!entry) throw new Error(`capture ${c.record.id} has no artifact ${name}; it has ${c.record.manifest.artifacts.map((a) => a.name).join(', ')}`);
  const bytes = await ws.store.read(entry.sha256);
  if (sha256(bytes) !== entry.sha256 || bytes.length !== entry.bytes) throw new Error(`artifact ${name} does not match its manifest entry`);
  return bytes;
}

export function names(c: StoredCapture): string[] {
  return c.record.manifest.artifacts.map((a) => a.name);
}
