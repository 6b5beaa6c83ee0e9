import { ProgressBar } from '../components/ProgressBar.js';
import { useT } from '../i18n/i18n.js';

/** A job under way: a bar that says how far, what it is doing, and a Cancel that says when it is heard. */
export function LongWorkProgress({ label, value, max, text, cancelling, onCancel }: { label: string; value?: number; max?: number; text: string; cancelling: boolean; onCancel(): void }) {
  const t = useT();
  return (
    <div className="long-work" aria-label={label}>
      <div className="batch-progress">
        <ProgressBar label={label} {...(value !== undefined && max !== undefined ? { value, max } : {})} />
        <button type="button" className="small" onClick={onCancel} disabled={cancelling}>
          {cancelling ? t.longWork.cancelling : t.longWork.cancel}
        </button>
      </div>
      <p className="muted small-text long-work-text" role="status">
        {text}
      </p>
    </div>
  );
}
