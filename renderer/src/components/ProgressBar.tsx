/** A thin bar: how far, when it is known; a moving stripe when it is not. */
export function ProgressBar({ label, value, max }: { label: string; value?: number; max?: number }) {
  if (value === undefined || max === undefined || max <= 0) {
    return (
      <div className="bar indeterminate" role="progressbar" aria-label={label}>
        <span />
      </div>
    );
  }
  const pct = Math.round((Math.min(value, max) / max) * 100);
  return (
    <div className="bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}
