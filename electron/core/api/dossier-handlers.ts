import { checkDossier, describeDossierCheckError, listDossiers } from '../dossier/dossier-records.js';
import { findDossierRecord } from '../dossier/make-dossier.js';
import type { Workspace } from '../workspace/workspace.js';
import { ApiFailure, type Handlers } from './failure.js';
import { describeSaveArtifactError, saveArtifactCopy } from '../export/save-artifact.js';
import { artifacts } from '../store/index.js';
import { downloadName } from './artifact-responses.js';

/**
 * What the desktop shell does with a file on this machine: hand it to the
 * system's PDF reader, or show it in its folder. Given by the Electron shell
 * only; `exhibit serve` has none (its browser downloads the file instead).
 */
export interface DesktopFiles {
  /** resolves with an error message, '' when it opened (Electron's shell.openPath) */
  open(path: string): Promise<string>;
  showInFolder(path: string): void;
  /** the system's save dialog, offering this file name; null when the user cancelled */
  chooseSavePath(suggestedName: string): Promise<string | null>;
}

type DossierOps = 'dossiers.list' | 'dossiers.check' | 'dossiers.reveal' | 'verify.dossier' | 'artifacts.saveCopy';

/** The dossiers made in this workspace: listed, checked on demand (the result kept in custody), opened or shown in their folder; and, in the desktop app, a copy of a capture's file saved where the user chooses. */
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
    'artifacts.saveCopy': async (i) => {
      if (!desktop) throw new ApiFailure('refused', 'Saving a copy through the system’s dialog is the desktop app’s: through `exhibit serve`, download the file instead.');
      // Looked up before the dialog opens: an unknown file asks the user nothing.
      if (!(await artifacts.artifactNamed(ws.db, i.captureId, i.name))) throw new ApiFailure('not-found', `Capture ${i.captureId} has no file named ${i.name}.`);
      const to = await desktop.chooseSavePath(downloadName(i.captureId, i.name));
      if (to === null) return { path: null };
      const saved = await saveArtifactCopy(ws, i.captureId, i.name, to);
      if (!saved.ok) throw new ApiFailure(saved.error.kind === 'no-such-artifact' ? 'not-found' : 'failed', describeSaveArtifactError(saved.error));
      return { path: saved.value.path };
    },
  };
}
