import './links.css';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { useLoaded } from './useLoaded.js';

/** The links list (#20): every operator, each opening its page, and every proposed link between two accounts. */
export function LinksPage() {
  const t = useT();
  const { value: report, error } = useLoaded('links.list', {}, 'all');
  return (
    <div className="page links-page">
      <header className="page-head">
        <div>
          <h1>{t.links.listTitle}</h1>
          <p className="muted">{t.links.listIntro}</p>
        </div>
      </header>
      {error ? <ErrorNote message={error} /> : null}
      {!report && !error ? <p className="muted">{t.links.loading}</p> : null}
      {report ? (
        <>
          <section className="card" aria-labelledby="links-operators">
            <h2 id="links-operators">{t.links.operatorsTitle}</h2>
            {report.operatorIds.length === 0 ? <p className="muted">{t.links.noOperators}</p> : null}
            <ul className="operator-list">
              {report.operatorIds.map((ids, i) => (
                <li key={ids.join('|')}>
                  <a href={hrefOf({ page: 'operator', id: ids[0]! })}>{t.links.accountsCount(ids.length)}</a>: {report.operators[i]!.map((l) => <code key={l}>{l} </code>)}
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="links-all">
            <h2 id="links-all">{t.links.allLinks}</h2>
            {report.links.length === 0 ? <p className="muted">{t.links.noLinks}</p> : null}
            <div className="table-wrap">
              <table className="links-table">
                <thead>
                  <tr>
                    <th scope="col">{t.links.account}</th>
                    <th scope="col">{t.links.account}</th>
                    <th scope="col">{t.links.shared}</th>
                    <th scope="col">{t.links.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.links.map((l) => (
                    <tr key={`${l.a}|${l.b}`}>
                      <td>
                        <a href={hrefOf({ page: 'operator', id: l.a })}>
                          <code>{l.aLabel}</code>
                        </a>
                      </td>
                      <td>
                        <a href={hrefOf({ page: 'operator', id: l.b })}>
                          <code>{l.bLabel}</code>
                        </a>
                      </td>
                      <td>{[...new Set(l.shared.map((s) => t.links.kinds[s.kind]))].join(', ')}</td>
                      <td>
                        <span className={`badge outcome-${l.strength === 'strong' ? 'bad' : 'warn'}`}>{l.strength === 'strong' ? t.links.strong : t.links.weak}</span>{' '}
                        {l.decision === 'confirmed' ? <span className="badge outcome-good">{t.links.confirmed}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
    </div>
  );
}
