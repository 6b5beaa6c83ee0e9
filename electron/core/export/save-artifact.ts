import { createReadStream, promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { artifacts } from '../store/index.js';
import { fsyncDir } from '../util/durable-fs.js';
import { tempBeside } from '../util/leftovers.js';
import { err, ok, type Result } from '../util/result.js';
import type { Workspace } from '../workspace/workspace.js';
import { writeDurable } from './export-capture.js';

export type SaveArtifactError = { kind: 'no-such-artifact'; captureId: string; name: string } | { kind: 'unwritable'; path: string; detail: string } | { kind: 'evidence-altered'; detail: string };

/**
 * A copy of one stored artifact where the user chose to save it (the desktop
 * app's Save a copy; `exhibit serve` downloads instead). Every byte is
 * re-hashed on the way out, so a damaged object is never handed over as if
 * it were sound; the copy is written beside its place and renamed into it,
 * whole or absent. The copy is recorded in custody, as exports are.
 */
export async function saveArtifactCopy(ws: Workspace, captureId: string, name: string, to: string): Promise<Result<{ path: string; sha256: string }, SaveArtifactError>> {
  const row = await artifacts.artifactNamed(ws.db, captureId, name);
  if (!row) return err({ kind: 'no-such-artifact', captureId, name });
  const tmp = tempBeside(to, 'tmp');
  try {
    const written = await writeDurable(tmp, createReadStream(ws.store.pathOf(row.sha256), { highWaterMark: 1 << 20 }));
    if (written !== row.sha256) return err({ kind: 'evidence-altered', detail: `the stored ${name} no longer hashes to ${row.sha256}; run exhibit verify` });
    await fs.rename(tmp, to);
    await fsyncDir(dirname(to));
  } catch (e) {
    return err({ kind: 'unwritable', path: to, detail: (e as Error).message });
  } finally {
    await fs.rm(tmp, { force: true });
  }
  await ws.logEvent({ action: 'export.made', subject: captureId, details: { kind: 'artifact', name, sha256: row.sha256, to } });
  return ok({ path: to, sha256: row.sha256 });
}

export function describeSaveArtifactError(e: SaveArtifactError): string {
  switch (e.kind) {
    case 'no-such-artifact':
      return `Capture ${e.captureId} has no file named ${e.name}.`;
    case 'unwritable':
      return `Cannot write ${e.path} (${e.detail}); nothing was written.`;
    case 'evidence-altered':
      return `Not saved: ${e.detail}.`;
  }
}
