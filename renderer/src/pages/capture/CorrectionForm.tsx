import { useState } from 'react';
import type { FieldState } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { useCapture } from '../../state/capture.js';
import { refreshCatalogue } from '../../state/refresh.js';
import { drop } from '../../util/drop.js';
import { fieldText } from '../../util/format.js';

export function CorrectionForm({ field, onDone }: { field: FieldState; onDone(): void }) {
  const t = useT();
  const correct = useCapture((s) => s.correct);
  // Lists (images) are typed as one line, separated by spaces.
  const [value, setValue] = useState(Array.isArray(field.value) ? field.value.join(' ') : fieldText(field.value));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = t.fieldNames[field.field] ?? field.field;
  return (
    <form
      className="correction-form"
      aria-label={`${t.capture.correct}: ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        drop(
          correct(field.field, value, reason).then(async (err) => {
            setBusy(false);
            if (err) return setError(err.message);
            onDone();
            // A corrected price, title or seller changes what the lists show.
            await refreshCatalogue();
          }),
        );
      }}
    >
      <label>
        <span>{t.capture.newValue}</span>
        <input type="text" name="value" value={value} onChange={(e) => setValue(e.target.value)} required maxLength={10_000} autoFocus />
      </label>
      <label className="grow">
        <span>{t.capture.reason}</span>
        <input type="text" name="reason" value={reason} placeholder={t.capture.reasonPlaceholder} onChange={(e) => setReason(e.target.value)} required maxLength={2000} />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary small" disabled={busy || !value.trim() || !reason.trim()}>
          {t.capture.saveCorrection}
        </button>
        <button type="button" className="small" onClick={onDone}>
          {t.common.cancel}
        </button>
      </div>
      {error ? <p className="bad-text small-text full">{error}</p> : null}
    </form>
  );
}
