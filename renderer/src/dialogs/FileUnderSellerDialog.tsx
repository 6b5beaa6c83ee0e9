import { useState } from 'react';
import { call } from '../api/transport.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useT } from '../i18n/i18n.js';
import { SellerChoices } from '../components/SellerChoices.js';
import { drop } from '../util/drop.js';

/** "File under seller…": an existing seller, or a new MARKETPLACE:ID; recorded as the CLI's `exhibit correct` records it. */
export function FileUnderSellerDialog({ captureId, label, onClose, onDone }: { captureId: string; label: string; onClose(): void; onDone(message: string): void }) {
  const t = useT();
  const u = t.unfiled;
  const [seller, setSeller] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={`${t.common.labelled(u.fileTitle)}${label}`} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          drop(
            call('captures.file', { captureId, seller: seller.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) }).then((r) => {
              setBusy(false);
              if (!r.ok) return setError(r.error.message);
              onDone(u.filed(label, r.value.seller.label));
            }),
          );
        }}
      >
        <p className="small-text muted">{u.fileHelp}</p>
        <label>
          <span>{u.sellerField}</span>
          <input type="text" name="seller" value={seller} onChange={(e) => setSeller(e.target.value)} list="file-seller-choices" required maxLength={400} autoComplete="off" />
        </label>
        <SellerChoices id="file-seller-choices" />
        <label>
          <span>{u.reason}</span>
          <input type="text" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        </label>
        <ErrorNote message={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !seller.trim()}>
            {u.file}
          </button>
          <button type="button" onClick={onClose}>
            {t.common.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
