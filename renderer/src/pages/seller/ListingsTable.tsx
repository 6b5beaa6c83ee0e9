import type { ListingSummary } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { price, utc } from '../../util/format.js';

export function ListingsTable({ listings }: { listings: ListingSummary[] }) {
  const t = useT();
  return (
    <section className="card" aria-label={t.seller.listings}>
      <h2>
        {t.seller.listings} <span className="count">{listings.length}</span>
      </h2>
      {listings.length === 0 ? (
        <p className="muted">{t.seller.noListings}</p>
      ) : (
        <table className="dense">
          <thead>
            <tr>
              <th>{t.seller.listing}</th>
              <th>{t.seller.title}</th>
              <th title={t.offers.sellersHint}>{t.offers.sellers}</th>
              <th className="num">{t.seller.price}</th>
              <th className="num">{t.seller.captures}</th>
              <th>{t.seller.lastSeen}</th>
            </tr>
          </thead>
          <tbody>
            {listings.map((l) => (
              <tr key={l.id}>
                <td className="id-cell">
                  <a href={hrefOf({ page: 'listing', id: l.id })}>
                    <code className="hash">{`${l.marketplace}:${l.listingKey}`}</code>
                  </a>
                </td>
                <td className="wrap">{l.title ?? <span className="muted">—</span>}</td>
                <td className="wrap">
                  {l.sellers.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="plain">
                      {l.sellers.map((s) => (
                        <li key={s.sellerId}>
                          <a href={hrefOf({ page: 'seller', id: s.sellerId })}>{s.name ?? s.sellerKey}</a>{' '}
                          <span className="muted">
                            {s.via.map((v) => (v === 'buy-box' ? t.offers.buyBox : t.offers.offer)).join(', ')}
                            {s.offer?.price ? ` · ${price(s.offer.price, s.offer.currency)}` : ''}
                            {s.offer?.shipsFrom ? ` · ${t.offers.shipsFrom(s.offer.shipsFrom)}` : ''}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="num">{price(l.price, l.currency)}</td>
                <td className="num">{l.captures}</td>
                <td className="when">{utc(l.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
