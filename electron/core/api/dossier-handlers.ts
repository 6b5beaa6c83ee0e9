import { checkDossier, describeDossierCheckError, listDossiers } from '../dossier/dossier-records.js';
import { findDossierRecord } from '../dossier/make-dossier.js';
import type { Workspace } from '../workspace/workspace.js';
import { ApiFailure, type Handlers } from './failure.js';

/**
 * What the desktop shell does with a file on this machine: hand it to the
 * system's PDF reader, or show it in its folder. Given by the Electron shell
 * only; `exhibit serve` has none (its browser downloads the file instead).
 */
export interface DesktopFiles {
  /** resolves with an error message, '' when it opened (Electron's shell.openPath) */
  open(path: string): Promise<string>;
  showInFolder(path: string): void;
}

type DossierOps = 'dossiers.list' | 'dossiers.check' | 'dossiers.reveal' | 'verify.dossier';

/** The dossiers made in this workspace: listed, checked on demand (the result kept in custody), opened or shown in their folder. */
export function dossierHandlers(ws: Workspace, desktop?: DesktopFiles): Pick<Handlers, DossierOps> {
  const check = async (dossierId: string) => {
    const r = await checkDossier(ws, dossierId);
    if (!r.ok) throw new ApiFailure('not-found', describeDossierCheckError(r.error));
    return r.value;
  };
  return {
    'dossiers.list': () => listDossiers(ws.db),
    'dossiers.check': (i) => check(i.dossierId),
    'verify.dossier': async (i) => {
      const r = await check(i.dossierId);
      if (!r.report) throw new ApiFailure('failed', `The dossier ${i.dossierId} cannot be read where it was written${r.check.missing ? ' (no such file)' : ''}; this check is recorded in the custody log.`);
      return r.report;
    },
    'dossiers.reveal': async (i) => {
      // The path is the one the custody log recorded, never one the page sends.
      const made = await findDossierRecord(ws.db, i.dossierId);
      if (!made?.path) throw new ApiFailure('not-found', `No dossier ${i.dossierId} was made in this workspace.`);
      if (!desktop) throw new ApiFailure('refused', 'Opening a file or its folder is the desktop app’s: through `exhibit serve`, download the dossier instead.');
      if (i.how === 'folder') {
        desktop.showInFolder(made.path);
        return { path: made.path };
      }
      const problem = await desktop.open(made.path);
      if (problem) throw new ApiFailure('failed', `${made.path} could not be opened: ${problem}`);
      return { path: made.path };
    },
  };
}
