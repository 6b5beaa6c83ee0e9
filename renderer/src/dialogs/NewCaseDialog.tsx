import { useState } from 'react';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useT } from '../i18n/i18n.js';
import { useCases } from '../state/cases.js';
import { useDialogs } from '../state/dialogs.js';
import { navigate } from '../state/router.js';
import { drop } from '../util/drop.js';

export function NewCaseDialog() {
  const t = useT();
  const close = useDialogs((s) => s.close);
  const create = useCases((s) => s.create);
  const [name, setName] = useState('');
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={t.newCaseDialog.title} onClose={close}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          drop(
            create(name, reference).then(async (r) => {
              setBusy(false);
              if (!r.ok) return setError(r.error.message);
              close();
              navigate({ page: 'case', id: r.id });
            }),
          );
        }}
      >
        <label>
          <span>{t.newCaseDialog.name}</span>
          <input type="text" name="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus />
        </label>
        <label>
          <span>{t.newCaseDialog.reference}</span>
          <input type="text" name="reference" value={reference} onChange={(e) => setReference(e.target.value)} maxLength={200} />
        </label>
        <ErrorNote message={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {t.newCaseDialog.create}
          </button>
          <button type="button" onClick={close}>
            {t.common.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
