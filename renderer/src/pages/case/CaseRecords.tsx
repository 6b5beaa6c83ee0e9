import type { CaseDetail } from '../../api/types.js';
import { Hash } from '../../components/Hash.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { utc } from '../../util/format.js';

/** What was reported of the case's listings. */
export function CaseTakedowns({ takedowns, listings }: { takedowns: CaseDetail['takedowns']; listings: CaseDetail['listings'] }) {
  const t = useT();
  const c = t.casePage;
  const label = new Map(listings.map((l) => [l.id, `${l.marketplace}:${l.listingKey}`]));
  return (
    <section className="card" aria-label={c.takedowns}>
      <h2>
        {c.takedowns} <span className="count">{takedowns.length}</span>
      </h2>
      {takedowns.length === 0 ? (
        <p className="muted">{c.noTakedowns}</p>
      ) : (
        <table className="dense">
          <thead>
            <tr>
              <th>{c.reportedOn}</th>
              <th>{c.listing}</th>
              <th>{c.platform}</th>
              <th>{c.reportRef}</th>
            </tr>
          </thead>
          <tbody>
            {takedowns.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{r.reportedOn}</td>
                <td>
                  <a href={hrefOf({ page: 'listing', id: r.listingId })}>
                    <code className="hash">{label.get(r.listingId) ?? r.listingId}</code>
                  </a>
                </td>
                <td>{r.platform}</td>
                <td className="wrap">{r.reportRef || <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The dossiers made of the case, as the custody log records them: where each was written, and its hash. */
export function CaseDossiers({ dossiers }: { dossiers: CaseDetail['dossiers'] }) {
  const t = useT();
  const c = t.casePage;
  return (
    <section className="card" aria-label={c.dossiers}>
      <h2>
        {c.dossiers} <span className="count">{dossiers.length}</span>
      </h2>
      {dossiers.length === 0 ? (
        <p className="muted">{c.noDossiers}</p>
      ) : (
        <table className="dense case-dossiers">
          <thead>
            <tr>
              <th>{c.when}</th>
              <th>{c.file}</th>
              <th>{c.language}</th>
              <th className="num">{c.exhibits}</th>
              <th>SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {dossiers.map((d) => (
              <tr key={d.dossierId}>
                <td className="nowrap">{utc(d.at)}</td>
                <td className="wrap">
                  <span title={d.path ?? d.file}>{d.file}</span>
                  {d.path ? <div className="muted small-text url">{d.path}</div> : null}
                </td>
                <td>{d.lang.toUpperCase()}</td>
                <td className="num">{d.exhibits}</td>
                <td>
                  <Hash value={d.sha256} short />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
