import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { findDossierRecord } from '../dossier/make-dossier.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ArtifactAnswer } from './artifact-responses.js';

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };

/**
 * dossier/DOSSIER_ID[?download]: a dossier this workspace made, by the path
 * its custody entry records (never a path the page sends), for a browser
 * under `exhibit serve`: shown by the browser's own PDF reader, or saved as
 * a download under its file name.
 */
export async function answerDossier(ws: Workspace, dossierId: string, download: boolean): Promise<ArtifactAnswer> {
  const made = await findDossierRecord(ws.db, dossierId);
  if (!made?.path) return { status: 404, headers: TEXT, body: Buffer.from(`no dossier ${dossierId} was made in this workspace`) };
  const found = await fs.stat(made.path).catch(() => null);
  if (!found?.isFile()) return { status: 404, headers: TEXT, body: Buffer.from(`the dossier is no longer at ${made.path}`) };
  const name = basename(made.path).replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    status: 200,
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `${download ? 'attachment' : 'inline'}; filename="${name}"`, 'X-Content-Type-Options': 'nosniff' },
    body: { file: made.path },
  };
}
