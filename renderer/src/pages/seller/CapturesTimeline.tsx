import type { CaptureLine, ListingSummary } from '../../api/types.js';
import { OutcomeBadge } from '../../components/Badges.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { utc } from '../../util/format.js';

/** The seller's history, newest first; each capture opens its own page. */
export function CapturesTimeline({ captures, listings }: { captures: CaptureLine[]; listings: ListingSummary[] }) {
  const t = useT();
  const titleOf = new Map(listings.map((l) => [l.id, l.title]));
  const newestFirst = [...captures].reverse();
  return (
    <section className="card" aria-label={t.seller.timeline}>
      <h2>
        {t.seller.timeline} <span className="count">{captures.length}</span>
      </h2>
      {captures.length === 0 ? (
        <p className="muted">{t.seller.noCaptures}</p>
      ) : (
        <table className="dense timeline">
          <thead>
            <tr>
              <th>{t.seller.date}</th>
              <th>{t.seller.outcome}</th>
              <th className="num">{t.seller.http}</th>
              <th>{t.seller.listing}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((c) => (
              <tr key={c.id}>
                <td className="nowrap">
                  <a href={hrefOf({ page: 'capture', id: c.id })}>{utc(c.startedAt)}</a>
                </td>
                <td>
                  <OutcomeBadge outcome={c.outcome} />
                </td>
                <td className="num">{c.httpStatus ?? '—'}</td>
                <td className="wrap">
                  {c.listingKey ? <code className="hash">{c.listingKey}</code> : null} {(c.listingId && titleOf.get(c.listingId)) ?? <span className="muted url">{c.url}</span>}
                </td>
                <td>
                  <a className="button-link small" href={hrefOf({ page: 'capture', id: c.id })}>
                    {t.seller.open}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
