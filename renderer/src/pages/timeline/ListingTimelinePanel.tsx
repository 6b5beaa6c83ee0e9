import { useEffect, useState } from 'react';
import { onHub } from '../../api/transport.js';
import type { ListingTimeline } from '../../api/types.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { useDialogs } from '../../state/dialogs.js';
import { useRecapture } from '../../state/recapture.js';
import { hrefOf } from '../../state/router.js';
import { useTimeline } from '../../state/timeline.js';
import { useWatches } from '../../state/watches.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';
import { EventsTable, isNotable } from './EventsTable.js';
import { ReportList } from './ReportList.js';

/**
 * A listing's history, from its captures and re-captures and its takedown
 * reports, with the two actions that shape it: watch it, mark it reported.
 * On a capture's page it also links to the listing's own page.
 */
export function ListingTimelinePanel({ listingId, linkToListing }: { listingId: string; linkToListing?: boolean }) {
  const t = useT();
  const tl = t.timeline;
  const { shown, error, load } = useTimeline();
  const version = useRecapture((s) => s.version);
  const loadRules = useWatches((s) => s.load);
  useEffect(() => {
    // The team hub keeps no watch rules of a workspace: nothing to load there.
    drop(Promise.all([load('listing', listingId), onHub() ? undefined : loadRules()]));
  }, [listingId, version, load, loadRules]);
  const timeline = shown?.kind === 'listing' && shown.value.listing.id === listingId ? shown.value : null;
  if (error) return <ErrorNote message={error} />;
  if (!timeline) return <p className="muted">{tl.loading}</p>;
  return <Panel timeline={timeline} linkToListing={linkToListing === true} />;
}

function Panel({ timeline, linkToListing }: { timeline: ListingTimeline; linkToListing: boolean }) {
  const t = useT();
  const tl = t.timeline;
  const show = useDialogs((s) => s.show);
  const [all, setAll] = useState(false);
  const l = timeline.listing;
  const label = `${l.marketplace}:${l.listingKey}`;
  const rule = useWatches((s) => s.rules.find((r) => r.targetKind === 'listing' && r.targetId === l.id));
  const events = all ? timeline.events : timeline.events.filter(isNotable);
  // On the team hub: read, never watched or reported from here.
  const hub = onHub();
  return (
    <section className="card timeline-panel" aria-label={tl.title}>
      <header className="card-head">
        <h2>
          {tl.title} <code className="hash">{label}</code>
        </h2>
        <div className="actions">
          {linkToListing ? (
            <a className="button-link small" href={hrefOf({ page: 'listing', id: l.id })}>
              {t.listing.open}
            </a>
          ) : null}
          {hub ? null : (
            <>
              <button type="button" className="small" onClick={() => show({ kind: 'watch', target: { kind: 'listing', ref: l.id, label } })}>
                {t.listing.watch}…
              </button>
              <button type="button" className="small" onClick={() => show({ kind: 'report', listing: { id: l.id, label, marketplace: l.marketplace, url: l.url } })}>
                {t.listing.markReported}…
              </button>
            </>
          )}
        </div>
      </header>
      <dl className="facts">
        <dt>{tl.now}</dt>
        <dd>
          <span className={`badge cls cls-${timeline.status === 'up' ? 'same' : timeline.status === 'removed' ? 'gone' : 'unknown'}`} data-status={timeline.status}>
            {tl.status[timeline.status]}
          </span>
          {timeline.removedOn ? <span className="muted small-text"> · {tl.since(utc(timeline.removedOn))}</span> : null}
        </dd>
        <dt>{tl.firstSeen}</dt>
        <dd className="mono">{utc(timeline.firstSeen)}</dd>
        <dt>{tl.lastChecked}</dt>
        <dd className="mono">{utc(timeline.lastChecked)}</dd>
        {hub ? null : <dt>{tl.watched}</dt>}
        {hub ? null : <dd>
          {rule ? (
            rule.active ? (
              Date.parse(rule.nextDueAt) <= Date.now() ? tl.watchedDue(t.watch.every(rule.intervalSeconds)) : tl.watchedEvery(t.watch.every(rule.intervalSeconds), utc(rule.nextDueAt))
            ) : (
              tl.watchPaused
            )
          ) : (
            <span className="muted">{tl.notWatched}</span>
          )}
        </dd>}
      </dl>
      <ReportList reports={timeline.reports} />
      <div className="events-head">
        <label className="check-label">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {tl.showChecks}
        </label>
      </div>
      {events.length === 0 ? <p className="muted">{tl.empty}</p> : <EventsTable events={events} label={tl.eventsOf(label)} />}
    </section>
  );
}
