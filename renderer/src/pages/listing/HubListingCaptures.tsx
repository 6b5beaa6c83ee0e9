import type { ApiOutputs } from '../../api/types.js';
import { OutcomeBadge } from '../../components/Badges.js';
import { CaptureLink } from '../../components/CaptureLink.js';
import { useT } from '../../i18n/i18n.js';
import { price, utc } from '../../util/format.js';

/**
 * On the team hub: a listing's captures from every workspace, oldest first,
 * each with the title, price and availability its signed extracted.json
 * gives (as corrected in its workspace) and who pushed it.
 */
export function HubListingCaptures({ timeline }: { timeline: ApiOutputs['timeline.listing'] }) {
  const t = useT();
  const h = t.hubApp;
  const hub = timeline.hub ?? {};
  const rows = timeline.events.filter((e) => e.captureId !== null && hub[e.captureId] !== undefined);
  return (
    <section className="card" aria-label={h.listingCaptures}>
      <h2>
        {h.listingCaptures} <span className="count">{rows.length}</span>
      </h2>
      <table className="dense hub-listing-captures">
        <thead>
          <tr>
            <th>{h.captured}</th>
            <th>{t.seller.outcome}</th>
            <th>{h.titleColumn}</th>
            <th className="num">{h.price}</th>
            <th>{h.availability}</th>
            <th>{h.sellerShown}</th>
            <th>{h.pushedBy}</th>
            <th>
              <span className="visually-hidden">{t.tables.evidence}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => {
            const c = hub[e.captureId!]!;
            return (
              <tr key={e.captureId} data-capture={e.captureId}>
                <td className="nowrap mono">{utc(e.at)}</td>
                <td>{e.outcome ? <OutcomeBadge outcome={e.outcome} /> : null}</td>
                <td className="wrap title">{c.title ?? <span className="muted">—</span>}</td>
                <td className="num price">{price(c.price, c.currency)}</td>
                <td className="availability">{c.availability ?? <span className="muted">—</span>}</td>
                <td className="wrap seller-shown">{c.seller ?? <span className="muted">—</span>}</td>
                <td className="pushed-by" title={utc(c.pushedAt)}>
                  {h.pushedLine(c.pushedBy, c.investigator)}
                </td>
                <td>
                  <CaptureLink id={e.captureId!}>{h.open}</CaptureLink>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
