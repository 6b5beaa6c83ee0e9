import './links.css';
import type { ApiOutputs } from '../../api/types.js';
import { CaptureLink } from '../../components/CaptureLink.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { utc, utcDate } from '../../util/format.js';
import { LinkEvidence } from './LinkEvidence.js';
import { useLoaded } from './useLoaded.js';

type View = ApiOutputs['links.operator'];
type Account = View['accounts'][number];

/**
 * An operator (#20): all its accounts over time, on one axis and in a table
 * (first and last seen, listings, removed or blocked, which came back as
 * which), then each link between them with its evidence side by side.
 */
export function OperatorPage({ id }: { id: string }) {
  const t = useT();
  const { value: view, error } = useLoaded('links.operator', { ref: id }, id);
  if (error) return <div className="page"><ErrorNote message={error} /></div>;
  if (!view) return <div className="page muted">{t.links.loading}</div>;
  const labelOf = new Map(view.accounts.map((a) => [a.sellerId, a.label]));
  const first = view.accounts[0];
  return (
    <div className="page operator-page">
      <header className="page-head">
        <div>
          <h1>
            {t.links.operatorTitle}: {first?.label ?? id}
          </h1>
          <p className="muted">{t.links.accountsCount(view.accounts.length)} · {t.links.operatorIntro}</p>
        </div>
      </header>
      <section className="card" aria-labelledby="op-accounts">
        <h2 id="op-accounts">{t.links.accountsTitle}</h2>
        {view.span ? <AccountsAxis accounts={view.accounts} span={view.span} /> : null}
        <div className="table-wrap">
          <table className="operator-accounts">
            <thead>
              <tr>
                <th scope="col">{t.links.account}</th>
                <th scope="col">{t.links.firstSeen}</th>
                <th scope="col">{t.links.lastSeen}</th>
                <th scope="col">{t.links.listings}</th>
                <th scope="col">{t.links.status}</th>
              </tr>
            </thead>
            <tbody>
              {view.accounts.map((a) => (
                <tr key={a.sellerId} aria-label={a.label}>
                  <th scope="row">
                    <a href={hrefOf({ page: 'seller', id: a.sellerId })}>
                      <code>{a.label}</code>
                    </a>
                    {a.mergedInto ? (
                      <div className="muted small-text">
                        {t.links.mergedInto} <code>{labelOf.get(a.mergedInto) ?? a.mergedInto}</code>
                      </div>
                    ) : null}
                  </th>
                  <td>{a.firstSeen ? utc(a.firstSeen) : '—'}</td>
                  <td>{a.lastSeen ? utc(a.lastSeen) : '—'}</td>
                  <td>{a.listings}</td>
                  <td>
                    <AccountStatus account={a} labelOf={labelOf} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card linked-accounts" aria-labelledby="op-links">
        <h2 id="op-links">{t.links.linksTitle}</h2>
        {view.links.length === 0 ? <p className="muted">{t.links.noMembersLinks}</p> : null}
        {view.links.map((l) => (
          <article key={`${l.a}|${l.b}`} className={`link-card ${l.strength}`} aria-label={`${l.aLabel} ~ ${l.bLabel}`}>
            <header className="link-head">
              <span className={`badge outcome-${l.strength === 'strong' ? 'bad' : 'warn'}`}>{l.strength === 'strong' ? t.links.strong : t.links.weak}</span>
              <code>{l.aLabel}</code> ~ <code>{l.bLabel}</code>
              <span className="muted small-text">{t.links.score(l.score)}</span>
              {l.decision === 'confirmed' ? <span className="badge outcome-good">{t.links.confirmed}</span> : null}
            </header>
            <LinkEvidence link={l} left={l.a} traders={view.traderDetails} />
          </article>
        ))}
      </section>
    </div>
  );
}

function AccountStatus({ account: a, labelOf }: { account: Account; labelOf: Map<string, string> }) {
  const t = useT();
  return (
    <div className="account-status">
      {a.removed ? (
        <div>
          <span className="badge outcome-bad">{t.links.removedBy[a.removed.how]}</span> {a.removed.at ? utcDate(a.removed.at) : null}{' '}
          {a.removed.captureId ? <CaptureLink id={a.removed.captureId}>{t.links.capture}</CaptureLink> : null}
        </div>
      ) : a.blocked ? null : (
        <span className="badge outcome-good">{t.links.active}</span>
      )}
      {a.blocked ? (
        <div>
          <span className="badge outcome-warn">{t.links.blocked}</span> {utcDate(a.blocked.at)} <CaptureLink id={a.blocked.captureId}>{t.links.capture}</CaptureLink>
        </div>
      ) : null}
      {a.takedowns > 0 ? <div className="small-text">{t.links.takedowns(a.takedowns)}</div> : null}
      <SellerRefs label={t.links.cameBackAs} ids={a.cameBackAs} labelOf={labelOf} />
      <SellerRefs label={t.links.returnOf} ids={a.returnOf} labelOf={labelOf} />
    </div>
  );
}

function SellerRefs({ label, ids, labelOf }: { label: string; ids: string[]; labelOf: Map<string, string> }) {
  if (ids.length === 0) return null;
  return (
    <div className="small-text">
      {label}{' '}
      {ids.map((id) => (
        <a key={id} href={hrefOf({ page: 'seller', id })}>
          <code>{labelOf.get(id) ?? id}</code>{' '}
        </a>
      ))}
    </div>
  );
}

/** Each account as a bar from first seen to last seen (or its removal), all on one time axis. */
function AccountsAxis({ accounts, span }: { accounts: Account[]; span: { from: string; to: string } }) {
  const t = useT();
  const from = Date.parse(span.from);
  const width = Math.max(1, Date.parse(span.to) - from);
  const at = (iso: string) => ((Date.parse(iso) - from) / width) * 100;
  return (
    <figure className="operator-axis" aria-label={t.links.timelineLabel}>
      {accounts.map((a) => {
        const start = a.firstSeen ?? a.removed?.at ?? span.from;
        const end = a.removed?.at ?? a.lastSeen ?? start;
        // An account seen once, or last of all, still shows as a mark at its place.
        const left = Math.min(at(start), 98.5);
        const right = Math.max(left + 1.5, at(end > start ? end : start));
        return (
          <div className="axis-row" key={a.sellerId}>
            <span className="axis-label">
              <code>{a.label}</code>
            </span>
            <span className="axis-track">
              <span className={`axis-bar ${a.removed ? 'removed' : a.blocked ? 'blocked' : 'up'}`} style={{ left: `${left}%`, width: `${Math.min(100, right) - left}%` }} />
            </span>
          </div>
        );
      })}
      <figcaption className="axis-scale muted small-text">
        <span>{utcDate(span.from)}</span>
        <span>{utcDate(span.to)}</span>
      </figcaption>
    </figure>
  );
}
