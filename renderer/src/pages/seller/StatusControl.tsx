import { useState } from 'react';
import { SELLER_STATUSES, type SellerStatus } from '../../api/types.js';
import { StatusBadge } from '../../components/Badges.js';
import { useT } from '../../i18n/i18n.js';
import { useSeller } from '../../state/seller.js';
import { drop } from '../../util/drop.js';

/** The status is the investigator's note on the seller, not evidence: it can change, and each change is logged. */
export function StatusControl({ status }: { status: string }) {
  const t = useT();
  const setStatus = useSeller((s) => s.setStatus);
  const [next, setNext] = useState<SellerStatus>(status as SellerStatus);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = next !== status;
  return (
    <form
      className="status-control"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        drop(
          setStatus(next, note).then((err) => {
            setBusy(false);
            setError(err?.message ?? null);
            if (!err) setNote('');
          }),
        );
      }}
    >
      <StatusBadge status={status} />
      <select aria-label={t.seller.status} value={next} onChange={(e) => setNext(e.target.value as SellerStatus)}>
        {SELLER_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t.status[s]}
          </option>
        ))}
      </select>
      {changed ? <input type="text" aria-label={t.seller.statusNote} placeholder={t.seller.statusNote} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} /> : null}
      <button type="submit" className="small" disabled={!changed || busy}>
        {t.seller.changeStatus}
      </button>
      {error ? <span className="bad-text small-text">{error}</span> : null}
    </form>
  );
}
