import { useState } from 'react';
import type { CaptureView } from '../../api/types.js';
import { AddToCaseDialog } from '../../dialogs/AddToCaseDialog.js';
import { FileUnderSellerDialog } from '../../dialogs/FileUnderSellerDialog.js';
import { useT } from '../../i18n/i18n.js';
import { useCases } from '../../state/cases.js';
import { refreshCatalogue } from '../../state/refresh.js';
import { hrefOf } from '../../state/router.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';

/** On a capture's page: the case it was made for, and the inbox's two acts ("File under seller…", "Add to case…"). */
export function CaptureFiling({ view, onChanged }: { view: CaptureView; onChanged(): void }) {
  const t = useT();
  const u = t.unfiled;
  const cases = useCases((s) => s.cases);
  const [open, setOpen] = useState<'file' | 'case' | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const label = u.capture(utc(view.capture.startedAt));
  const caseOf = view.filing.caseId ? cases.find((c) => c.id === view.filing.caseId) : undefined;
  const done = (message: string) => {
    setOpen(null);
    setSaid(message);
    onChanged();
    drop(refreshCatalogue());
  };
  return (
    <div className="capture-filing small-text">
      {caseOf ? (
        <a className="crumb" href={hrefOf({ page: 'case', id: caseOf.id })} aria-label={t.casePage.openCase(caseOf.name)}>
          {caseOf.name}
        </a>
      ) : null}
      {view.filing.sellerId ? null : (
        <>
          <span className="badge outcome-warn">{t.casePage.notFiled}</span>{' '}
          <button type="button" className="small" onClick={() => setOpen('file')}>
            {u.fileUnder}
          </button>
        </>
      )}{' '}
      <button type="button" className="small" onClick={() => setOpen('case')}>
        {u.addToCase}
      </button>
      <span className="good-text" role="status">
        {said ? ` ${said}` : ''}
      </span>
      {open === 'file' ? <FileUnderSellerDialog captureId={view.capture.id} label={label} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open === 'case' ? <AddToCaseDialog captureId={view.capture.id} label={label} onClose={() => setOpen(null)} onDone={done} /> : null}
    </div>
  );
}
