import type { ApiOutputs } from '../../api/types.js';
import { OutcomeBadge } from '../../components/Badges.js';
import { CaptureLink } from '../../components/CaptureLink.js';
import { useT } from '../../i18n/i18n.js';
import { price, utc } from '../../util/format.js';

/** A value the investigator corrected in the workspace: marked as the capture page marks it. */
function Corrected({ on }: { on: boolean }) {
  const t = useT();
  return on ? (
    <>
      {' '}
      <span className="corrected-mark">{t.capture.corrected}</span>
    </>
  ) : null;
}

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
            <th>
              {h.titleColumn} · {h.sellerShown}
            </th>
            <th className="num">{h.price}</th>
            <th>{h.availability}</th>
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
                <td className="mono">
                  {utc(e.at)}
                  {e.outcome ? (
                    <div>
                      <OutcomeBadge outcome={e.outcome} />
                    </div>
                  ) : null}
                </td>
                <td className="wrap">
                  <span className="title">{c.title ?? <span className="muted">—</span>}</span>
                  <Corrected on={c.corrected.includes('title')} />
                  <div className="small-text">
                    <span className="seller-shown">{c.seller ?? <span className="muted">—</span>}</span>
                    <Corrected on={c.corrected.includes('seller')} />
                  </div>
                </td>
                <td className="num price">
                  {price(c.price, c.currency)}
                  <Corrected on={c.corrected.includes('price')} />
                </td>
                <td className="availability">
                  {c.availability ?? <span className="muted">—</span>}
                  <Corrected on={c.corrected.includes('availability')} />
                </td>
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
