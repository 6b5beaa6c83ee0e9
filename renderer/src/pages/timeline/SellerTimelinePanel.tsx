import { useEffect, useState } from 'react';
import { onHub } from '../../api/transport.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { attentionHref } from '../../state/dashboard.js';
import { useRecapture } from '../../state/recapture.js';
import { useTimeline } from '../../state/timeline.js';
import { drop } from '../../util/drop.js';
import { EventsTable, isNotable } from './EventsTable.js';

/** The seller's listings' histories merged, with what its storefront showed appear and disappear. */
export function SellerTimelinePanel({ sellerId }: { sellerId: string }) {
  const t = useT();
  const tl = t.timeline;
  const { shown, error, load } = useTimeline();
  const version = useRecapture((s) => s.version);
  const [all, setAll] = useState(false);
  useEffect(() => {
    drop(load('seller', sellerId));
  }, [sellerId, version, load]);
  const timeline = shown?.kind === 'seller' && shown.value.sellerId === sellerId ? shown.value : null;
  const listings = new Map((timeline?.listings ?? []).map((l) => [l.listing.id, `${l.listing.marketplace}:${l.listing.listingKey}`]));
  const events = timeline ? (all ? timeline.events : timeline.events.filter(isNotable)) : [];

  return (
    <section className="card timeline-panel" aria-label={tl.title}>
      <header className="card-head">
        <h2>
          {tl.title}{' '}
          {timeline ? (
            <span className="count">
              {tl.sellerListings(timeline.listings.length)}
              {/* The team hub keeps no re-checks: nothing is found removed there. */}
              {onHub() ? null : (
                <>
                  {', '}
                  {/* counted as the dashboard and the Watch screen count it: a link to those rows */}
                  <a href={attentionHref('removed', { since: null, sellerId })} data-count="removed">
                    {tl.sellerRemoved(timeline.removals)}
                  </a>
                </>
              )}
            </span>
          ) : null}
        </h2>
        <label className="check-label">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {tl.showChecks}
        </label>
      </header>
      <ErrorNote message={error} />
      {!timeline && !error ? <p className="muted">{tl.loading}</p> : null}
      {timeline && events.length === 0 ? <p className="muted">{tl.emptySeller}</p> : null}
      {timeline && events.length > 0 ? <EventsTable events={events} listings={listings} label={tl.title} /> : null}
    </section>
  );
}
