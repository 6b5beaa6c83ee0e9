import type { ListingTimeline } from '../../api/types.js';
import { TakedownBadge } from '../../components/Badges.js';
import { useT } from '../../i18n/i18n.js';

/** The takedown reports of a listing: the investigator's records (notes), each with what the re-captures showed since (evidence). */
export function ReportList({ reports }: { reports: ListingTimeline['reports'] }) {
  const t = useT();
  const tl = t.timeline;
  if (reports.length === 0) return null;
  return (
    <ul className="plain report-list" aria-label={tl.reports}>
      {reports.map((r) => (
        <li key={r.id} className="note-entry">
          <span className="note">{tl.reportLine(r.reportedOn, r.platform, t.takedown.programmes[r.programme] ?? r.programme, r.reportRef)}</span> <TakedownBadge report={r} />
          {r.note ? <div className="note small-text">{r.note}</div> : null}
        </li>
      ))}
    </ul>
  );
}
