import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { useTimeline } from '../../state/timeline.js';
import { ListingTimelinePanel } from '../timeline/ListingTimelinePanel.js';
import { HubListingCaptures } from './HubListingCaptures.js';

/** One listing over time: every capture and re-capture of it, and the reports made about it. */
export function ListingPage({ id }: { id: string }) {
  const t = useT();
  const shown = useTimeline((s) => s.shown);
  const timeline = shown?.kind === 'listing' && shown.value.listing.id === id ? shown.value : null;
  const listing = timeline?.listing ?? null;
  return (
    <div className="page listing-page">
      <header className="page-head">
        <div>
          {listing?.sellerId ? (
            <a className="crumb" href={hrefOf({ page: 'seller', id: listing.sellerId })}>
              ← {t.capture.backToSeller}
            </a>
          ) : null}
          <h1>{listing?.title ?? t.listing.title}</h1>
          {listing ? (
            <>
              <code className="hash big">{`${listing.marketplace}:${listing.listingKey}`}</code>
              <div>
                <code className="url muted">{listing.url}</code>
              </div>
            </>
          ) : null}
        </div>
      </header>
      <ListingTimelinePanel listingId={id} />
      {/* On the team hub: each capture's values and who pushed it. */}
      {timeline?.hub ? <HubListingCaptures timeline={timeline} /> : null}
    </div>
  );
}
