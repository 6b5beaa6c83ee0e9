import { onHub } from '../../api/transport.js';
import type { ApiOutputs, CaseDetail } from '../../api/types.js';
import { StatusBadge } from '../../components/Badges.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { price, sellerLabel, utc } from '../../util/format.js';
import { RemoveButton } from './RemoveButton.js';

/** The case's sellers: those added (removable), and those brought in by a listing or capture of the case. */
export function CaseSellers({ sellers }: { sellers: ApiOutputs['cases.get']['sellers'] }) {
  const t = useT();
  const c = t.casePage;
  return (
    <section className="card" aria-label={c.sellers}>
      <h2>
        {c.sellers} <span className="count">{sellers.length}</span>
      </h2>
      {sellers.length === 0 ? (
        <p className="muted">{c.noSellers}</p>
      ) : (
        <table className="dense case-sellers">
          <thead>
            <tr>
              <th>{c.seller}</th>
              <th>{c.name}</th>
              <th>{c.status}</th>
              <th className="num">{c.listings}</th>
              <th className="num">{c.captures}</th>
              <th>{c.why}</th>
            </tr>
          </thead>
          <tbody>
            {sellers.map((s) => (
              <tr key={s.id} data-seller={sellerLabel(s)}>
                <td>
                  <a href={hrefOf({ page: 'seller', id: s.id })}>
                    <code className="hash">{sellerLabel(s)}</code>
                  </a>
                </td>
                <td className="wrap">{s.displayName ?? <span className="muted">—</span>}</td>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td className="num">{s.listings}</td>
                <td className="num">{s.captures}</td>
                <td className={s.mergedMembers.length > 0 ? 'wrap' : 'nowrap'}>
                  {s.member ? <Member kind="seller" refId={s.id} what={sellerLabel(s)} /> : s.mergedMembers.length === 0 ? <span className="muted small-text">{c.sellerBroughtIn}</span> : null}
                  {/* Added by hand, then merged into this seller: removed under the id it was added with. */}
                  {s.mergedMembers.map((m) => (
                    <div key={m.id} className="merged-member" data-member={m.label}>
                      <span className="small-text">{c.mergedMember(m.label)}</span> <RemoveButton kind="seller" refId={m.id} what={m.label} />
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function CaseListings({ listings }: { listings: CaseDetail['listings'] }) {
  const t = useT();
  const c = t.casePage;
  return (
    <section className="card" aria-label={c.listings}>
      <h2>
        {c.listings} <span className="count">{listings.length}</span>
      </h2>
      {listings.length === 0 ? (
        <p className="muted">{c.noListings}</p>
      ) : (
        <table className="dense">
          <thead>
            <tr>
              <th>{c.listing}</th>
              <th>{c.title}</th>
              <th className="num">{t.seller.price}</th>
              <th className="num">{c.captures}</th>
              <th>{t.seller.lastSeen}</th>
              <th>{c.why}</th>
            </tr>
          </thead>
          <tbody>
            {listings.map((l) => {
              const label = `${l.marketplace}:${l.listingKey}`;
              return (
                <tr key={l.id}>
                  <td>
                    {/* The team hub has no listing page: the listing's captures are on its seller's. */}
                    {onHub() ? (
                      <code className="hash">{label}</code>
                    ) : (
                      <a href={hrefOf({ page: 'listing', id: l.id })}>
                        <code className="hash">{label}</code>
                      </a>
                    )}
                  </td>
                  <td className="wrap">{l.title ?? <span className="muted">—</span>}</td>
                  <td className="num">{price(l.price, l.currency)}</td>
                  <td className="num">{l.captures}</td>
                  <td className="nowrap">{utc(l.lastSeen)}</td>
                  <td className="nowrap">{l.member ? <Member kind="listing" refId={l.id} what={label} /> : <span className="muted small-text">{c.listingBroughtIn}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A member added by hand: its Remove button; on the team hub (read-only), the word. */
function Member(p: { kind: 'seller' | 'listing'; refId: string; what: string }) {
  const t = useT();
  return onHub() ? <span className="small-text">{t.casePage.added}</span> : <RemoveButton {...p} />;
}
