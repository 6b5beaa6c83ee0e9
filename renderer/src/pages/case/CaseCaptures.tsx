import { onHub } from '../../api/transport.js';
import type { CaseDetail } from '../../api/types.js';
import { OutcomeBadge } from '../../components/Badges.js';
import { CaptureLink } from '../../components/CaptureLink.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { utc } from '../../util/format.js';
import { RemoveButton } from './RemoveButton.js';

/** Every capture of the case, filed under a seller or not, newest first, with why it is in the case. */
export function CaseCaptures({ captures }: { captures: CaseDetail['captures'] }) {
  const t = useT();
  const c = t.casePage;
  return (
    <section className="card" aria-label={c.captures}>
      <h2>
        {c.captures} <span className="count">{captures.length}</span>
      </h2>
      {captures.length === 0 ? (
        <p className="muted">{c.noCaptures}</p>
      ) : (
        <table className="dense case-captures">
          <thead>
            <tr>
              <th>{c.when}</th>
              <th>{c.outcome}</th>
              <th>{c.listing}</th>
              <th>{c.filedUnder}</th>
              <th>{c.why}</th>
            </tr>
          </thead>
          <tbody>
            {captures.map((x) => (
              <tr key={x.id} data-capture={x.id}>
                <td className="nowrap">
                  <CaptureLink id={x.id}>{utc(x.startedAt)}</CaptureLink>
                </td>
                <td className="nowrap">
                  <OutcomeBadge outcome={x.outcome} />
                </td>
                <td className="wrap">
                  {x.listingId && onHub() ? (
                    // The team hub has no listing page.
                    <span>{x.title ?? <code className="hash">{x.listingKey}</code>}</span>
                  ) : x.listingId ? (
                    <a href={hrefOf({ page: 'listing', id: x.listingId })}>{x.title ?? <code className="hash">{x.listingKey}</code>}</a>
                  ) : (
                    <span className="muted small-text url">{x.url}</span>
                  )}
                </td>
                <td className="nowrap">
                  {x.sellerId ? (
                    <a href={hrefOf({ page: 'seller', id: x.sellerId })}>
                      <code className="hash">{x.seller}</code>
                    </a>
                  ) : (
                    <span className="badge outcome-warn">{c.notFiled}</span>
                  )}
                </td>
                <td className="nowrap">
                  {x.via === 'member' ? (
                    <>
                      <span className="small-text">{c.via.member}</span>
                      {onHub() ? null : (
                        <>
                          {' '}
                          <RemoveButton kind="capture" refId={x.id} what={t.unfiled.capture(utc(x.startedAt))} />
                        </>
                      )}
                    </>
                  ) : (
                    <span className="muted small-text">{c.via[x.via]}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
