import type { LabelledResult } from '../../api/types.js';
import { ClassificationBadge, EventBadge } from '../../components/Badges.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { utc } from '../../util/format.js';
import { ChangeList } from '../timeline/ChangeList.js';
import { CaptureLink } from '../../components/CaptureLink.js';

/** Each page a run re-captured, newest first: what it was classified, what changed, and the capture that shows it. */
export function ResultsTable({ results, label }: { results: readonly LabelledResult[]; label: string }) {
  const t = useT();
  const w = t.watch;
  return (
    <table className="dense results" aria-label={label}>
      <thead>
        <tr>
          <th>{w.page}</th>
          <th>{w.result}</th>
          <th>{w.whatItShowed}</th>
          <th>
            <span className="visually-hidden">{t.tables.evidence}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {results.map((r, i) => (
          <tr key={`${r.jobId}-${r.attempt}-${i}`} data-classification={r.classification}>
            <td className="wrap page-cell">
              <PageName result={r} />
            </td>
            <td className="nowrap">
              {r.stillRemoved ? <EventBadge kind="still-removed" /> : <ClassificationBadge classification={r.classification} />} {r.reappeared ? <ClassificationBadge classification="reappeared" /> : null}
            </td>
            <td className="wrap">
              <ChangeList changes={r.changes} />
              <Details result={r} />
            </td>
            <td>
              {r.captureId ? (
                <CaptureLink id={r.captureId}>{w.open}</CaptureLink>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PageName({ result: r }: { result: LabelledResult }) {
  const t = useT();
  const name = r.label ?? r.url;
  return (
    <>
      {r.kind === 'storefront' ? <span className="muted small-text">{t.watch.storefrontOf} </span> : null}
      {r.kind === 'listing' && r.listingId ? (
        <a href={hrefOf({ page: 'listing', id: r.listingId })}>
          <code className="hash">{name}</code>
        </a>
      ) : r.sellerId ? (
        <a href={hrefOf({ page: 'seller', id: r.sellerId })}>
          <code className="hash">{name}</code>
        </a>
      ) : (
        <code className="url">{name}</code>
      )}
    </>
  );
}

function Details({ result: r }: { result: LabelledResult }) {
  const t = useT();
  const w = t.watch;
  const parts: string[] = [];
  if (r.classification === 'unchanged') parts.push(w.sameAsBefore);
  if (r.classification === 'first') parts.push(w.nothingToCompare);
  // A removal is proven by the status (404, 410) or by the marketplace's own notice on a page that loaded.
  if (r.classification === 'removed') parts.push(r.outcome === 'not-found' || r.outcome === 'gone' ? (t.outcomes[r.outcome] ?? r.outcome) : w.removalNotice);
  if (r.screenshotDiff !== null) parts.push(t.timeline.screenshotDiff(r.screenshotDiff));
  if (r.classification === 'blocked' || r.classification === 'error') parts.push(t.outcomes[r.outcome] ?? r.outcome);
  if (r.newListings.length > 0) parts.push(w.newListings(r.newListings.length));
  if (r.status === 'retry') parts.push(w.retryAt(utc(r.retryAt)));
  if (r.status === 'failed') parts.push(w.gaveUp(r.attempt));
  if (parts.length === 0) return null;
  return <span className="muted small-text">{parts.join(' · ')}</span>;
}
