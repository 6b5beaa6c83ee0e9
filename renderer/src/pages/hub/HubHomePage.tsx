import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { useHub } from '../../state/hub.js';
import { hrefOf } from '../../state/router.js';
import { useSellers } from '../../state/sellers.js';
import { sellerLabel, utc } from '../../util/format.js';

/** The team hub's first screen: what it holds, and every seller of the team, each opening its page. */
export function HubHomePage() {
  const t = useT();
  const h = t.hubApp;
  const session = useHub((s) => s.session);
  const error = useHub((s) => s.error);
  const sellers = useSellers((s) => s.sellers);
  return (
    <div className="page home hub-home">
      <header className="page-head">
        <div>
          <h1>{h.title}</h1>
          <p className="subtitle small-text">{session ? h.totals(session.sellers, session.captures, session.people, session.workspaces) : t.common.loading}</p>
        </div>
      </header>
      {error ? <ErrorNote message={error} /> : null}
      <p className="muted">{h.intro}</p>
      <section className="card" aria-label={h.sellersHeading}>
        <h2>
          {h.sellersHeading} <span className="count">{sellers.length}</span>
        </h2>
        {sellers.length === 0 ? (
          <p className="muted">{h.noSellers}</p>
        ) : (
          <table className="dense hub-sellers">
            <thead>
              <tr>
                <th>{h.seller}</th>
                <th>{t.seller.marketplaceId}</th>
                <th className="num">{t.seller.listings}</th>
                <th className="num">{t.seller.captures}</th>
                <th>{t.seller.lastSeen}</th>
              </tr>
            </thead>
            <tbody>
              {sellers.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={hrefOf({ page: 'seller', id: s.id })}>{s.displayName ?? t.sidebar.unnamed}</a>
                  </td>
                  <td>
                    <code className="hash">{sellerLabel(s)}</code>
                  </td>
                  <td className="num">{s.listings}</td>
                  <td className="num">{s.captures}</td>
                  <td className="nowrap">{s.lastSeen ? utc(s.lastSeen) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** A screen the hub does not have (a write, a workspace's own work): said, with the way back. */
export function NotOnHub() {
  const t = useT();
  return (
    <div className="page">
      <p role="status">{t.hubApp.notHere}</p>
      <p>
        <a href={hrefOf({ page: 'home' })}>{t.hubApp.backHome}</a>
      </p>
    </div>
  );
}
