import { useDialogs } from '../state/dialogs.js';
import { CaptureDialog } from './CaptureDialog.js';
import { DossierDialog } from './DossierDialog.js';
import { NewCaseDialog } from './NewCaseDialog.js';
import { ReportDialog } from './ReportDialog.js';
import { VerifyWorkspaceDialog } from './VerifyWorkspaceDialog.js';
import { WatchDialog } from './WatchDialog.js';

export function Dialogs() {
  const open = useDialogs((s) => s.open);
  if (!open) return null;
  switch (open.kind) {
    case 'capture':
      return <CaptureDialog />;
    case 'verify-workspace':
      return <VerifyWorkspaceDialog />;
    case 'new-case':
      return <NewCaseDialog />;
    case 'dossier':
      return <DossierDialog selection={open.selection} label={open.label} />;
    case 'watch':
      return <WatchDialog target={open.target} />;
    case 'report':
      return <ReportDialog listing={open.listing} />;
  }
}
