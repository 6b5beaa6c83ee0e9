import type { SellerTimelineEvent, StorefrontEvent, TimelineEvent, TraderDetailsEvent } from '../../api/types.js';
import { EventBadge, ClassificationBadge } from '../../components/Badges.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { utc } from '../../util/format.js';
import { ChangeList } from './ChangeList.js';
import { CaptureLink } from '../../components/CaptureLink.js';

/** Checks that found nothing new; shown when asked for. */
const ROUTINE = new Set(['unchanged', 'still-removed', 'blocked', 'error']);

export function isNotable(e: SellerTimelineEvent): boolean {
  if (e.kind === 'storefront') return e.appeared.length + e.disappeared.length > 0;
  if (e.kind === 'trader-details') return true;
  return !ROUTINE.has(e.kind);
}

/**
 * A history, newest first. Each row that comes from a capture links to it
 * (the evidence); a report is the investigator's record, marked as a note.
 */
export function EventsTable({ events, listings, label }: { events: readonly SellerTimelineEvent[]; listings?: ReadonlyMap<string, string>; label: string }) {
  const t = useT();
  const tl = t.timeline;
  const newestFirst = [...events].reverse();
  return (
    <table className="dense events" aria-label={label}>
      <thead>
        <tr>
          <th>{tl.date}</th>
          <th>
            {tl.event} · {tl.details}
          </th>
          {listings ? <th>{tl.listing}</th> : null}
          <th>
            <span className="visually-hidden">{t.tables.evidence}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {newestFirst.map((e, i) => (
          <tr key={`${e.kind}-${e.captureId ?? ''}-${e.at}-${i}`} className={e.kind === 'reported' ? 'note-row' : undefined} data-event={e.kind}>
            <td className="nowrap mono">{e.kind === 'reported' ? e.at : utc(e.at)}</td>
            {/* The event and what it says in one column, as the custody log has it: it reads in the capture page's narrow column too. */}
            <td className="event-cell">
              {e.kind === 'storefront' ? <><span className="muted small-text">{tl.storefront}</span> <ClassificationBadge classification={e.classification} /></> : <EventBadge kind={e.kind} />}
              <div className="event-details">{e.kind === 'storefront' ? <StorefrontDetails event={e} /> : e.kind === 'trader-details' ? <TraderDetails event={e} /> : <EventDetails event={e} />}</div>
            </td>
            {listings ? (
              <td className="nowrap">
                {e.kind === 'storefront' || e.kind === 'trader-details' ? null : (
                  <a href={hrefOf({ page: 'listing', id: e.listingId })}>
                    <code className="hash">{listings.get(e.listingId) ?? e.listingId}</code>
                  </a>
                )}
              </td>
            ) : null}
            <td>
              {e.captureId ? (
                <CaptureLink id={e.captureId}>{tl.open}</CaptureLink>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EventDetails({ event: e }: { event: TimelineEvent }) {
  const t = useT();
  const tl = t.timeline;
  const parts: string[] = [];
  if (e.removal) parts.push(e.removal.reason === 'status' ? tl.removalStatus(e.removal.httpStatus) : tl.removalNotice(e.removal.matched ?? ''));
  if (e.afterReport) parts.push(e.kind === 'reappeared' ? tl.backAfterReport(e.afterReport.days) : tl.afterReport(e.afterReport.days));
  if (e.screenshotDiff !== null && e.kind !== 'unchanged') parts.push(tl.screenshotDiff(e.screenshotDiff));
  if ((e.kind === 'blocked' || e.kind === 'error') && e.outcome) parts.push(t.outcomes[e.outcome] ?? e.outcome);
  return (
    <>
      <ChangeList changes={e.changes} />
      {e.report ? (
        <span className="note">
          {tl.reportedTo(e.report.platform, t.takedown.programmes[e.report.programme] ?? e.report.programme, e.report.reportRef)}
          {e.report.note ? ` — ${e.report.note}` : ''}
        </span>
      ) : null}
      {parts.length > 0 ? <span className="small-text event-facts">{parts.join(' · ')}</span> : null}
    </>
  );
}

function StorefrontDetails({ event: e }: { event: StorefrontEvent }) {
  const t = useT();
  const tl = t.timeline;
  return (
    <span className="small-text">
      {tl.storefrontListings(e.listings)}
      {e.appeared.length > 0 ? ` · ${tl.appeared}: ${e.appeared.join(', ')}` : ''}
      {e.disappeared.length > 0 ? ` · ${tl.disappeared}: ${e.disappeared.join(', ')}` : ''}
    </span>
  );
}

/** The trader details a seller page gave that differ from the earlier capture of it: each field before → after, both captures at hand. */
function TraderDetails({ event: e }: { event: TraderDetailsEvent }) {
  const t = useT();
  const tl = t.timeline;
  return (
    <>
      <ul className="plain changes">
        {e.changes.map((c) => (
          <li key={c.field} data-field={c.field}>
            <span className="change-field">{t.links.profileFields[c.field]}</span> <span className="before">{c.before ?? tl.none}</span>
            <span className="arrow">{' → '}</span>
            <span className="after">{c.after ?? tl.none}</span>
          </li>
        ))}
      </ul>
      <span className="small-text event-facts">
        {tl.traderPage} <code className="hash">{e.url}</code> · {tl.traderBefore(utc(e.previousAt))}{' '}
        <CaptureLink id={e.previousCaptureId} title={tl.openBefore}>
          {tl.openBefore}
        </CaptureLink>
      </span>
    </>
  );
}
