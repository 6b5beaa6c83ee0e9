import { useState } from 'react';
import { call } from '../api/transport.js';
import { CaseSelect } from '../components/CaseSelect.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useT } from '../i18n/i18n.js';
import { useCases } from '../state/cases.js';
import { drop } from '../util/drop.js';

/** "Add to case…" for one capture: a case member entry in the custody log, as `exhibit case add CASE --capture ID` makes. */
export function AddToCaseDialog({ captureId, label, onClose, onDone }: { captureId: string; label: string; onClose(): void; onDone(message: string): void }) {
  const t = useT();
  const u = t.unfiled;
  const cases = useCases((s) => s.cases);
  const [caseId, setCaseId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={`${t.common.labelled(u.caseTitle)}${label}`} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          drop(
            call('cases.addMembers', { ref: caseId, members: [{ kind: 'capture', ref: captureId }] }).then(async (r) => {
              setBusy(false);
              if (!r.ok) return setError(r.error.message);
              await useCases.getState().load();
              onDone(u.addedTo(label, cases.find((c) => c.id === caseId)?.name ?? caseId));
            }),
          );
        }}
      >
        {cases.length === 0 ? <p className="muted">{u.noCases}</p> : null}
        <CaseSelect label={u.caseField} none={u.chooseCase} value={caseId} onChange={setCaseId} />
        <ErrorNote message={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !caseId}>
            {u.addCase}
          </button>
          <button type="button" onClick={onClose}>
            {t.common.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
