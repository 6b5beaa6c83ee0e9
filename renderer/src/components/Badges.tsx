import { useT } from '../i18n/i18n.js';

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t.status[status] ?? status}</span>;
}

/** complete in green, partial in amber, anything that kept the page from being captured in red. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const t = useT();
  const tone = outcome === 'complete' || outcome === 'imported' ? 'good' : outcome === 'partial' ? 'warn' : 'bad';
  return <span className={`badge outcome-${tone}`}>{t.outcomes[outcome] ?? outcome}</span>;
}
